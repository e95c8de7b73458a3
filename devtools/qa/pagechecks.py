"""Checks of one page in a real browser: axe-core, keyboard, phone width, tap targets, text size, print, third parties.

Each function takes a Playwright page already showing the page to check (see
``browser`` for the contexts they expect) and the page's name for its problems.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route

from congkhai.problems import Problem
from . import ToolError

# axe-core rules for WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INTERACTIVE = ("a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, "
               "[tabindex]:not([tabindex='-1'])")
TAP_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (level AA)
SMALLEST_TEXT = 12  # CSS px: the smallest text a phone may show
# An A4 sheet less the print style's 15 mm margins, at 96 CSS px per inch.
PRINT_WIDTH = 680
# What a printed page must not show: it is for reading on paper, not for navigating.
PRINT_CHROME = "nav, form, [role=search], .skip-link"
SEARCH_BOX = "form[role=search] input[type=search]"

# Shared by the scripts below: a short, readable name for an element.
_DESCRIBE = """const describe = el => {
  const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || '').trim().replace(/\\s+/g, ' ');
  const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
  return `<${el.tagName.toLowerCase()}${cls}> "${text.slice(0, 50)}"`;
};
const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
  && !el.disabled && !el.closest('[inert]');"""

_MARK_TARGETS = f"""selector => {{
  {_DESCRIBE}
  const focusStyle = el => {{ const s = getComputedStyle(el); return [s.boxShadow, s.backgroundColor].join('|'); }};
  window.__qaTargets = [...document.querySelectorAll(selector)].filter(shown);
  window.__qaRest = window.__qaTargets.map(focusStyle);
  // Tab stops once in a group of radio buttons (arrow keys move inside it): one stop for all.
  const group = (el, i) => el.type === 'radio' && el.name ? `radio ${{el.form ? el.form.id : ''}} ${{el.name}}` : `${{i}}`;
  return window.__qaTargets.map((el, i) => ({{what: describe(el), group: group(el, i)}}));
}}"""

_FOCUSED = f"""() => {{
  {_DESCRIBE}
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const index = window.__qaTargets.indexOf(el);
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const restyled = index >= 0 && window.__qaRest[index] !== [s.boxShadow, s.backgroundColor].join('|');
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  const main = document.querySelector('main');
  const target = el.tagName === 'A' && el.hash && document.getElementById(decodeURIComponent(el.hash.slice(1)));
  return {{index, what: describe(el), visible: (outlined || restyled) && onScreen,
          skip: !!(target && main && main.contains(target))}};
}}"""

_OVERFLOW = f"""() => {{
  {_DESCRIBE}
  const width = document.documentElement.clientWidth;
  const extra = document.documentElement.scrollWidth - width;
  if (extra <= 0) return null;
  const clipped = el => {{
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  }};
  const wide = [...document.body.querySelectorAll('*')].find(
    el => el.getBoundingClientRect().right > width + 0.5 && !clipped(el));
  return {{extra, what: wide ? describe(wide) : ''}};
}}"""

_SMALL_TARGETS = f"""([selector, size]) => {{
  {_DESCRIBE}
  // WCAG 2.5.8 exception: a link inside a sentence is sized by the text around it.
  const inSentence = el => {{
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    return block.textContent.trim().length > el.textContent.trim().length;
  }};
  return [...document.querySelectorAll(selector)].filter(shown).flatMap(el => {{
    const r = el.getBoundingClientRect();
    const w = Math.round(r.width * 100) / 100, h = Math.round(r.height * 100) / 100;
    if (r.right <= 0 || r.bottom <= 0) return [];  // off screen until focused, like a skip link
    if ((w >= size && h >= size) || inSentence(el)) return [];
    return [`${{describe(el)}} ${{Math.round(w)}}×${{Math.round(h)}}px`];
  }});
}}"""

# Text as drawn: SVG text is scaled with its drawing, so a label sized for a desktop chart
# ends up a few pixels tall on a phone; its drawn size is its font size times the scale.
_SMALL_TEXT = f"""minimum => {{
  {_DESCRIBE}
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {{
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('title, desc')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility !== 'visible') continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGGraphicsElement) {{
      const m = el.getScreenCTM();
      size *= Math.min(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
    }}
    if (size < minimum - 0.05) found.add(`${{describe(el)}} ${{size.toFixed(1).replace('.', ',')}}px`);
  }}
  return [...found];
}}"""

_SHOWN_IN_PRINT = f"""selector => {{
  {_DESCRIBE}
  return [...document.querySelectorAll(selector)].filter(shown).map(describe);
}}"""


def axe_problems(page: Page, name: str) -> list[Problem]:
    """axe-core's WCAG 2.0/2.1 A and AA violations; the page needs axe (``checking_context``)."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        Problem(name, 0, f"axe:{v['id']}", f"{v['help']}: {' '.join(map(str, node['target']))}")
        for v in result["violations"] for node in v["nodes"]
    ]


def keyboard_problems(page: Page, name: str) -> list[Problem]:
    """Tab through the page: every control is reached, shows where focus is, and the skip link works."""
    targets = page.evaluate(_MARK_TARGETS, INTERACTIVE)
    found, reached, first = [], set(), None
    for _ in range(len(targets) + 2):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["index"] in reached:
            break
        reached.add(focused["index"])
        first = first or focused
        if not focused["visible"]:
            found.append(Problem(name, 0, "focus", f"không thấy rõ chỗ đang chọn (focus): {focused['what']}"))
    reached_groups = {targets[i]["group"] for i in reached if i >= 0}
    unreached = {t["group"]: t["what"] for t in targets if t["group"] not in reached_groups}
    found += [Problem(name, 0, "keyboard", f"không tới được bằng phím Tab: {what}") for what in unreached.values()]
    if not first or not first["skip"]:
        found.append(Problem(name, 0, "skip-link", "phím Tab đầu tiên phải tới liên kết bỏ qua, đến nội dung chính"))
    else:
        page.evaluate("i => window.__qaTargets[i].focus()", first["index"])
        page.keyboard.press("Enter")
        if not page.evaluate("document.querySelector('main').contains(document.activeElement)"):
            found.append(Problem(name, 0, "skip-link", "liên kết bỏ qua không đưa focus vào <main>"))
    return found


def phone_problems(page: Page, name: str) -> list[Problem]:
    """At phone width: no sideways scrolling, every tap target at least 24 × 24 px."""
    found = []
    overflow = page.evaluate(_OVERFLOW)
    if overflow:
        found.append(Problem(name, 0, "phone", f"trang cuộn ngang {overflow['extra']}px; phần tử quá rộng: {overflow['what']}"))
    found += [Problem(name, 0, "tap-target", f"vùng chạm nhỏ hơn {TAP_TARGET}×{TAP_TARGET}px: {what}")
              for what in page.evaluate(_SMALL_TARGETS, [INTERACTIVE, TAP_TARGET])]
    return found


def small_text_problems(page: Page, name: str) -> list[Problem]:
    """At phone width: no text drawn smaller than SMALLEST_TEXT, SVG text at the size it is drawn."""
    return [Problem(name, 0, "text-size", f"chữ nhỏ hơn {SMALLEST_TEXT}px: {what}")
            for what in page.evaluate(_SMALL_TEXT, SMALLEST_TEXT)]


def print_problems(page: Page, name: str, address: str) -> list[Problem]:
    """Printed on A4: no navigation, nothing wider than the paper, and the page's ``address`` on it."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": PRINT_WIDTH, "height": viewport["height"]})
    page.emulate_media(media="print")
    try:
        found = [Problem(name, 0, "print", f"bản in còn phần điều hướng: {what}")
                 for what in page.evaluate(_SHOWN_IN_PRINT, PRINT_CHROME)]
        overflow = page.evaluate(_OVERFLOW)
        if overflow:
            found.append(Problem(name, 0, "print", f"bản in rộng hơn khổ A4 {overflow['extra']}px: {overflow['what']}"))
        # A long address wraps on paper, and pdftotext joins a line that ends with "-" to the
        # next without it: what counts is that all of the address is printed.
        if _letters(address) not in _letters(pdf_text(page.pdf(format="A4"))):
            found.append(Problem(name, 0, "print", f"bản in không có địa chỉ trang {address}"))
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(viewport)
    return found


def _letters(text: str) -> str:
    """``text`` without spaces, line breaks and hyphens."""
    return "".join(text.split()).replace("-", "")


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, read by Poppler's pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        raise ToolError("cần pdftotext (./dev cài gói Debian poppler-utils)")
    return subprocess.run([pdftotext, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


@contextmanager
def outside_requests(page: Page, base_url: str) -> Iterator[list[str]]:
    """Collect, and stop, every request the page makes to another host while the block runs."""
    site = urlsplit(base_url).netloc
    outside: list[str] = []

    def route(r: Route) -> None:
        if urlsplit(r.request.url).netloc == site:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        yield outside
    finally:
        page.unroute("**/*", route)


def third_party_problems(name: str, outside: list[str]) -> list[Problem]:
    return [Problem(name, 0, "third-party", f"trình duyệt gửi yêu cầu ra ngoài trang: {url}") for url in outside]


def search_problems(page: Page, name: str, base_url: str, query: str = "khai sinh") -> list[Problem]:
    """Search from the page's search box: no request may leave the site meanwhile."""
    with outside_requests(page, base_url) as outside:
        box = page.locator(SEARCH_BOX).first
        box.fill(query)
        box.press("Enter")
        page.wait_for_load_state("networkidle")
    return third_party_problems(name, outside)
