"""Search: what each page gives the index (record.py: filters, result data, weights; words.py: the words
citizens type that the official texts lack), what Pagefind reads (feed.py: only the marked parts of the
pages), the index itself (index.py: runs Pagefind on that feed) and its same bytes every build (stable.py).
"""
