"""Publish a production build, or go back to an earlier one: `make build`, `make rollback`, `make releases`.

    python -m portal.deliver.deploy build    [--site site]      # build, check, switch site/ to it
    python -m portal.deliver.deploy rollback [--site site] [--release NAME]
    python -m portal.deliver.deploy list     [--site site]

`build` checks the site address (site_address.py) and that every input can be read (readable.py),
takes the publishing lock (build_lock.py), builds into a new release folder (build_process.py),
checks the result is complete, and only then switches the link `site` to it (releases.py) and
removes all but the newest PORTAL_KEEP_RELEASES (5) releases. Any step that fails ends the command
with one line saying what went wrong, exit status 1, and `site` still naming the build it named
before. A second `make build` waits for the first (up to PORTAL_BUILD_WAIT seconds, 1800).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError

from ..content.datafiles import ROOT
from . import build_lock, build_process, delivery, readable, site_address, sitemaps
from .releases import ReleaseError, Site

RELEASE_JSON = f"{delivery.DEPLOY_DIR}/release.json"
DEFAULT_KEEP = 5
DEFAULT_WAIT = 1800


class Stop(Exception):
    """Ends the command: one line for the reader of the terminal."""


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived."""


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted()


def say(line: str) -> None:
    print(line, flush=True)


def warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def build_settings(root: Path = ROOT) -> dict[str, Any]:
    """mkdocs.yml's site_url, docs_dir and theme folder as this build will see them (environment applied)."""
    from mkdocs.utils.yaml import yaml_load   # MkDocs' loader resolves !ENV like the build does
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    return {"site_url": config.get("site_url"), "docs_dir": root / str(config.get("docs_dir", "docs")),
            "theme_dir": root / str((config.get("theme") or {}).get("custom_dir", "overrides"))}


def missing_parts(site_dir: Path) -> list[str]:
    """What a complete build has and this one lacks: pages, error pages, sitemap and the server's files."""
    needed = ["index.html", "404.html", sitemaps.INDEX, delivery.NGINX_INCLUDE, delivery.NGINX_HTTP_INCLUDE,
              delivery.HEADERS_JSON]
    try:
        document = json.loads((site_dir / delivery.HEADERS_JSON).read_text(encoding="utf-8"))
        needed += [page.lstrip("/") for page in document.get("error_pages", {}).values()]
    except (OSError, ValueError):
        pass
    return [name for name in dict.fromkeys(needed) if not (site_dir / name).is_file()]


def _commit(root: Path) -> str | None:
    try:
        found = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                               text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None


def _record(site_dir: Path, name: str, site_url: str, root: Path) -> None:
    """.deploy/release.json: which build this is, for `make releases` and whoever looks at the server."""
    facts = {"release": name, "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "commit": _commit(root), "site_url": site_url}
    (site_dir / RELEASE_JSON).write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")


# What to do about the errors a broken environment gives, by their text.
_FIXES = {
    "No space left on device": "free space on the disk that holds {releases} (or lower PORTAL_KEEP_RELEASES) "
                               "and build again",
    "Read-only file system": "publish to a writable folder (make build SITE_DIR=…) or remount it read-write",
    "Permission denied": "give the user running the build access to it, or publish as the user that owns "
                         "{releases}",
    "Disk quota exceeded": "free space within your quota on the disk that holds {releases}",
}


def with_fix(problem: str, site: Site) -> str:
    """An error line with what to do about it, when we know."""
    for text, fix in _FIXES.items():
        if text in problem:
            return f"{problem} — {fix.format(releases=site.releases)}"
    return problem


def _oserror(error: OSError) -> str:
    return f"{error.strerror or error}: '{error.filename}'" if error.filename else str(error.strerror or error)


def build(site: Site, keep: int, wait: float, root: Path = ROOT) -> None:
    if site.link.exists() and not site.link.is_dir():
        raise Stop(f"{site.link} is a file, not the published site — move it away and build again")
    try:
        settings = build_settings(root)
    except (OSError, ConfigurationError) as error:
        reason = getattr(error, "strerror", None) or " ".join(str(error).split())
        raise Stop(f"mkdocs.yml: cannot be read: {reason} — correct it and build again") from None
    problem = site_address.problem(settings["site_url"], bool(os.environ.get(site_address.SETTING, "").strip()))
    if problem:
        raise Stop(problem)
    docs = settings["docs_dir"]
    inputs = [docs, docs.parent / "data", root / "data", settings["theme_dir"]]
    unreadable = readable.problems([path for path in dict.fromkeys(inputs) if os.path.lexists(path)] +
                                   [root / "mkdocs.yml"], root)
    if unreadable:
        raise Stop("\n".join(unreadable))
    try:
        site.releases.mkdir(exist_ok=True)
        with build_lock.held(site.lock, wait, say=say):
            site.clear_leftovers()
            name = site.new_name()
            _build_release(site, name, settings["site_url"], root)
            adopted = site.switch(name)
            if adopted:
                say(f"The folder {site.link.name}/ that was served before is kept as release {adopted}.")
            _prune(site, keep)
    except build_lock.Busy as busy:
        raise Stop(f"{busy} is publishing {site.link.name} (lock {site.lock}) — wait until it has finished "
                   f"and build again, or set PORTAL_BUILD_WAIT to wait longer") from None
    except OSError as error:
        raise Stop(with_fix(_oserror(error), site)) from None
    say(f"Published: {site.link} now serves release {name} ({site.releases.name}/{name}). "
        "Reload the web server (nginx -s reload); `make rollback` serves the previous release again.")


def _build_release(site: Site, name: str, site_url: str, root: Path) -> None:
    out = site.building(name)
    try:
        outcome = build_process.mkdocs_build(out, root, show=warn)
        if outcome.returncode != 0:
            raise Stop(with_fix(f"the build failed: {outcome.crash}", site) if outcome.crash else
                       "the build failed (the lines above say why)")
        missing = missing_parts(out)
        if missing:
            raise Stop(f"the build is incomplete, {', '.join(missing)} missing — see the lines above")
        _record(out, name, site_url, root)
        site.finish(name)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)   # a failed build must not hold the disk space it took
        raise


def _prune(site: Site, keep: int) -> None:
    try:
        removed = site.prune(keep)
    except OSError as error:
        warn(f"warning: could not remove an old release ({_oserror(error)}); the new one is published")
        return
    if removed:
        say(f"Removed old release(s) {', '.join(removed)} (keeping {keep}).")


def rollback(site: Site, release: str | None, wait: float) -> None:
    try:
        with build_lock.held(site.lock, wait, say=say):
            before = site.current()
            target = release or site.previous()
            names = site.names()
            if target is None:
                raise Stop(f"no release older than {before or 'the served site'} to go back to "
                           f"(releases: {', '.join(names) or 'none'})")
            if target not in names:
                raise Stop(f"no release named {target!r} (releases: {', '.join(names) or 'none'})")
            if target == before:
                say(f"{site.link} already serves release {target}.")
                return
            missing = missing_parts(site.releases / target)
            if "index.html" in missing:
                raise Stop(f"release {target} has no index.html — choose another with RELEASE=")
            site.switch(target)
    except build_lock.Busy as busy:
        raise Stop(f"{busy} is publishing {site.link.name} (lock {site.lock}) — try again when it has finished") \
            from None
    except OSError as error:
        raise Stop(with_fix(_oserror(error), site)) from None
    say(f"Rolled back: {site.link} now serves release {target} (was {before or 'another build'}). "
        "Reload the web server (nginx -s reload).")


def list_releases(site: Site) -> None:
    current = site.current()
    names = site.names()
    if not names:
        say(f"No releases in {site.releases} yet ({site.link} serves {site.describe()}).")
        return
    for name in names:
        try:
            facts = json.loads((site.releases / name / RELEASE_JSON).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            facts = {}
        details = ", ".join(f"{key} {facts[key]}" for key in ("built", "commit", "site_url") if facts.get(key))
        say(f"{'*' if name == current else ' '} {name}  {details}".rstrip())


def _number(variable: str, default: int, least: int) -> int:
    raw = os.environ.get(variable, "")
    try:
        value = int(raw) if raw.strip() else default
    except ValueError:
        raise Stop(f"{variable}: '{raw}' is not a whole number") from None
    if value < least:
        raise Stop(f"{variable}: {value} is too small — use at least {least}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.deliver.deploy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "rollback", "list"])
    parser.add_argument("--site", default="site", help="the published site: a link to the release served")
    parser.add_argument("--release", help="rollback: the release to serve (default: the one before)")
    args = parser.parse_args(argv)
    site = Site(Path(args.site).absolute())
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        if args.command == "build":
            build(site, _number("PORTAL_KEEP_RELEASES", DEFAULT_KEEP, 2), _number("PORTAL_BUILD_WAIT", DEFAULT_WAIT, 0))
        elif args.command == "rollback":
            rollback(site, args.release, _number("PORTAL_BUILD_WAIT", DEFAULT_WAIT, 0))
        else:
            list_releases(site)
    except (Stop, ReleaseError) as stop:
        # The problem, one line each, the last one saying what readers still get.
        warn(f"{stop}; {site.link.name} still serves {site.describe()}")
        return 1
    except Interrupted:
        warn(f"Interrupted; {site.link.name} still serves {site.describe()}.")
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
