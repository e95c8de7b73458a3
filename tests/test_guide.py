"""The editors' guide: its examples are the real messages, and its steps add a procedure that shows in the preview."""

from __future__ import annotations

import re
import shlex
import textwrap

import yaml
from pydantic import TypeAdapter

from congkhai.problems import summary
from congkhai.schema import Case, LifeEvent
from helpers import ROOT, project_with_tasks, run_task
from test_confine import GUIDE_EXAMPLES as CONFINE_EXAMPLES
from test_hostile_pages import GUIDE_EXAMPLES as PAGE_EXAMPLES
from test_hostile_yaml import GUIDE_EXAMPLES as YAML_EXAMPLES
from test_problems import FIELD_REMOVED, ONLINE_WITHOUT_ADDRESS
from test_scaffold import SKELETON_PROBLEMS, UNKNOWN_FIELD, fill
from test_validation import CASES, LONG_FILE_NAME

GUIDE = ROOT / "docs/huong-dan-bien-tap.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def commands(block: str) -> list[list[str]]:
    """The ./dev commands of a shell block, as invoke arguments."""
    return [shlex.split(line.split("  #")[0])[1:] for line in block.splitlines() if line.startswith("./dev ")]


def test_readme_links_the_guide():
    assert "(docs/huong-dan-bien-tap.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_example_message_is_a_real_one():
    real = {line for case in CASES for line in case[4]} | set(SKELETON_PROBLEMS) | set(UNKNOWN_FIELD)
    real |= set(LONG_FILE_NAME) | set(FIELD_REMOVED) | {ONLINE_WITHOUT_ADDRESS} | set(CONFINE_EXAMPLES)
    real |= set(YAML_EXAMPLES) | set(PAGE_EXAMPLES)
    real |= {summary(n) for n in range(1, 100)}
    examples = [line for block in blocks("text") for line in block.splitlines() if line.strip()]
    assert len(examples) >= 30
    assert [line for line in examples if line not in real] == []


def test_every_command_of_the_guide_is_a_task():
    listed = run_task(ROOT, "--list").stdout
    tasks = set(re.findall(r"^  (\S+)", listed, re.MULTILINE))
    used = set(re.findall(r"\./dev ([a-z-]+)", GUIDE.read_text(encoding="utf-8")))
    assert used >= {"new-procedure", "check", "build", "serve", "livereload"}
    assert used <= tasks | {"site", "test"}


def test_following_the_guide_adds_a_procedure_that_shows_in_the_preview(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    step1, step3, step4 = (commands(block) for block in blocks("sh")[:3])
    created = run_task(project, *step1[0])
    assert created.returncode == 0, created.stderr
    path = project / "procedures/1.000123.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run_task(project, *step3[0])
    assert checked.returncode == 0, checked.stderr
    built = run_task(project, *step4[0])
    assert built.returncode == 0, built.stderr
    page = (project / "output/thu-tuc/1.000123/index.html").read_text(encoding="utf-8")
    assert "<h1>Đăng ký khai tử<span hidden> dang ki</span></h1>" in page
    assert "thu-tuc/1.000123/" in (project / "output/linh-vuc/ho-tich/index.html").read_text(encoding="utf-8")


def test_the_guides_yaml_examples_for_cases_and_events_are_valid():
    """The indented examples of cases and life events validate against the models."""
    examples = [yaml.safe_load(textwrap.dedent(block)) for block in re.findall(
        r"  ```yaml\n(.*?)  ```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)]
    cases = [e["truong_hop"] for e in examples if isinstance(e, dict) and "truong_hop" in e]
    events = [e for e in examples if isinstance(e, list)]
    assert len(cases) == 1 and len(events) == 1
    assert TypeAdapter(list[Case]).validate_python(cases[0])[0].thanh_phan_ho_so[0].ban_chinh == 1
    assert [s.ma for s in TypeAdapter(list[LifeEvent]).validate_python(events[0])[0].buoc] == ["1.001193", "1.004222"]
