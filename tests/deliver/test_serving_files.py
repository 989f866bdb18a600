"""What the build writes for the web server besides the pages: gzip copies of the text files and the
sitemap index."""
from __future__ import annotations

import gzip
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portal.deliver import precompress, sitemaps


def _text_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, text in {"index.html": "<p>sida</p>" * 200, "a/b.css": "a{color:red}" * 100, "c.js": "x();" * 100,
                      "d.json": '{"a": 1}' * 100, "e.xml": "<a/>" * 100, "f.svg": "<svg/>" * 100,
                      "tiny.html": "<p>", "g.png": "not text" * 100, ".deploy/nginx.conf": "set x 1;" * 100}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def test_every_text_file_gets_a_deterministic_gzip_copy(tmp_path: Path) -> None:
    site = _text_site(tmp_path)
    assert precompress.write(site) == 6
    copies = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.gz"))
    assert copies == ["a/b.css.gz", "c.js.gz", "d.json.gz", "e.xml.gz", "f.svg.gz", "index.html.gz"]
    first = {p: p.read_bytes() for p in site.rglob("*.gz")}
    for path, packed in first.items():
        assert gzip.decompress(packed) == path.with_name(path.name[:-3]).read_bytes()
        assert packed[4:8] == b"\0\0\0\0" and not packed[3] & 0x08   # no time, no file name in the header
    time.sleep(1.1)
    precompress.write(site)
    assert {p: p.read_bytes() for p in site.rglob("*.gz")} == first


def test_two_processes_write_the_same_copies_as_one(tmp_path: Path) -> None:
    one, two = _text_site(tmp_path / "one"), _text_site(tmp_path / "two")
    assert precompress.write(one) == precompress.write(two, processes=2) == 6
    assert {p.relative_to(one): p.read_bytes() for p in one.rglob("*.gz")} == \
        {p.relative_to(two): p.read_bytes() for p in two.rglob("*.gz")}


def test_work_is_shared_by_size(tmp_path: Path) -> None:
    sizes = {"a": 900, "b": 500, "c": 400, "d": 100}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    shared = precompress.shares([tmp_path / name for name in sizes], 2)
    assert [[p.name for p in share] for share in shared] == [["a", "d"], ["b", "c"]]


def test_a_stale_copy_is_removed_when_compression_no_longer_pays(tmp_path: Path) -> None:
    site = _text_site(tmp_path)
    (site / "tiny.html.gz").write_bytes(b"stale")
    precompress.write(site)
    assert not (site / "tiny.html.gz").exists()


# ---------------------------------------------------------------------------------------------- sitemap

def test_sitemap_becomes_an_index_of_the_page_list(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>"))
    sitemaps.write(tmp_path, "https://kunskapsportal.example.se")
    assert (tmp_path / sitemaps.PAGES).read_text(encoding="utf-8") == "<urlset/>"
    assert not (tmp_path / "sitemap.xml.gz").exists()
    index = ET.fromstring((tmp_path / sitemaps.INDEX).read_text(encoding="utf-8"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert index.tag == ns + "sitemapindex"
    assert [loc.text for loc in index.iter(ns + "loc")] == ["https://kunskapsportal.example.se/sitemap-pages.xml"]
    sitemaps.write(tmp_path, "https://kunskapsportal.example.se")   # a rebuild that kept the index
    assert (tmp_path / sitemaps.PAGES).read_text(encoding="utf-8") == "<urlset/>"
    assert "<sitemapindex" in (tmp_path / sitemaps.INDEX).read_text(encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="wrote no sitemap"):
        sitemaps.write(tmp_path / "empty", "https://x.se/")
