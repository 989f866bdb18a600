"""Search quality on a query set: hit@1 and hit@3 per language and category, and other-language results.

Used by scripts/bench_search.py and tests/search/test_search_quality.py with the query set in
tests/search_queries.yml and the search data files of a build.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .engine import Engine


@dataclass
class Outcome:
    query: dict[str, Any]
    ids: list[str]                      # result ids, best first
    foreign: list[str] = field(default_factory=list)   # results whose page is not in the query's language

    def hit(self, k: int) -> bool:
        return any(i in self.query["expect"] for i in self.ids[:k])


def load_queries(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["queries"]


def data_files(site: str | Path) -> dict[str, Path]:
    site = Path(site)
    return {"sv": site / "search" / "sv.json", "en": site / "en" / "search" / "en.json"}


def load_engines(site: str | Path) -> dict[str, Engine]:
    return {lang: Engine(json.loads(path.read_text(encoding="utf-8"))) for lang, path in data_files(site).items()}


def split_available(engines: dict[str, Engine], queries: list[dict[str, Any]]
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(queries with at least one expected page in the index, queries whose pages are all unpublished)."""
    known = {lang: {d["id"] for d in e.docs} for lang, e in engines.items()}
    waiting = [q for q in queries if not set(q["expect"]) & known[q["lang"]]]
    return [q for q in queries if q not in waiting], waiting


def evaluate(engines: dict[str, Engine], queries: list[dict[str, Any]]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        engine = engines[query["lang"]]
        hits = engine.search(query["q"])
        foreign = [h.doc["url"] for h in hits if _language_of(h.doc["url"]) != engine.lang]
        outcomes.append(Outcome(query, [h.doc["id"] for h in hits], foreign))
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


def report(outcomes: list[Outcome]) -> str:
    table = summary(outcomes)
    lines = [f"{'language':<9} {'category':<15} {'n':>4} {'hit@1':>7} {'hit@3':>7}"]
    for key in sorted(table, key=lambda k: (k[0] == "all", k[0], k[1] == "all", k[1])):
        row = table[key]
        lines.append(f"{key[0]:<9} {key[1]:<15} {row['n']:>4} {row['hit@1']:>7.2f} {row['hit@3']:>7.2f}")
    misses = [o for o in outcomes if not o.hit(3)]
    if misses:
        lines.append("\nmissed at 3:")
        lines.extend(f"  [{o.query['lang']}] {o.query['q']!r} ({o.query['category']}): got {o.ids[:3]}, "
                     f"expected one of {o.query['expect']}" for o in misses)
    foreign = [o for o in outcomes if o.foreign]
    lines.append(f"\nresults in the other language: {sum(len(o.foreign) for o in foreign)}")
    return "\n".join(lines)
