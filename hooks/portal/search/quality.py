"""Search quality on a query set: hit@1 and hit@3 per language and category, and other-language results.

Used by scripts/bench_search.py and tests/search/test_search_quality.py with the query set in
tests/search_queries.yml and the search data files of a build. The set has two lists: `queries`, which
the engine may be tuned on, and `heldout`, written before the engine changes of issue 16 and only used
to judge it; report() shows the misses of the held-out list only when asked.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import layout
from .engine import Engine

SETS = ("queries", "heldout")


@dataclass
class Outcome:
    query: dict[str, Any]
    ids: list[str]                      # result ids, best first
    foreign: list[str] = field(default_factory=list)   # results whose page is not in the query's language
    section: str = ""                   # heading of the section the first result links to

    def hit(self, k: int) -> bool:
        return any(i in self.query["expect"] for i in self.ids[:k])


def load_queries(path: str | Path, which: str = "queries") -> list[dict[str, Any]]:
    """One list of the query set (`queries` or `heldout`), or both with which="all"; each query names its set."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    names = SETS if which == "all" else (which,)
    return [dict(q, set=name) for name in names for q in data.get(name) or []]


def data_folders(site: str | Path) -> dict[str, Path]:
    site = Path(site)
    return {"sv": site / "search", "en": site / "en" / "search"}


def read_files(folder: Path) -> dict[str, dict[str, Any]]:
    """The JSON files of a language's search folder by name."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


def load_engines(site: str | Path) -> dict[str, Engine]:
    return {lang: Engine.from_files(read_files(folder)) for lang, folder in data_folders(site).items()}


def sections_of(site: str | Path, lang: str) -> list[list[list[str]]]:
    """Per page, its [anchor, heading] sections after the top (from the fragments)."""
    files = read_files(data_folders(site)[lang])
    meta = files[layout.META]
    out: list[list[list[str]]] = []
    for block in range((len(meta["docs"]) + meta["fragmentPages"] - 1) // meta["fragmentPages"]):
        out.extend(doc[1] for doc in files[layout.fragment_file(block)]["docs"])
    return out


def split_available(engines: dict[str, Engine], queries: list[dict[str, Any]]
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(queries with at least one expected page in the index, queries whose pages are all unpublished)."""
    known = {lang: {d["id"] for d in e.docs} for lang, e in engines.items()}
    waiting = [q for q in queries if not set(q["expect"]) & known[q["lang"]]]
    return [q for q in queries if q not in waiting], waiting


def evaluate(engines: dict[str, Engine], queries: list[dict[str, Any]],
             sections: dict[str, list[list[list[str]]]] | None = None) -> list[Outcome]:
    outcomes = []
    for query in queries:
        engine = engines[query["lang"]]
        hits = engine.search(query["q"]).hits
        foreign = [h.doc["url"] for h in hits if _language_of(h.doc["url"]) != engine.lang]
        heading = ""
        if hits and hits[0].section and sections:
            heading = sections[query["lang"]][hits[0].ref][hits[0].section - 1][1]
        outcomes.append(Outcome(query, [h.doc["id"] for h in hits], foreign, heading))
    return outcomes


def _language_of(url: str) -> str:
    return "en" if url.startswith("en/") else "sv"


def summary(outcomes: list[Outcome]) -> dict[tuple[str, str], dict[str, float]]:
    """(lang, category) -> {n, hit@1, hit@3}; ('all', 'all') and (lang, 'all') included."""
    buckets: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        lang, category = o.query["lang"], o.query["category"]
        for key in ((lang, category), (lang, "all"), ("all", category), ("all", "all")):
            buckets[key].append(o)
    return {key: {"n": len(items), "hit@1": sum(o.hit(1) for o in items) / len(items),
                  "hit@3": sum(o.hit(3) for o in items) / len(items)} for key, items in buckets.items()}


def report(outcomes: list[Outcome], show_heldout: bool = False) -> str:
    table = summary(outcomes)
    lines = [f"{'language':<9} {'category':<15} {'n':>4} {'hit@1':>7} {'hit@3':>7}"]
    for key in sorted(table, key=lambda k: (k[0] == "all", k[0], k[1] == "all", k[1])):
        row = table[key]
        lines.append(f"{key[0]:<9} {key[1]:<15} {row['n']:>4} {row['hit@1']:>7.2f} {row['hit@3']:>7.2f}")
    misses = [o for o in outcomes if not o.hit(3) and (show_heldout or o.query.get("set") != "heldout")]
    if misses:
        lines.append("\nmissed at 3:")
        lines.extend(f"  [{o.query['lang']}] {o.query['q']!r} ({o.query['category']}): got {o.ids[:3]}, "
                     f"expected one of {o.query['expect']}" for o in misses)
    with_section = [o for o in outcomes if o.query.get("section")]
    if with_section:
        right = sum(o.hit(1) and o.section == o.query["section"] for o in with_section)
        lines.append(f"\nfirst result links to the expected section: {right} of {len(with_section)}")
    foreign = [o for o in outcomes if o.foreign]
    lines.append(f"\nresults in the other language: {sum(len(o.foreign) for o in foreign)}")
    return "\n".join(lines)
