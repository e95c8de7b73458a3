"""A site that has not published life events, announcements or extra pages yet builds with no broken
link and says plainly what is not there."""

from __future__ import annotations

import shutil

from devtools.qa.links import check_links
from helpers import build


def test_a_site_without_events_announcements_or_pages_has_no_broken_link(tiny):
    (tiny / "content/data/su-kien.yaml").unlink()
    shutil.rmtree(tiny / "content/thong-bao")
    shutil.rmtree(tiny / "content/trang")
    output = build(tiny)
    assert [str(p) for p in check_links(output).problems] == []
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Chưa công bố hướng dẫn theo sự kiện trong đời" in home
    assert "Chưa có thông báo." in home
    assert "su-kien/" not in home and "10-noi-dung-yeu-cau/" not in home
    assert "Chưa có thông báo." in (output / "thong-bao/index.html").read_text(encoding="utf-8")
