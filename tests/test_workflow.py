"""The GitHub Actions workflow: valid YAML, pinned actions, and the README's own commands."""

from __future__ import annotations

import re
import tomllib

import yaml
from pelican.settings import read_settings

from helpers import ROOT

WORKFLOW = ROOT / ".github/workflows/site.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key "on" as true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def readme_commands() -> list[str]:
    """The ./dev commands of the README's shell blocks, without their comments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.startswith("./dev")]


def runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_pull_requests_run_the_readme_commands():
    data = workflow()
    assert "pull_request" in data["on"]
    assert data["on"]["push"]["branches"] == ["main"]
    commands = [c for c in readme_commands() if c != "./dev serve"]  # serve waits for a browser
    assert {"./dev test", "./dev site", "./dev check"} <= set(commands)
    test_job = data["jobs"]["test"]
    assert "if" not in test_job
    assert [r for r in runs(test_job) if r.startswith("./dev")] == ["./dev check", "./dev test", "./dev site", "./dev qa"]
    assert set(commands) == {r for r in runs(test_job) if r.startswith("./dev")}
    # The README's machine: Debian with Python 3.11.
    assert test_job["container"] == "debian:12"
    assert "python3-venv" in runs(test_job)[0]


def test_main_is_built_with_publishconf_for_the_pages_address_and_deployed():
    jobs = workflow()["jobs"]
    pages = jobs["pages"]
    assert pages["needs"] == "test"
    assert pages["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    build = next(step for step in pages["steps"] if step.get("run") == "./dev preview")
    assert build["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert any(step.get("id") == "pages" and step["uses"].startswith("actions/configure-pages@") for step in pages["steps"])
    upload = next(step for step in pages["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "output"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # The task the workflow runs builds with publishconf.py.
    assert '"settings_publish": "publishconf.py"' in (ROOT / "tasks.py").read_text(encoding="utf-8")


def test_history_is_complete_and_every_action_is_pinned_to_a_commit():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)@(\S+) # (v[0-9.]+)", text)
    assert len(uses) == len(re.findall(r"uses: ", text)) >= 6
    assert all(re.fullmatch(r"[0-9a-f]{40}", sha) for _, sha, _ in uses)
    for job in ("test", "pages"):
        checkout = next(s for s in workflow()["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0  # a shallow clone has no change history


def test_main_builds_on_the_last_published_build_and_starts_clean_when_code_or_settings_change():
    steps = workflow()["jobs"]["pages"]["steps"]
    names = [step.get("run") or step.get("uses", "").split("@")[0] for step in steps]
    site = next(step for step in steps if step.get("uses", "").startswith("actions/cache@")
                and "output" in step["with"]["path"].split())
    # Restored before the build, saved after it: the output and the cache folder of congkhai/config.py.
    assert steps.index(site) < names.index("./dev preview")
    assert set(site["with"]["path"].split()) == {"output", "~/.cache/congkhai"}
    key, restore = site["with"]["key"], site["with"]["restore-keys"]
    inputs = "hashFiles('congkhai/**', 'theme/**', 'pelicanconf.py', 'publishconf.py', 'constraints.txt', 'pyproject.toml')"
    assert key == f"site-${{{{ {inputs} }}}}-${{{{ github.sha }}}}"
    assert restore == f"site-${{{{ {inputs} }}}}-", "only a build of the same code and settings is reused"
    # Pull requests build in the test job, which neither restores nor saves it.
    assert not any("output" in str(step.get("with", {}).get("path", "")).split()
                   for step in workflow()["jobs"]["test"]["steps"])
    # The cache folder the workflow keeps is the one builds use when none is configured.
    assert read_settings(str(ROOT / "publishconf.py"))["CONGKHAI"].get("cache_dir", "") == ""


def test_pip_is_cached_and_warnings_fail():
    for job in ("test", "pages"):
        cache = next(s for s in workflow()["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/cache@"))
        assert cache["with"]["path"] == "~/.cache/pip"
        assert "hashFiles('constraints.txt', 'pyproject.toml')" in cache["with"]["key"]
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert pytest_options["filterwarnings"] == ["error"]


def test_the_installed_package_holds_every_subpackage_and_no_dev_tools():
    """A plain install (not editable) ships what setuptools finds with the include of pyproject.toml."""
    from fnmatch import fnmatchcase

    include = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {".".join(p.parent.relative_to(ROOT).parts) for p in ROOT.rglob("__init__.py")
                if not {".venv", "node_modules"} & set(p.parts)}
    shipped = {name for name in packages if any(fnmatchcase(name, pattern) for pattern in include)}
    assert shipped == {name for name in packages if name.split(".")[0] == "congkhai"}
    assert {"congkhai", "congkhai.build", "congkhai.search"} <= shipped
    assert not any(name.startswith(("devtools", "tests", "scripts")) for name in shipped)
