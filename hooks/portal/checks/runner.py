"""`python -m portal check [NAME…]`: run the checks in portal.checks.registry and sum them up.

Every finding is printed as `file:line: field: what is wrong — how to fix it`, grouped by check, then
one summary line. The exit status is 1 when any check reports an error (warnings do not fail),
2 for a usage error. Checks on the built HTML get a production build made here with `--strict`
(MkDocs' own link and anchor validation); a build that fails is reported as the `build` check's errors
and the HTML checks are skipped.
"""
from __future__ import annotations

import datetime
import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


from ..publish import build_state
from ..content import corpus as corpus_module
from ..content.datafiles import DATA, ROOT, read_yaml
from ..content.findings import Finding
from .registry import CHECKS, Check, by_name

CONFIG_PATH = DATA / "checks.yml"
CHECK_SITE = ROOT / "site-check"


def load_config(path: Path = CONFIG_PATH) -> dict[str, Any]:
    """data/checks.yml (empty when missing). Not cached: tests and editors change it between runs."""
    if not Path(path).exists():
        return {}
    data = read_yaml(Path(path))
    return data if isinstance(data, dict) else {}


@dataclass
class Context:
    """What a check may ask for by naming it as a parameter of its run()."""

    root: Path = ROOT
    docs_dir: Path = ROOT / "docs"
    config: dict[str, Any] = field(default_factory=dict)
    today: datetime.date = field(default_factory=build_state.today)
    site_dir: Path | None = None
    _corpus: corpus_module.Corpus | None = None

    @property
    def corpus(self) -> corpus_module.Corpus:
        if self._corpus is None:
            self._corpus = corpus_module.load(self.docs_dir, self.root)
        return self._corpus

    def arguments_for(self, function: Callable[..., Any]) -> dict[str, Any]:
        available = {"corpus": lambda: self.corpus, "config": lambda: self.config, "root": lambda: self.root,
                     "docs_dir": lambda: self.docs_dir, "today": lambda: self.today,
                     "site_dir": lambda: self.site_dir, "context": lambda: self}
        return {name: available[name]() for name in inspect.signature(function).parameters if name in available}


@dataclass
class Result:
    check: str
    findings: list[Finding]
    seconds: float
    note: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity != "error")


def run_check(check: Check, context: Context) -> Result:
    """Import the check's module and run it; a crash is one error finding, not a traceback."""
    started = time.monotonic()
    try:
        module = importlib.import_module(check.module)
    except ModuleNotFoundError as exc:
        if exc.name != check.module:
            raise
        return Result(check.name, [Finding("hooks/" + check.module.replace(".", "/") + ".py", None, check.name,
                                           "check not available yet (module missing)",
                                           "it is listed in hooks/portal/checks/registry.py; add the module or remove the line",
                                           severity="warning")], 0.0, "not available")
    function = getattr(module, "run")
    try:
        findings = list(function(**context.arguments_for(function)))
    except Exception as exc:  # one broken check must not hide the others' findings
        traceback.print_exc(file=sys.stderr)
        return Result(check.name, [Finding("hooks/" + check.module.replace(".", "/") + ".py", None, check.name,
                                           f"the check stopped with {type(exc).__name__}: {exc}",
                                           "this is a bug in the check, not in the content: the traceback is above")],
                      time.monotonic() - started, "crashed")
    return Result(check.name, findings, time.monotonic() - started)


# MkDocs log lines: "WARNING -  Doc file 'x.sv.md' contains a link …" or our own "docs/x.sv.md:3: …".
_LOG_LINE = re.compile(r"^(ERROR|WARNING)\s+-\s+(.*)$")
_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_OWN_FINDING = re.compile(r"^(\S+?\.(?:md|yml|yaml|json))(?::(\d+))?: (?:(\S+?): )?(.*?)(?: — (.*))?$")


_LINK_IN_MESSAGE = re.compile(r"contains a link '([^']+)'")


def _line_with(docs_dir: Path | None, doc: str, needle: str) -> int | None:
    if docs_dir is None:
        return None
    try:
        lines = (Path(docs_dir) / doc).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if needle in line), None)


def build_findings(output: str, docs_label: str = "docs", docs_dir: Path | None = None) -> list[Finding]:
    """The WARNING and ERROR lines of a strict MkDocs build as findings (each is an error under --strict);
    a link MkDocs names is looked up in the page to give its line."""
    findings = []
    for raw in output.splitlines():
        match = _LOG_LINE.match(raw.strip())
        if not match:
            continue
        text = match.group(2).strip()
        own = _OWN_FINDING.match(text)
        if own:
            findings.append(Finding(own.group(1), int(own.group(2)) if own.group(2) else None, own.group(3) or "build",
                                    own.group(4), own.group(5) or ""))
            continue
        doc = _DOC_FILE.search(text)
        path = f"{docs_label}/{doc.group(1)}" if doc else "mkdocs.yml"
        link = _LINK_IN_MESSAGE.search(text)
        line = _line_with(docs_dir, doc.group(1), f"({link.group(1)}") if doc and link else None
        fix = ("correct the link target or the #anchor (anchors are the heading ids)" if "link" in text or "anchor" in text
               else "see the MkDocs message")
        findings.append(Finding(path, line, "mkdocs", text, fix))
    return findings


def build_site(site_dir: Path, docs_dir: Path | None = None, mode: str = "production") -> tuple[bool, list[Finding], float]:
    """Strict build into site_dir (replaced); (succeeded, findings, seconds)."""
    started = time.monotonic()
    if site_dir.exists():
        shutil.rmtree(site_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE=mode,
               PORTAL_SITE_DIR=str(site_dir), PYTHONPATH=str(ROOT / "hooks"))
    if docs_dir is not None:
        env["PORTAL_DOCS_DIR"] = str(docs_dir)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode == 0:
        return True, [], time.monotonic() - started
    output = result.stdout + result.stderr
    # Overdue reviews are printed as warnings by every build; the review check reports them.
    findings = [f for f in build_findings(output, docs_dir=docs_dir or ROOT / "docs")
                if not f.message.startswith("review was due")]
    if not findings:
        tail = [line for line in output.splitlines() if line.strip()][-1:] or ["no output"]
        findings = [Finding("mkdocs.yml", None, "build", f"the build failed: {tail[0]}", "run `make build` to see the whole output")]
    return False, findings, time.monotonic() - started


def select(names: list[str], fast: bool = False) -> list[Check]:
    known = by_name()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown check(s): {', '.join(unknown)} — choose from {', '.join(known)}")
    chosen = [known[name] for name in names] if names else list(CHECKS)
    return [check for check in chosen if check.fast] if fast else chosen


def run(names: list[str], *, fast: bool = False, site_dir: Path | None = None, context: Context | None = None,
        out: Any = None) -> int:
    """Run the chosen checks (all by default), print every finding and a summary; the exit status."""
    out = out or sys.stdout
    started = time.monotonic()
    try:
        checks = select(names, fast)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    context = context or Context(config=load_config())
    results: list[Result] = []
    site_checks = [c for c in checks if c.site]
    if site_checks and site_dir is None:
        built, findings, seconds = build_site(CHECK_SITE, context.docs_dir)
        results.append(Result("build", findings, seconds, "strict production build into site-check/"))
        site_dir = CHECK_SITE if built else None
    context.site_dir = site_dir
    for check in checks:
        if check.site and site_dir is None:
            results.append(Result(check.name, [], 0.0, "skipped: the build failed"))
            continue
        results.append(run_check(check, context))
    for result in results:
        status = f"{result.errors} error(s), {result.warnings} warning(s)"
        note = f"; {result.note}" if result.note else ""
        print(f"== {result.check}: {status} ({result.seconds:.1f} s{note})", file=out)
        for finding in sorted(result.findings, key=lambda f: (f.severity != "error", f.path, f.line or 0, f.message)):
            prefix = "" if finding.severity == "error" else "warning: "
            print(prefix + finding.format(), file=out)
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    failed = [r.check for r in results if r.errors]
    skipped = [r.check for r in results if r.note.startswith("skipped")]
    verdict = "FAILED (" + ", ".join(failed) + ")" if failed else "passed"
    if skipped and not failed:
        verdict = "FAILED (skipped: " + ", ".join(skipped) + ")"
    print(f"check: {len(results)} checks, {errors} error(s), {warnings} warning(s) in "
          f"{time.monotonic() - started:.1f} s — {verdict}", file=out)
    return 1 if failed or skipped else 0
