"""``invoke publish`` for real: production build, then output/ pushed to gh-pages of a bare repository."""

from __future__ import annotations

import io
import subprocess
import tarfile

from helpers import EDITOR_GIT, edit, git, project_with_tasks, run_task, tree

SITE = "https://thutuc.example.gov.vn"
ENV = {"SITEURL": SITE, **EDITOR_GIT}


def branch_files(repository, branch: str) -> dict[str, bytes] | None:
    """Every file of ``branch`` in a bare repository, or None when the branch does not exist."""
    run = subprocess.run(["git", "--git-dir", str(repository), "archive", "--format=tar", branch],
                         capture_output=True, timeout=120)
    if run.returncode:
        return None
    with tarfile.open(fileobj=io.BytesIO(run.stdout)) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def head_of(repository, branch: str) -> str | None:
    run = subprocess.run(["git", "--git-dir", str(repository), "rev-parse", "--verify", "-q", f"refs/heads/{branch}"],
                         capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


def test_publish_pushes_output_and_a_failed_build_pushes_nothing(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Dữ liệu thủ tục")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(project), str(origin))
    git(project, "remote", "add", "origin", str(origin))

    # A data error: the build stops, nothing is committed or pushed.
    edit(project, "procedures/1.001193.yaml", "linh_vuc: ho-tich\n", "linh_vuc: ho-tic\n")
    failed = run_task(project, "publish", env=ENV)
    assert failed.returncode == 1
    assert "procedures/1.001193.yaml:6: linh_vuc: không có lĩnh vực 'ho-tic'" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert head_of(origin, "gh-pages") is None
    assert head_of(project / ".git", "gh-pages") is None

    edit(project, "procedures/1.001193.yaml", "linh_vuc: ho-tic\n", "linh_vuc: ho-tich\n")
    published = run_task(project, "publish", env=ENV)
    assert published.returncode == 0, published.stderr
    assert "Đã đẩy trang web lên nhánh gh-pages." in published.stdout
    output = tree(project / "output")
    assert "thu-tuc/1.001193/index.html" in output and "cap-nhat/atom.xml" in output
    assert f'href="{SITE}/thu-tuc/1.001193/"'.encode() in output["cap-nhat/atom.xml"]
    # File for file what was built, plus the marker that turns off GitHub's Jekyll.
    assert branch_files(origin, "gh-pages") == {**output, ".nojekyll": b""}

    # A later failing build leaves the published site as it was.
    pushed = head_of(origin, "gh-pages")
    edit(project, "content/data/co-quan.yaml", "  cap: xa\n", "  cap: huyen\n")
    again = run_task(project, "publish", env=ENV)
    assert again.returncode == 1
    assert "content/data/co-quan.yaml:11: [1].cap: giá trị 'huyen' không hợp lệ" in again.stderr
    assert head_of(origin, "gh-pages") == pushed
    assert tree(project / "output") == output


def test_publish_without_the_public_address_stops_before_anything_is_built_or_pushed(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    # SITEURL unset or empty: the QR codes would point to this machine.
    refused = run_task(project, "publish", env={**EDITOR_GIT, "SITEURL": ""})
    assert refused.returncode == 1
    assert "SITEURL: 'http://localhost:8000' là địa chỉ trên máy này" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (project / "output").exists()
    assert "Đã đẩy" not in refused.stdout
