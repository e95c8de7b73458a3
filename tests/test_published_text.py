"""Texts as published (issue #15): each line keeps its own line, its own number or letter, and steps their "Bước N".

Function tests render real fields of the national procedure database
(tests/data/real-text, and the 60 records of ../shared/real-sample) and compare
the lines a reader sees with the lines of the record; one build checks the
pages of real procedures.
"""

from __future__ import annotations

import re
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from congkhai.published_text import Paragraph, blocks, steps
from congkhai.text import markdown
from helpers import REAL_TEXT, ROOT

REAL_SAMPLE = ROOT.parent / "shared" / "real-sample" / "procedures"
# The records a test reads: the fixtures, and the real sample beside the repository (CI has it too).
RECORDS = sorted(REAL_TEXT.glob("*/*.yaml")) + sorted(REAL_SAMPLE.glob("*.yaml"))
BULLET = re.compile(r"^[-+*•–](?:\s+|$)")
STEP_LABEL = re.compile(r"Bước\s*\d{1,2}\s*[:.]")


def record(name: str) -> dict:
    return yaml.safe_load((REAL_TEXT / f"{name}.yaml").read_text(encoding="utf-8"))


def words(line: str) -> str:
    """A line without its marker ("a)", "-") and the space or tab after it."""
    return line.split(None, 1)[1]


class _Lines(HTMLParser):
    """The lines a reader sees: each block element, <br> and note starts one."""

    BLOCKS = {"p", "li", "br", "div", "section", "h2", "h3", "tr", "th", "td", "caption", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__()
        self.lines = [""]

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or ("class", "note") in attrs:
            self.lines.append("")

    def handle_data(self, data):
        self.lines[-1] += data


def shown(html: str) -> list[str]:
    parser = _Lines()
    parser.feed(str(html))
    return [" ".join(line.split()) for line in parser.lines if line.strip()]


def written(text: str, bullets_shown: bool) -> list[str]:
    """The lines of a record's text as a reader must see them; a list's bullet ("-", "+") is the browser's."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).split("\n") if line.strip()]
    return lines if bullets_shown else [BULLET.sub("", line) for line in lines]


def text_fields(data: dict):
    """(field, text, inline) of every text of a procedure that goes through the Markdown filters."""
    yield "yeu_cau_dieu_kien", data["yeu_cau_dieu_kien"], False
    for i, way in enumerate(data["cach_thuc"]):
        yield f"cach_thuc[{i}].thoi_han", way["thoi_han"], True
        yield f"cach_thuc[{i}].phi_le_phi", way["phi_le_phi"], True
        if way.get("mo_ta"):
            yield f"cach_thuc[{i}].mo_ta", way["mo_ta"], True
    for i, doc in enumerate(data["thanh_phan_ho_so"]):
        if doc.get("ghi_chu"):
            yield f"thanh_phan_ho_so[{i}].ghi_chu", doc["ghi_chu"], True


# Every real record: nothing merged, lost or renumbered.

def test_the_real_records_are_there():
    assert len(list(REAL_SAMPLE.glob("*.yaml"))) == 60
    assert len(RECORDS) == 67


@pytest.mark.parametrize("source", RECORDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_line_of_a_real_text_is_its_own_line(source):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for field, text, inline in text_fields(data):
        assert shown(markdown(text, inline=inline)) == written(text, bullets_shown=inline), field


@pytest.mark.parametrize("source", RECORDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_real_steps_keep_every_word_and_label_and_are_not_numbered_again(source):
    items = yaml.safe_load(source.read_text(encoding="utf-8"))["trinh_tu"]
    read = steps(items)
    html = markdown(read.text) if read.labelled else "".join(markdown(step) for step in read.items)
    lines = shown(html)
    source_words = " ".join(BULLET.sub("", line) for item in items for line in written(item, bullets_shown=True))
    assert " ".join(lines) == source_words
    labels = [m.group(0) for item in items for m in STEP_LABEL.finditer(unicodedata.normalize("NFC", item))]
    # Each "Bước N" starts a line of its own, in order ...
    assert [STEP_LABEL.match(line).group(0) for line in lines if STEP_LABEL.match(line)] == labels
    # ... and steps that have one are shown as published, never in a list that numbers them ("1. Bước 1").
    assert read.labelled or not labels


# Real fields, exact HTML.

def test_a_dash_and_plus_list_nests_the_plus_lines():
    text = record("procedures/1.013514")["yeu_cau_dieu_kien"]
    lines = text.split("\n")
    assert [line[0] for line in lines] == ["-", "+", "+", "+", "-"]
    assert markdown(text) == "\n".join([
        "<ul>",
        f"<li>{words(lines[0])}",
        "<ul>",
        f"<li>{words(lines[1])}</li>",
        f"<li>{words(lines[2])}</li>",
        f"<li>{words(lines[3])}</li>",
        "</ul></li>",
        f"<li>{words(lines[4])}</li>",
        "</ul>",
    ])


def test_a_channel_note_with_dash_lines_keeps_them_inline():
    note = record("procedures/1.013514")["cach_thuc"][0]["mo_ta"]
    lines = note.split("\n")
    assert len(lines) == 3 and all(line.startswith("- ") for line in lines)
    assert markdown(note, inline=True) == "<br>\n".join(lines)


def test_lettered_lines_keep_their_letters_under_their_dash_line():
    items = record("records/1.013534")["trinh_tu"]
    assert [item.split(None, 1)[0] for item in items[1:8]] == ["-", "a)", "b)", "c)", "+", "+", "d)"]
    first = steps(items).items[0]
    assert markdown(first) == "\n".join([
        f"<p>{items[0]}</p>",
        "<ul>",
        f"<li>{words(items[1])}",
        '<ol class="as-published">',
        f'<li><span class="marker">a) </span>{words(items[2])}</li>',
        f'<li><span class="marker">b) </span>{words(items[3])}</li>',
        f'<li><span class="marker">c) </span>{words(items[4])}',
        "<ul>",
        f"<li>{words(items[5])}</li>",
        f"<li>{words(items[6])}</li>",
        "</ul></li>",
        f'<li><span class="marker">d) </span>{words(items[7])}</li>',
        "</ol></li>",
        "</ul>",
    ])


def test_three_run_in_steps_become_three_labelled_steps():
    (item,) = record("procedures/2.002764")["trinh_tu"]
    one, two, three = re.split(r" (?=Bước [23]: )", item)
    read = steps([item])
    assert read.labelled
    assert markdown(read.text) == "\n".join([
        '<ol class="as-published">',
        f'<li><span class="marker step-label">Bước 1: </span>{one.removeprefix("Bước 1: ")}</li>',
        f'<li><span class="marker step-label">Bước 2: </span>{two.removeprefix("Bước 2: ")}</li>',
        f'<li><span class="marker step-label">Bước 3: </span>{three.removeprefix("Bước 3: ")}</li>',
        "</ol>",
    ])


def test_numbered_cases_hold_their_own_steps():
    read = steps(record("records/1.013629")["trinh_tu"])
    outline = [(type(b).__name__, [(i.marker.text, [s.marker.text for s in (i.sublist.items if i.sublist else [])])
                                   for i in b.items]) for b in blocks(read.text)]
    assert outline == [("ListBlock", [
        ("1.", ["Bước 1.", "Bước 2.", "Bước 3."]),
        ("2.", []),
        ("3.", ["Bước 1.", "Bước 2.", "Bước 3.", "Bước 4.", "Bước 5."]),
        ("4.", ["Bước 1.", "Bước 2.", "Bước 3."]),
        ("5.", ["Bước 1.", "Bước 2."]),
        ("6.", []),
        ("7.", ["Bước 1.", "Bước 2.", "Bước 3."]),
    ])]


def test_decomposed_text_and_a_heading_before_the_first_step():
    (item,) = record("procedures/1.013567")["trinh_tu"]
    assert unicodedata.normalize("NFC", item) != item
    read = steps([item])
    assert read.labelled
    first, *rest = blocks(read.text)
    assert first == Paragraph("Trình tự thực hiện")
    assert [i.marker.text for i in rest[0].items] == ["Bước 1:", "Bước 2:", "Bước 3:", "Bước 4:", "Bước 5:"]


# Steps: what is split, what is numbered.

def test_steps_without_labels_are_numbered_with_their_marked_lines():
    read = steps(["Nộp hồ sơ:", "a) Tờ khai;", "b) Giấy tờ tùy thân.", "Nhận kết quả."])
    assert read == type(read)(False, items=("Nộp hồ sơ:\na) Tờ khai;\nb) Giấy tờ tùy thân.", "Nhận kết quả."))


def test_a_first_step_with_its_own_number_is_not_numbered_again():
    read = steps(["1. Nộp hồ sơ. 2. Nhận kết quả theo khoản 2. Điều 5 Luật này."])
    assert read.labelled
    assert read.text == "1. Nộp hồ sơ.\n2. Nhận kết quả theo khoản 2. Điều 5 Luật này."


def test_a_step_label_out_of_sequence_stays_in_its_sentence():
    read = steps(["Bước 1: Nộp hồ sơ. Bước 2: Chờ. Làm như Bước 5. Bước 3: Nhận."])
    assert read.text.split("\n") == ["Bước 1: Nộp hồ sơ.", "Bước 2: Chờ. Làm như Bước 5.", "Bước 3: Nhận."]


# Markdown as before, and nothing unsafe.

def test_markdown_of_the_sample_renders_as_before():
    assert markdown("Nộp hồ sơ tại **Bộ phận Một cửa** của xã.") == "<p>Nộp hồ sơ tại <strong>Bộ phận Một cửa</strong> của xã.</p>"
    assert markdown("Nộp qua Cổng, *không* cần đến.", inline=True) == "Nộp qua Cổng, <em>không</em> cần đến."
    assert markdown("- có giấy tờ;\n- đủ 18 tuổi.") == "<ul>\n<li>có giấy tờ;</li>\n<li>đủ 18 tuổi.</li>\n</ul>"
    assert markdown("Xem [Cổng](https://dichvucong.gov.vn/).") == (
        '<p>Xem <a href="https://dichvucong.gov.vn/" rel="noopener">Cổng</a>.</p>')
    # The sample's "Người mất thuộc một trong các trường hợp:\n- …" no longer runs into one paragraph.
    assert markdown("Thuộc một trong các trường hợp:\n- a;\n- b.") == "<p>Thuộc một trong các trường hợp:</p>\n<ul>\n<li>a;</li>\n<li>b.</li>\n</ul>"


@pytest.mark.parametrize("inline", [False, True])
def test_no_raw_html_or_script_reaches_a_page(inline):
    html = markdown('a) <script>alert(1)</script> <b onclick="x()">đậm</b> [x](javascript:alert)\n'
                    '<div>khối</div>\n> trích\n# tiêu đề\n    mã', inline=inline)
    assert not re.search(r"<(?!/?(?:p|ul|ol|li|br|span|a|strong|em|code)\b)", html)
    assert "<script" not in html and "alert(1)" not in html and "onclick" not in html
    assert "javascript" not in html and '<a rel="noopener">x</a>' in html
    assert re.findall(r"<span[^>]*>", html) == ['<span class="marker">']


@pytest.mark.parametrize("source", RECORDS[:7], ids=lambda p: p.stem)
def test_inline_texts_never_hold_blocks(source):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    texts = [data["yeu_cau_dieu_kien"], *data["trinh_tu"], "- a\n  - b\n\n1. c\n> d"]
    for text in texts:
        assert not re.search(r"<(?:p|ul|ol|li|div|blockquote|h\d)\b", markdown(text, inline=True))


# Any text of the allowed file size renders fast (issue #17: 25 KB of "[" took minutes).

SIZE = 256 * 1024
# One unit repeated: each makes one of Python-Markdown's patterns, or the work per line, grow.
PATHOLOGICAL = ["[", "[a", "*a", "`a", "<a", "\\", "&#", "a\n", "[a\n", "[a" * 32 + "\n", "[x](y) " * 9 + "\n",
                "- a\n+ b\n1. c\n", "Bước 1: a "]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_any_text_of_the_allowed_size_renders_in_seconds(unit):
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    markdown.cache_clear()
    start = time.perf_counter()
    markdown(text)
    markdown(text, inline=True)
    read = steps([text])
    if read.labelled:
        markdown(read.text)
    # About a second on an idle machine; minutes before the bound.
    assert time.perf_counter() - start < 20


# A build: the pages of real procedures.

def _section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}"')
    return page[start:page.index("</section>", start)]


@pytest.mark.parametrize("source", sorted((REAL_TEXT / "procedures").glob("*.yaml")), ids=lambda p: p.stem)
def test_a_real_procedure_page_keeps_every_enumerated_line(real_text_site: Path, source):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    page = (real_text_site / "thu-tuc" / data["ma"] / "index.html").read_text(encoding="utf-8")
    conditions = written(data["yeu_cau_dieu_kien"], bullets_shown=False)
    assert shown(_section(page, "dieu-kien"))[-len(conditions):] == conditions
    step_section = _section(page, "trinh-tu")
    step_lines = shown(step_section)
    labels = [m.group(0) for item in data["trinh_tu"] for m in STEP_LABEL.finditer(unicodedata.normalize("NFC", item))]
    assert labels, "each of these records labels its steps"
    assert [STEP_LABEL.match(line).group(0) for line in step_lines if STEP_LABEL.match(line)] == labels
    # No "1. Bước 1": labelled steps are in a list the browser does not number.
    assert '<ol class="steps">' not in step_section and '<ol class="as-published">' in step_section
    channels = shown(_section(page, "cach-thuc"))
    for way in data["cach_thuc"]:
        for line in written(way.get("mo_ta", ""), bullets_shown=True):
            assert line in channels
