"""Command line for editors' tasks: `python -m portal <command>` (the Makefile wraps these)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .publish import build_state
from .content import change_entry, corpus, draft_links, frontmatter, scaffold
from .content.review import today
from .content.datafiles import ROOT, DataFileError
from .content.findings import errors
from .content.translation import revision

REVISION_LINE = re.compile(r"^(\s*source_revision:\s*)\S*", re.M)


def _read(path: Path) -> frontmatter.Document:
    doc, findings = frontmatter.read(str(path), str(path), path.name)
    if doc is None:
        sys.exit("\n".join(f.format() for f in findings))
    return doc


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = corpus.load(args.docs, ROOT)
    published = build_state.BuildState.create(loaded, args.mode).published
    findings = loaded.findings + draft_links.check(loaded.docs, published)
    for finding in findings:
        print(finding.format())
    problems = errors(findings)
    print(f"{len(loaded.docs)} pages checked, {len(problems)} problem(s).")
    return 1 if problems else 0


def cmd_revision(args: argparse.Namespace) -> int:
    print(revision(_read(Path(args.page)).body))
    return 0


def cmd_mark_translated(args: argparse.Namespace) -> int:
    """Record in an English page that it now translates the current Swedish text."""
    english = Path(args.page)
    if not english.name.endswith(".en.md"):
        sys.exit(f"{english}: not an English page — give the .en.md file")
    swedish = english.with_name(english.name[: -len(".en.md")] + ".sv.md")
    current = revision(_read(swedish).body)
    text = english.read_text(encoding="utf-8")
    if REVISION_LINE.search(text):
        text = REVISION_LINE.sub(lambda m: f'{m.group(1)}"{current}"', text, count=1)
    else:
        text = text.replace("\n---", f'\ntranslation:\n  source_revision: "{current}"\n---', 1)
    english.write_text(text, encoding="utf-8")
    print(f"{english}: translation.source_revision = {current}")
    return 0


def cmd_changed(args: argparse.Namespace) -> int:
    """Record a change in a page's history (KIND and NOTE), or record today's text and date in the
    newest entry (neither)."""
    page = Path(args.page or "")
    if not page.name.endswith((".sv.md", ".en.md")) or not page.is_file():
        print(f"PAGE={args.page!r} is not a page — give its file, e.g. PAGE=docs/vagledning/orosanmalan.sv.md",
              file=sys.stderr)
        return 2
    if bool(args.kind) != bool(args.note):
        print("give both KIND=major|minor and NOTE=\"…\" to add a change, or neither to record today's text "
              "in the newest entry", file=sys.stderr)
        return 2
    text = page.read_text(encoding="utf-8-sig")
    try:
        if args.kind:
            text = change_entry.add(text, str(page), today(), args.kind, args.note)
        else:
            text = change_entry.restamp(text, str(page), today())
    except change_entry.ChangeEntryError as problem:
        print(problem, file=sys.stderr)
        return 1
    page.write_text(text, encoding="utf-8")
    print(f"{page}: changes[0] records {'the ' + args.kind + ' change' if args.kind else 'the current text'}, "
          f"dated {today()}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        paths = scaffold.create(Path(args.docs), args.type, args.slug)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for path in paths:
        print(f"created {path}")
    folder = paths[0].parent.name
    print(f"next: add '- {args.slug}' under '{folder}:' in data/navigation.yml where readers should meet the page "
          "(the build names every page missing from the order)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import registry, runner
    if args.list:
        for check in registry.CHECKS:
            print(f"{check.name:15} {check.summary}{'' if check.fast else ' (needs a build)'}")
        return 0
    return runner.run(args.names, fast=args.fast, site_dir=Path(args.site) if args.site else None)


def cmd_check_external(args: argparse.Namespace) -> int:
    from .checks import external_links, runner
    loaded = corpus.load(args.docs, ROOT)
    return external_links.main(loaded, runner.load_config(), build_state.today(), Path(args.cache), args.refresh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check the front matter and structure of every page")
    validate.add_argument("--docs", default=str(ROOT / "docs"))
    validate.add_argument("--mode", choices=["production", "preview"], default="production",
                          help="production also reports links from published pages to drafts")
    validate.set_defaults(run=cmd_validate)
    rev = sub.add_parser("revision", help="print the revision hash of a Swedish page")
    rev.add_argument("page")
    rev.set_defaults(run=cmd_revision)
    mark = sub.add_parser("mark-translated", help="record that an English page translates the current Swedish text")
    mark.add_argument("page")
    mark.set_defaults(run=cmd_mark_translated)
    changed = sub.add_parser("changed", help="record a change in a page's history (or today's text in the newest entry)")
    changed.add_argument("page")
    changed.add_argument("--kind", default="", help="major (readers should know) or minor (typos, wording)")
    changed.add_argument("--note", default="", help="what changed, in the page's language")
    changed.set_defaults(run=cmd_changed)
    new = sub.add_parser("new", help="create the Swedish and English files of a new page")
    new.add_argument("type")
    new.add_argument("slug")
    new.add_argument("--docs", default=str(ROOT / "docs"))
    new.set_defaults(run=cmd_new)
    check = sub.add_parser("check", help="run the quality checks (all, or the ones named); see --list")
    check.add_argument("names", nargs="*", metavar="NAME")
    check.add_argument("--fast", action="store_true", help="only the checks that need no build (pre-commit)")
    check.add_argument("--site", help="check this built site instead of building one into site-check/")
    check.add_argument("--list", action="store_true", help="list the checks")
    check.set_defaults(run=cmd_check)
    external = sub.add_parser("check-external", help="check links to other sites (needs the network)")
    external.add_argument("--docs", default=str(ROOT / "docs"))
    external.add_argument("--cache", default=str(ROOT / "data" / "external-links-cache.json"))
    external.add_argument("--refresh", action="store_true", help="ask every URL again, ignoring the cache's dates")
    external.set_defaults(run=cmd_check_external)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataFileError as error:   # a broken data file: its one line, no traceback
        print(error, file=sys.stderr)
        return 1
    except OSError as error:         # a broken environment (disk full, no permission): one line
        where = f"{error.filename}: " if error.filename else ""
        print(f"{where}{error.strerror or error} — check the disk and the folder's permissions, then run it again",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
