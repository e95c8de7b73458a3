"""Results charts as citizens see them in Chromium: readable on a 360 px phone, gaps where months are missing."""

from __future__ import annotations

import pytest

from devtools.qa.browser import DESKTOP, PHONE
from devtools.qa.pagechecks import SMALLEST_TEXT, small_text_problems

pytestmark = pytest.mark.browser

# Xã Bát Tràng skipped March 2026 in the sample; the city trend has every month.
SKIPPED = "co-quan/xa-bat-trang/ket-qua/"
CHART_PAGES = [SKIPPED, "ket-qua/qua-cac-thang/"]

# Every word drawn in a chart, with its drawn size and box; SVG text counts at the size it is drawn.
_CHART_TEXT = """() => [...document.querySelectorAll('.chart')].flatMap((chart, index) => {
  const found = [];
  const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('title, desc')) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || !el.getClientRects().length) continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      size *= Math.min(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    found.push({chart: index, text: node.textContent.trim(), size, left: box.left, right: box.right});
  }
  return found;
})"""

# Centre of each month's column under the plot, of each gap over it, and the plot's edges.
_COLUMNS = """chart => {
  const centre = el => { const r = el.getBoundingClientRect(); return (r.left + r.right) / 2; };
  const svg = chart.querySelector('svg').getBoundingClientRect();
  const months = [...chart.querySelectorAll('.chart-x li')];
  return {
    months: months.map(centre),
    shown: months.map(li => li.textContent && getComputedStyle(li).visibility === 'visible' ? li.textContent : null),
    gaps: [...chart.querySelectorAll('.chart-gaps li')].map(li => li.classList.contains('gap') ? centre(li) : null),
    gapText: [...chart.querySelectorAll('.chart-gaps .gap span')].map(s => s.getClientRects().length ? s.textContent : ''),
    plot: [svg.left, svg.right],
    axis: (() => { const r = chart.querySelector('.chart-x').getBoundingClientRect(); return [r.left, r.right]; })(),
  };
}"""


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_at_least_12_px_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    words = phone.evaluate(_CHART_TEXT)
    charts = phone.locator(".chart").count()
    assert charts >= 3
    # Each chart shows its value labels and some month labels.
    assert {w["chart"] for w in words} == set(range(charts))
    assert [w for w in words if w["size"] < SMALLEST_TEXT] == []
    assert [w for w in words if w["left"] < 0 or w["right"] > PHONE["width"]] == []
    assert small_text_problems(phone, path) == []


def test_a_skipped_month_is_a_labelled_gap_in_its_column(browser, base_url):
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto(base_url + SKIPPED)
        charts = page.locator(".chart")
        assert charts.count() == 5
        for i in range(charts.count()):
            columns = charts.nth(i).evaluate(_COLUMNS)
            # The drawing spans exactly the months' row, so a month's column is the same in both.
            assert columns["plot"] == pytest.approx(columns["axis"], abs=0.5)
            gaps = [(index, centre) for index, centre in enumerate(columns["gaps"]) if centre is not None]
            assert [index for index, _ in gaps] == [5]  # 10/2025 … 2/2026, then 3/2026
            assert gaps[0][1] == pytest.approx(columns["months"][5], abs=0.5)
            assert columns["gapText"] == ["chưa công khai"]
            shown = [label for label in columns["shown"] if label]
            assert shown[-1] == "10/26"
            if viewport is DESKTOP:
                assert len(shown) == 13
            else:
                assert 3 <= len(shown) < 13
        context.close()
