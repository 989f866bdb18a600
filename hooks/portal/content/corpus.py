"""All content pages under docs/, read once and validated together."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import datafiles, docs_tree, frontmatter, plain_text, rules, safety, schema_check
from .findings import Finding, dotted, errors
from .frontmatter import Document
from .vocabulary import check_against_schema, check_slugs

# (abs path) -> (mtime_ns, size, document, findings, well formed); a rebuild re-reads only changed files.
# Findings depend on data/ (schema, vocabularies) too: the cache is emptied when a data file changes.
_cache: dict[str, tuple[int, int, Document | None, list[Finding], bool]] = datafiles.kept_until_data_changes({})


@dataclass
class Corpus:
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    # What the scan of the folder found (docs_tree): (docs folder, root) it was scanned with, and its findings.
    # The content-safety check reports these again; it need not walk the folder a second time.
    scanned: tuple[Path, Path, list[Finding]] | None = field(default=None, repr=False, compare=False)

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


def _validate(doc: Document) -> tuple[list[Finding], bool]:
    """The page's findings, all at once, and whether its front matter has the right shape (a page
    without it goes no further than its findings, so nothing downstream meets a field of the wrong type)."""
    shape = schema_check.check(doc) + plain_text_findings(doc)
    return shape + rules.check_document(doc) + safety.check_document(doc), not errors(shape)


def plain_text_findings(doc: Document) -> list[Finding]:
    return [Finding(doc.path, doc.line_of(where), dotted(where), message, fix)
            for where, message, fix in plain_text.problems(doc.meta)]


def _load_one(abs_path: str, path: str, rel: str) -> tuple[Document | None, list[Finding], bool]:
    """The page as read (None when it cannot be read), its findings, and whether its front matter
    has the right shape."""
    try:
        stat = os.stat(abs_path)
    except OSError as exc:
        return None, [Finding(path, None, "", f"file cannot be read ({exc.strerror or exc})",
                              "check that the file exists and that you may read it")], False
    cached = _cache.get(abs_path)
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2], cached[3], cached[4]
    too_big = safety.check_size(path, stat.st_size)
    doc, findings = (None, too_big) if too_big else frontmatter.read(abs_path, path, rel)
    well_formed = False
    if doc is not None:
        findings, well_formed = _validate(doc)
    _cache[abs_path] = (stat.st_mtime_ns, stat.st_size, doc, findings, well_formed)
    return doc, findings, well_formed


def load(docs_dir: str | Path, root: str | Path | None = None) -> Corpus:
    """Read and validate every file under docs_dir; paths in findings are relative to root."""
    docs_dir = Path(docs_dir).resolve()
    root = Path(root).resolve() if root else docs_dir.parent
    corpus = Corpus(findings=datafiles.check())
    if errors(corpus.findings):
        return corpus   # the vocabularies and content types are needed to judge any page
    corpus.findings += check_against_schema() + check_slugs()
    tree = docs_tree.scan(docs_dir, root)
    corpus.findings.extend(tree.findings)
    corpus.scanned = (docs_dir, root, list(tree.findings))
    read: list[Document] = []
    for abs_path in tree.pages:
        doc, findings, well_formed = _load_one(str(abs_path), docs_tree.relative_text(abs_path, root),
                                               docs_tree.relative_text(abs_path, docs_dir))
        corpus.findings.extend(findings)
        if doc is not None:
            read.append(doc)
            if well_formed:   # only pages of the right shape go on: everything downstream may trust their fields
                corpus.docs.append(doc)
    corpus.findings.extend(rules.check_corpus(read))
    return corpus
