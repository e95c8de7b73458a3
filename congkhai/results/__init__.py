"""The monthly results: the nine dossier counts of a row (counts.py), the rules of a results file (rules.py),
the model the pages show: sums, rates, series, who reported (model.py), who is late (ranking.py), the
results pages (pages.py) and the skeleton of a new month's report (scaffold.py, ``invoke new-report``).
"""
