"""Production settings: absolute URLs for the public site and Atom feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address of the site, set by the publishing workflow or as SITEURL=https://... ./dev publish.
# Printed QR codes lead there: the build stops when it is an address of this machine (the default).
SITEURL = os.environ.get("SITEURL", "http://localhost:8000").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "thong-bao/atom.xml"
CONGKHAI = {**CONGKHAI, "feed_atom": "cap-nhat/atom.xml", "production": True}
