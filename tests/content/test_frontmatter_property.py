"""Property: no front matter, however broken, makes the portal raise.

For every field the schema knows (nested ones included) the test writes values of the wrong type,
huge and empty values, odd Unicode, deep nesting and extreme dates; it also writes non-text keys,
duplicate keys, YAML anchors, aliases and tags into the file's text. Each page goes through what the
build does with it: reading, validation, and, when it passes, everything that publishes it (page
facts, listings, API, feed). A page is either refused with findings that name the file, or
published; it never raises. At least 2,000 generated pages (PORTAL_PROPERTY_EXAMPLES lowers it
for a quick local run).
"""
from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.content import corpus, datafiles, frontmatter
from portal.publish import build_state, catalogue, content_api, feeds, listings, page_info

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "tests" / "fixtures" / "frontmatter" / "good" / "guidance.sv.md").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("PORTAL_PROPERTY_EXAMPLES", "2000"))
TODAY = datetime.date(2026, 12, 4)


def _schema_paths(schema: dict, prefix: tuple = ()) -> list[tuple]:
    """Every field path of the schema: ('review', 'status'), ('sources', 0, 'url'), ..."""
    paths = []
    for name, sub in (schema.get("properties") or {}).items():
        path = prefix + (name,)
        paths.append(path)
        if sub.get("type") == "object":
            paths += _schema_paths(sub, path)
        items = sub.get("items") if isinstance(sub.get("items"), dict) else None
        if items and items.get("type") == "object":
            paths += _schema_paths(items, path + (0,))
    return paths


FIELD_PATHS = _schema_paths(datafiles.load_schema())

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "\u202e", "\u2066x\u2069", "\x00", "\ufeff", "a\u0301\u0301\u0301", "😀" * 30,
                     "x" * 5000, "<script>alert(1)</script>", "&lt;b&gt;", "../../etc/passwd", "%00",
                     "javascript:alert(1)", "https://", "https://evil.example/\u202e", "- x", ": y", "'"]),
)
extreme_dates = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "1899-12-31", "2101-01-01",
                     "26-12-04", "2026-1-4", "2026-12-04T00:00:00"]),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30, max_value=10**40),
                    st.floats(), odd_text, extreme_dates)


def _nested(depth: int):
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=3),
                        max_leaves=depth)


def _deep(levels: int, leaf: object = "x") -> object:
    value = leaf
    for level in range(levels):
        value = [value] if level % 2 else {"k": value}
    return value


wrong_values = st.one_of(scalars, _nested(12), st.integers(min_value=2, max_value=40).map(_deep))


def _set(meta: dict, path: tuple, value: object) -> None:
    node: object = meta
    for part in path[:-1]:
        if isinstance(part, int):
            if not isinstance(node, list) or not node:
                return
            node = node[0]
        else:
            if not isinstance(node, dict):
                return
            node = node.setdefault(part, {} if not isinstance(path[path.index(part) + 1], int) else [{}])
    if isinstance(node, dict) and isinstance(path[-1], str):
        node[path[-1]] = value
    elif isinstance(node, list) and node:
        node[0] = value


def _good_meta() -> dict:
    doc, _ = frontmatter.parse(GOOD, "docs/x.sv.md", "x.sv.md")
    return json.loads(json.dumps(doc.meta))


def _dump(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)


text_mutations = st.sampled_from([
    lambda t: t.replace("owner: nationellt-centrum", "owner: nationellt-centrum\nowner: nationellt-centrum", 1),
    lambda t: t.replace("review:", "review: &r", 1) + "copy: *r\n",
    lambda t: t + "base: &b [x, x]\nl2: &c [*b, *b]\nl3: [*c, *c]\n",
    lambda t: t.replace("title:", "title: !!python/object/apply:os.system", 1),
    lambda t: t.replace("title:", "title: !custom", 1),
    lambda t: t + "1: one\n",
    lambda t: t + "? [a, b]\n: c\n",
    lambda t: t + "null: x\n",
    lambda t: t + "...\n",
    lambda t: t.replace("type: guidance", "type: [guidance]", 1),
    lambda t: t.replace("status: approved", "status: approved\n  status: draft", 1),
    lambda t: t + "deep: " + "[" * 300 + "]" * 300 + "\n",
    lambda t: t + "deep: " + "{a: " * 60 + "x" + "}" * 60 + "\n",
    lambda t: t.replace("\n", "\r\n"),
    lambda t: "\ufeff" + t,
])


def _publish(loaded: corpus.Corpus) -> None:
    """What the build does with pages that passed: page facts, listings, partners' outputs."""
    state = build_state.BuildState.create(loaded, "preview")
    for doc in loaded.docs:
        for lang in ("sv", "en"):
            page_info.describe(doc, lang, loaded.get(doc.base, "sv"), TODAY, "https://example.se/edit/")
    for lang in ("sv", "en"):
        entries = state.entries(lang)
        for path, kind, term in listings.generated_pages():
            listings.generated_page(path, kind, term, entries, lang)
        listings.render("typfall/index.sv.md", {"of": "types"}, entries, lang)
        pages = catalogue.pages(state, lang, ["sv", "en"])
        for page in pages:
            content_api.detail(page, "https://example.se/", "<p>x</p>")
        feeds.atom(feeds.FeedInfo(lang, "t", "s", "n", "https://example.se/", "https://example.se/feed.xml",
                                  "https://example.se/"), pages, {})


def _check(text: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    page = docs / "sida.sv.md"
    page.write_text(text, encoding="utf-8")
    corpus._cache.clear()
    loaded = corpus.load(docs, tmp_path)
    for finding in loaded.findings:
        assert finding.format().startswith(("docs/sida.sv.md", "data/")), finding.format()
    if not loaded.docs:
        assert loaded.findings, "a page that is not published must say why"
    _publish(loaded)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(st.tuples(st.sampled_from(FIELD_PATHS), wrong_values), min_size=1, max_size=3),
       st.lists(text_mutations, max_size=2))
def test_any_front_matter_is_refused_or_published_never_raises(tmp_path_factory, changes, mutations) -> None:
    meta = _good_meta()
    for path, value in changes:
        _set(meta, path, value)
    try:
        front = _dump(meta)
    except (ValueError, OverflowError, RecursionError):
        return   # PyYAML cannot write it: no editor could have it in a file either
    for mutate in mutations:
        front = mutate(front)
    body = GOOD.split("\n---\n", 1)[1]
    _check("---\n" + front + "---\n" + body, tmp_path_factory.mktemp("p"))
