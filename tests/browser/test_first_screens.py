"""Citizen first: on a 360 px phone with JavaScript, every procedure in force says where to go, how long
and how much within the first screen and a half, and shows its first document within three screens.

Positions are measured in screens (the viewport's height), so the test holds with any fonts.
"""

from __future__ import annotations

import pytest
import yaml

from helpers import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
IN_FORCE = sorted(
    data["ma"] for data in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "procedures").glob("*.yaml"))
    if data.get("trang_thai", "hieu-luc") == "hieu-luc"
)
# Where the bottom of each part lies, in screens from the top of the page.
_BOTTOMS = """() => {
  const screens = y => (y + scrollY) / innerHeight;
  const row = label => [...document.querySelectorAll('.glance dt')].find(dt => dt.textContent.trim() === label);
  const bottom = el => el ? screens(el.closest('.summary-row').getBoundingClientRect().bottom) : null;
  const first = [...document.querySelectorAll('#ho-so table.documents tbody tr')].find(tr => tr.offsetParent);
  return {
    where: bottom(row('Nộp hồ sơ ở đâu')),
    limit: bottom(row('Thời hạn giải quyết')),
    fee: bottom(row('Phí, lệ phí')),
    document: first ? screens(first.getBoundingClientRect().bottom) : null,
  };
}"""


@pytest.fixture(scope="module")
def phone_with_js(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_sample_has_procedures_in_force():
    assert len(IN_FORCE) >= 30


@pytest.mark.parametrize("code", IN_FORCE)
def test_where_how_long_how_much_first_then_the_documents(phone_with_js, base_url, code):
    phone_with_js.goto(f"{base_url}thu-tuc/{code}/")
    at = phone_with_js.evaluate(_BOTTOMS)
    assert None not in at.values(), at
    assert max(at["where"], at["limit"], at["fee"]) <= 1.5, at
    assert at["document"] <= 3, at
