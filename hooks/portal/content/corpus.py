"""All content pages under docs/, read once and validated together."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, rules, safety, schema_check
from .findings import Finding
from .frontmatter import Document
from .vocabulary import check_against_schema, check_slugs

# (abs path) -> (mtime_ns, size, document, findings); a rebuild re-reads only changed files.
_cache: dict[str, tuple[int, int, Document | None, list[Finding]]] = {}


@dataclass
class Corpus:
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    # lang -> (number of docs when built, base -> doc): get() is called for every page and language.
    _index: dict[str, tuple[int, dict[str, Document]]] = field(default_factory=dict, repr=False, compare=False)

    def _by_base(self, lang: str) -> dict[str, Document]:
        cached = self._index.get(lang)
        if cached is None or cached[0] != len(self.docs):
            cached = (len(self.docs), {d.base: d for d in self.docs if d.lang == lang})
            self._index[lang] = cached
        return cached[1]

    def by_base(self, lang: str) -> dict[str, Document]:
        return dict(self._by_base(lang))

    def get(self, base: str, lang: str) -> Document | None:
        return self._by_base(lang).get(base)


def _load_one(abs_path: str, path: str, rel: str) -> tuple[Document | None, list[Finding]]:
    stat = os.stat(abs_path)
    cached = _cache.get(abs_path)
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2], cached[3]
    too_big = safety.check_size(path, stat.st_size)
    doc, findings = (None, too_big) if too_big else frontmatter.read(abs_path, path, rel)
    if doc is not None:
        findings = schema_check.check(doc) + rules.check_document(doc) + safety.check_document(doc)
    _cache[abs_path] = (stat.st_mtime_ns, stat.st_size, doc, findings)
    return doc, findings


def load(docs_dir: str | Path, root: str | Path | None = None) -> Corpus:
    """Read and validate every Markdown page under docs_dir; paths in findings are relative to root."""
    docs_dir = Path(docs_dir).resolve()
    root = Path(root).resolve() if root else docs_dir.parent
    corpus = Corpus(findings=check_against_schema() + check_slugs())
    corpus.findings.extend(safety.symlinks_out_of(docs_dir, root).values())
    for abs_path in sorted(docs_dir.rglob("*.md")):
        if safety.is_outside(abs_path, docs_dir):
            continue   # a link out of docs/, reported above: never read
        rel = abs_path.relative_to(docs_dir).as_posix()
        try:
            path = abs_path.relative_to(root).as_posix()
        except ValueError:
            path = abs_path.as_posix()
        doc, findings = _load_one(str(abs_path), path, rel)
        corpus.findings.extend(findings)
        if doc is not None:
            corpus.docs.append(doc)
    corpus.findings.extend(rules.check_corpus(corpus.docs))
    return corpus
