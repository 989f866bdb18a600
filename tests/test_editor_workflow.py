"""The editors' workflow files stay true to the project: CONTRIBUTING.md explains every check in both
languages, CODEOWNERS names existing areas, pre-commit runs only local hooks that exist."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT
from portal.checks import registry

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
PR_TEMPLATE = ROOT / ".github" / "pull_request_template.md"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
AREAS = ["/docs/lagstiftning/", "/docs/typfall/", "/docs/vagledning/", "/docs/samverkan/", "/docs/stod/",
         "/data/", "/hooks/"]


def halves() -> tuple[str, str]:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    swedish, english = text.index("\n## Svenska"), text.index("\n## English")
    assert swedish < english, "Swedish comes first"
    return text[swedish:english], text[english:]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


def test_contributing_explains_every_check_in_both_languages() -> None:
    for half in halves():
        for check in registry.CHECKS:
            assert f"| `{check.name}` |" in half, f"CONTRIBUTING.md does not explain the check {check.name!r}"


def test_contributing_names_the_commands_an_editor_needs() -> None:
    targets = makefile_targets()
    for half in halves():
        for command in ("make new TYPE=", "make mark-translated PAGE=", "make serve", "make check", "make validate",
                        "pip install pre-commit && pre-commit install", "CODEOWNERS"):
            assert command in half, command
        for target in set(re.findall(r"`make ([a-z-]+)", half)):
            assert target in targets, f"CONTRIBUTING.md names `make {target}`, which the Makefile does not have"


def test_codeowners_covers_the_content_areas_with_placeholder_teams() -> None:
    rules = [line.split() for line in CODEOWNERS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    patterns = {rule[0]: rule[1:] for rule in rules}
    for area in AREAS:
        assert area in patterns, f"CODEOWNERS has no owner for {area}"
    assert "*" in patterns
    for pattern, owners in patterns.items():
        assert owners and all(re.fullmatch(r"@nationellt-centrum/[a-z-]+", owner) for owner in owners), pattern
        if pattern != "*" and "*" not in pattern:
            assert (ROOT / pattern.strip("/")).exists(), f"CODEOWNERS names {pattern}, which does not exist"
    assert "PLACEHOLDERS" in CODEOWNERS.read_text(encoding="utf-8")


def test_pre_commit_runs_only_local_hooks_that_exist() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    targets = makefile_targets()
    ids = []
    for repo in config["repos"]:
        assert repo["repo"] == "local", "no hook repositories fetched from the network"
        for hook in repo["hooks"]:
            ids.append(hook["id"])
            assert hook["language"] in ("system", "pygrep", "fail")
            if hook["entry"].startswith("make "):
                assert hook["entry"].split()[1] in targets, hook["entry"]
                assert hook["pass_filenames"] is False
    assert {"validate", "check-fast"} <= set(ids)


def test_pull_request_template_has_the_reviewers_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    reviewer = text[text.index("Granskarens checklista"):]
    assert reviewer.count("- [ ]") >= 6
    for topic in ("juridisk granskare", "make check", "mark-translated", "data/checks.yml"):
        assert topic in text, topic
