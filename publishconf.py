"""Production settings: absolute URLs for the public site and Atom feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address of the site, e.g. set by the publishing workflow.
SITEURL = os.environ.get("SITEURL", "http://localhost:8000").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "thong-bao/atom.xml"
CONGKHAI = {**CONGKHAI, "feed_atom": "cap-nhat/atom.xml"}
