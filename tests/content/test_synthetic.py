"""The benchmark's synthetic corpus validates like real content."""
from __future__ import annotations

from pathlib import Path

from portal.content import corpus, synthetic
from portal.content.findings import errors


def test_synthetic_corpus_validates_and_has_every_type(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    count = synthetic.generate(docs, 40)
    loaded = corpus.load(docs, tmp_path)
    assert errors(loaded.findings) == []
    assert count == 40
    assert len(loaded.by_base("sv")) == len(loaded.by_base("en")) == 40
    assert {d.meta["type"] for d in loaded.docs} == {"guidance", "typology", "legal", "joint-guidance", "page"}
    sizes = sorted(p.stat().st_size for p in docs.rglob("*.sv.md") if p.name != "index.sv.md")
    assert 2_500 < sizes[len(sizes) // 2] < 8_000      # like the shipped pages (median about 4.5 KB)


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "a", 20)
    synthetic.generate(tmp_path / "b", 20)
    read = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.md")}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b")
