"""The pages the plugin writes, as data: what a page is (page.py), the pages about the procedures (site.py),
the open data and old-address pages (disclosure.py) and the sitemap (sitemap.py). The monthly results'
pages are in congkhai.results.pages, the printed sheets' in congkhai.printed.pages.
"""
