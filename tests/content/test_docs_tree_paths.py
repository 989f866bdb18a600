"""How the content scan names a file in its findings (portal.content.docs_tree): relative to the project
root when inside it, as it is otherwise, the same as pathlib's relative_to would say."""
from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, strategies as st

from portal.content import docs_tree

segment = st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1,
                  max_size=6).filter(lambda s: s not in (".", ".."))
absolute = st.lists(segment, max_size=5).map(lambda parts: PurePosixPath("/", *parts))


def _by_pathlib(path: PurePosixPath, root: PurePosixPath) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@given(absolute, absolute)
def test_a_file_is_named_as_pathlib_would_name_it(path, root) -> None:
    assert docs_tree.relative_text(path, root) == _by_pathlib(path, root)


@given(absolute, st.lists(segment, min_size=1, max_size=4))
def test_a_file_inside_the_root_is_named_from_the_root(root, below) -> None:
    path = root.joinpath(*below)
    assert docs_tree.relative_text(path, root) == "/".join(below)


def test_the_safety_check_reports_the_scan_the_corpus_made_as_a_new_scan_would(tmp_path) -> None:
    import os
    import shutil
    from conftest import FIXTURE_SITE
    from portal.checks import content_safety
    from portal.content import corpus
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    (docs / "run.exe").write_bytes(b"MZ")
    (docs / "bad name.md").write_text("x", encoding="utf-8")
    os.link(docs / "run.exe", tmp_path / "outside.exe")           # a hard link
    loaded = corpus.load(docs, tmp_path)
    assert loaded.scanned is not None
    again = corpus.Corpus(docs=loaded.docs, findings=loaded.findings)   # no scan on record: scans itself
    reused = content_safety.findings_of(loaded, docs, tmp_path)
    assert reused == content_safety.findings_of(again, docs, tmp_path)
    assert sum("run.exe" in f.path for f in reused) == 1 and any("bad name.md" in f.path for f in reused)
    # Another folder than the corpus was read from is scanned, not taken from the record.
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.exe").write_bytes(b"MZ")
    assert [f.path for f in content_safety.findings_of(loaded, other, tmp_path) if "exe" in f.path] == ["other/x.exe"]
