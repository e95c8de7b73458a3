"""The browser tests measure pages with the font the site's style sheet names.

How many A4 pages a desk sheet or poster prints on depends on the font's
widths: with another sans-serif (DejaVu Sans, Debian's default when Noto is
missing) the ten commitments take two pages. ``./dev test`` installs Noto
Sans; without it, this test says so instead of the page counts failing.
"""

import pytest

pytestmark = pytest.mark.browser


def test_text_is_set_in_noto_sans(browser, base_url):
    page = browser.new_page()
    try:
        page.goto(base_url + "10-noi-dung-yeu-cau/to-niem-yet/")
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        heading = session.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    finally:
        page.close()
    used = {font["familyName"] for font in fonts}
    assert used == {"Noto Sans"}, f"pages are set in {used}; install Noto Sans (./dev test installs fonts-noto-core)"
