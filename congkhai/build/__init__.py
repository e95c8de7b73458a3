"""The build machinery, behind one object (``session.Build``): staging and publishing (staging.py), what
each file depends on (keys.py), keeping the last build's files (reuse.py), the validated-data cache
(cache.py), rendering on every core (parallel.py), recurring fragments rendered once (fragments.py), the
skip of a build with nothing new (unchanged.py) and what a build says it did, and why (report.py).

The model (congkhai.catalog, congkhai.pages) does not import this package; the
plugin and the generators drive it.
"""
