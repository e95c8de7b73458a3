"""The Atom feed of new and changed procedures, built for real with the production settings."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from helpers import ROOT, build, edit, git, tree

SITE = "https://thutuc.example.gov.vn"
ATOM = "{http://www.w3.org/2005/Atom}"


def publish_build(project):
    return build(project, settings_file="publishconf.py", SITEURL=SITE, FEED_DOMAIN=SITE)


def read_feed(output):
    root = ET.parse(output / "cap-nhat/atom.xml").getroot()
    entries = [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": e.findtext(f"{ATOM}updated"),
            "summary": e.findtext(f"{ATOM}summary"),
            "id": e.findtext(f"{ATOM}id"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]
    return root, entries


def test_feed_without_history_uses_each_update_date(tiny):
    root, entries = read_feed(publish_build(tiny))
    assert root.findtext(f"{ATOM}title") == "Công khai thủ tục hành chính – Thủ tục mới và thay đổi"
    assert root.findtext(f"{ATOM}updated") == "2026-10-15T00:00:00+07:00"
    assert entries == [
        {"title": "Thủ tục thay đổi: Đăng ký khai sinh", "link": f"{SITE}/thu-tuc/1.001193/",
         "updated": "2026-10-15T00:00:00+07:00", "summary": "Cập nhật thông tin.",
         "id": "tag:thutuc.example.gov.vn,2026-10-15:/thu-tuc/1.001193/"},
        {"title": "Thủ tục thay đổi: Ủy quyền đăng ký khai sinh (thủ tục cũ)", "link": f"{SITE}/thu-tuc/1.000001/",
         "updated": "2026-07-01T00:00:00+07:00", "summary": "Cập nhật thông tin.",
         "id": "tag:thutuc.example.gov.vn,2026-07-01:/thu-tuc/1.000001/"},
        {"title": "Thủ tục thay đổi: Chứng thực bản sao từ bản chính", "link": f"{SITE}/thu-tuc/2.000815/",
         "updated": "2025-06-01T00:00:00+07:00", "summary": "Cập nhật thông tin.",
         "id": "tag:thutuc.example.gov.vn,2025-06-01:/thu-tuc/2.000815/"},
    ]


def test_feed_follows_the_git_history(tiny):
    git(tiny, "init", "-q", "-b", "main")
    git(tiny, "add", "-A")
    git(tiny, "commit", "-q", "-m", "Add", date="2026-02-01T09:00:00+07:00")
    edit(tiny, "procedures/2.000815.yaml", "ket_qua: Bản sao được chứng thực\n", "ket_qua: Bản sao đã chứng thực\n")
    git(tiny, "commit", "-q", "-am", "Result", date="2026-09-30T16:00:00+07:00")
    edit(tiny, "procedures/2.000815.yaml", "cap_nhat: 2025-06-01\n",
         "cap_nhat: 2026-11-02\ntrang_thai: bai-bo\nngay_bai_bo: 2026-11-01\n")
    edit(tiny, "content/data/su-kien.yaml", '    - ma: "2.000815"\n', "")
    git(tiny, "commit", "-q", "-am", "Abolished", date="2026-11-02T08:00:00+07:00")
    _, entries = read_feed(publish_build(tiny))
    assert [(e["updated"][:10], e["title"], e["summary"]) for e in entries] == [
        ("2026-11-02", "Thủ tục bãi bỏ: Chứng thực bản sao từ bản chính", "Thay đổi: Tình trạng; Ngày bãi bỏ."),
        ("2026-09-30", "Thủ tục thay đổi: Chứng thực bản sao từ bản chính", "Thay đổi: Kết quả thực hiện."),
        ("2026-02-01", "Thủ tục mới: Ủy quyền đăng ký khai sinh (thủ tục cũ)", "Công khai lần đầu."),
        ("2026-02-01", "Thủ tục mới: Đăng ký khai sinh", "Công khai lần đầu."),
        ("2026-02-01", "Thủ tục mới: Chứng thực bản sao từ bản chính", "Công khai lần đầu."),
    ]


def test_pages_link_the_feed_and_builds_are_identical(tiny):
    first = tree(publish_build(tiny))
    link = (f'<link rel="alternate" type="application/atom+xml" title="Thủ tục mới và thay đổi" '
            f'href="{SITE}/cap-nhat/atom.xml">')
    for page in ("index.html", "thu-tuc/1.001193/index.html", "thong-bao/lich-tiep-nhan-tet/index.html"):
        assert link in first[page].decode("utf-8"), page
    assert f'<a href="{SITE}/cap-nhat/atom.xml">nguồn tin Atom</a>' in first["cap-nhat/index.html"].decode("utf-8")
    assert tree(publish_build(tiny)) == first


def test_development_build_has_no_feed(tiny):
    output = build(tiny)
    assert not (output / "cap-nhat/atom.xml").exists()
    assert "cap-nhat/atom.xml" not in (output / "index.html").read_text(encoding="utf-8")


def test_feed_without_the_public_address_is_a_warning(tiny, caplog):
    # A warning stops a build from the command line (pelican --fatal warnings). The QR codes
    # have their public address from the plugin's own setting.
    build(tiny, settings_file="publishconf.py", SITEURL="", FEED_DOMAIN="", CONGKHAI={"public_url": SITE})
    assert [r.getMessage() for r in caplog.records if r.name == "congkhai.feed"] == [
        "congkhai: nguồn tin cap-nhat/atom.xml cần SITEURL (địa chỉ công khai của trang) để có liên kết đầy đủ"
    ]


def test_from_the_command_line_that_warning_stops_the_build(tiny, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        "from publishconf import *\nSITEURL = ''\nFEED_DOMAIN = ''\nFEED_ALL_ATOM = None\n"
        f"PATH = {str(tiny / 'content')!r}\nOUTPUT_PATH = {str(tiny / 'output')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"CONGKHAI = {{**CONGKHAI, 'build_date': '2026-11-23', 'public_url': {SITE!r}}}\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, "-m", "congkhai", "build", "-s", str(conf)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert run.returncode != 0
    assert "cần SITEURL" in run.stdout + run.stderr
    assert not (tiny / "output").exists()
