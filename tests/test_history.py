"""Change history of procedure pages from a real git repository, in one git pass."""

from __future__ import annotations

import subprocess

import pytest

from congkhai import history
from congkhai.history import read_history
from helpers import build, edit, git

P = "procedures/1.001193.yaml"


def commit(project, message: str, date: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tiny):
    """The tiny project as a git repository with a few changes over time."""
    git(tiny, "init", "-q", "-b", "main")
    commit(tiny, "Add the procedures", "2026-01-05T09:00:00+07:00")
    edit(tiny, P, "    phi_le_phi: Miễn lệ phí\n    mo_ta:", "    phi_le_phi: Không thu phí\n    mo_ta:")
    edit(tiny, P, "cap_nhat: 2026-10-15", "cap_nhat: 2026-03-02")
    commit(tiny, "Fee changed", "2026-03-02T10:00:00+07:00")
    edit(tiny, P, "cap_nhat: 2026-03-02", "cap_nhat: 2026-06-10")
    commit(tiny, "Reviewed", "2026-06-10T08:00:00+07:00")
    # Two changes the same day are one entry.
    edit(tiny, P, "ten: Đăng ký khai sinh\n", "ten: Đăng ký khai sinh cho trẻ em\n")
    commit(tiny, "Title", "2026-06-10T15:00:00+07:00")
    # Comments are not data: no entry for this day.
    edit(tiny, P, 'ma: "1.001193"\n', '# Đã đối chiếu với Cổng dịch vụ công quốc gia.\nma: "1.001193"\n')
    commit(tiny, "Comment", "2026-07-01T09:00:00+07:00")
    # A change made on a branch and merged: the merge commit itself adds no entry.
    git(tiny, "checkout", "-q", "-b", "sua-ho-so")
    edit(tiny, P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 2\n")
    commit(tiny, "Copies", "2026-08-03T09:00:00+07:00")
    git(tiny, "checkout", "-q", "main")
    git(tiny, "merge", "-q", "--no-ff", "-m", "Merge", "sua-ho-so", date="2026-08-20T09:00:00+07:00")
    return tiny


def summaries(changes):
    return [(c.date.isoformat(), c.summary, c.new) for c in changes]


def test_each_day_says_which_fields_changed(repo):
    changes = read_history(repo / "procedures")["1.001193"]
    assert summaries(changes) == [
        ("2026-08-03", "Thay đổi: Số bộ hồ sơ.", False),
        ("2026-06-10", "Thay đổi: Tên thủ tục.", False),
        ("2026-03-02", "Thay đổi: Cách thức thực hiện.", False),
        ("2026-01-05", "Công khai lần đầu.", True),
    ]
    assert changes[1].fields == ("cap_nhat", "ten")


def test_a_review_that_changes_only_the_date_says_so(repo):
    edit(repo, "procedures/2.000815.yaml", "cap_nhat: 2025-06-01", "cap_nhat: 2026-09-09")
    commit(repo, "Reviewed", "2026-09-09T09:00:00+07:00")
    assert summaries(read_history(repo / "procedures")["2.000815"]) == [
        ("2026-09-09", "Rà soát thông tin; nội dung không thay đổi.", False),
        ("2026-01-05", "Công khai lần đầu.", True),
    ]


def test_one_git_log_for_all_files(repo, monkeypatch):
    calls = []
    real_run = subprocess.run

    def counting_run(args, **kwargs):
        calls.append(args[3])
        return real_run(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    assert sorted(read_history(repo / "procedures")) == ["1.000001", "1.001193", "2.000815"]
    assert calls == ["rev-parse", "-c"]


def test_history_is_unavailable_without_git_or_in_a_shallow_clone(repo, tmp_path):
    plain = tmp_path / "copy"
    plain.mkdir()
    (plain / "1.001193.yaml").write_text("ma: x\n", encoding="utf-8")
    assert read_history(plain) == {}
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert read_history(shallow / "procedures") == {}


def test_the_page_shows_the_history(repo):
    page = (build(repo) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert ('<li><time datetime="2026-06-10">10/06/2026</time>: Thay đổi: Tên thủ tục.</li>' in page)
    assert ('<li><time datetime="2026-01-05">05/01/2026</time>: Công khai lần đầu.</li>' in page)
    assert page.index('id="thong-tin-cong-bo"') < page.index('id="lich-su"')


def test_without_history_the_page_shows_its_update_date(tiny):
    page = (build(tiny) / "thu-tuc/2.000815/index.html").read_text(encoding="utf-8")
    assert '<li><time datetime="2025-06-01">01/06/2025</time>: Cập nhật thông tin.</li>' in page


def test_updates_page_shows_the_latest_change_from_history(repo):
    page = (build(repo) / "cap-nhat/index.html").read_text(encoding="utf-8")
    start = page.index('<ul class="news-list">')
    entries = page[start:page.index("</ul>", start)]
    # 1.001193 last changed on 3 August (its cap_nhat says 10 June); 2.000815 has only its first commit.
    assert entries.index("Đăng ký khai sinh cho trẻ em") < entries.index("Chứng thực bản sao từ bản chính")
    assert '<time datetime="2026-08-03">03/08/2026</time>' in entries
    assert '<span class="note">Thay đổi: Số bộ hồ sơ.</span>' in entries
