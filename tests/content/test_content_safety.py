"""Content safety rules on Markdown bodies, file names, sizes, symbolic links and rendered HTML."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from portal.content import safety, corpus
from portal.content.frontmatter import Document


def problems(body: str, rel: str = "typfall/resan.sv.md") -> list[str]:
    doc = Document("docs/" + rel, rel, {}, body, 20)
    return [f.format() for f in safety.check_document(doc)]


@pytest.mark.parametrize("body,expected", [
    ("<script>alert(1)</script>", "raw <script> is not allowed"),
    ("Text <ScRiPt src=https://evil.example/x.js></ScRiPt>", "raw <script> is not allowed"),
    ("<iframe src='https://example.com'></iframe>", "an <iframe> is not allowed"),
    ("<object data='x.swf'></object>", "an <object> is not allowed"),
    ("<svg><circle/></svg>", "raw HTML <svg> is not allowed"),
    ("<style>p{}</style>", "raw HTML <style> is not allowed"),
    ("<form action='https://evil.example'><input></form>", "raw HTML <form> is not allowed"),
    ('<img src="a.png" alt="" onerror="alert(1)">', "inline event handler 'onerror'"),
    ("<img/onerror=alert(1) src=x alt=''>", "inline event handler 'onerror'"),
    ('<div ONMOUSEOVER = "x()">x</div>', "inline event handler 'onmouseover'"),
    ('[Länk](https://example.se){ onclick="alert(1)" }', "inline event handler 'onclick'"),
    ("## Rubrik {: onfocus=x }", "inline event handler 'onfocus'"),
    ('<span style="color:red">x</span>', "inline style attribute is not allowed"),
    ('Text{ style="display:none" }', "inline style attribute is not allowed"),
    ("[x](javascript:alert(1))", "'javascript:' address"),
    ("[x]( JaVaScRiPt:alert(1) )", "'javascript:' address"),
    ("[x](java&#115;cript:alert(1))", "'javascript:' address"),
    ("[x](java&#x09;script:alert(1))", "'javascript:' address"),
    ("[x](<java\tscript:alert(1)>)", "'javascript:' address"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "'javascript:' address"),
    ("[x](vbscript:msgbox(1))", "'vbscript:' address"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "'data:' address"),
    ("![bild](data:image/svg+xml,<svg onload=alert(1)>)", "'data:' address"),
    ('<a href="javascript:void(0)">x</a>', "'javascript:' address"),
    ('<a href=" &#106;avascript:alert(1)">x</a>', "'javascript:' address"),
    ("<!-- --!><script>alert(1)</script> -->", "raw <script> is not allowed"),
    ("<!--><script>alert(1)</script>-->", "raw <script> is not allowed"),
    ("``<script>alert(1)</script>`", "raw <script> is not allowed"),
    ("```\n<script>alert(1)</script>\n", "raw <script> is not allowed"),     # a fence never closed is no code
])
def test_unsafe_markdown_is_reported(body: str, expected: str) -> None:
    found = problems(body)
    assert any(expected in line for line in found), found
    assert all(line.startswith("docs/typfall/resan.sv.md:2") and " — " in line for line in found), found


@pytest.mark.parametrize("body", [
    "Vanlig text om skydd och stöd. Ring 112.",
    "`<script>` och `onclick=` i en kodrad visas, körs inte.",
    "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
    "    ~~~\n    <script>x</script>\n    ~~~",
    "<!-- <script>kommentar</script> -->",
    "<details><summary>Mer</summary>\n\nText\n</details>",
    '<div markdown class="portal-note" id="x">\n\n**Fet**\n\n</div>',
    "<abbr title=\"Lagen om vård av unga\">LVU</abbr>, <kbd>Shift</kbd>, H<sub>2</sub>O",
    "[Sida](../vagledning/tecken.md), [extern](https://www.riksdagen.se/), [e-post](mailto:a@b.se), [ring](tel:112)",
    "[Avsnitt](#gor-sa-har){ hreflang=sv lang=sv }",
    "Se <https://www.riksdagen.se/> och <info@example.se>.",
    "Kontakten online= inte ett attribut; onboarding pågår.",
    "## Rubrik {#egen-id .klass}",
])
def test_safe_markdown_passes(body: str) -> None:
    assert problems(body) == []


def test_line_numbers_count_from_the_file_start() -> None:
    assert problems("Rad ett.\n\n```\nkod\n```\n\n<script>x</script>")[0].startswith("docs/typfall/resan.sv.md:26:")


@pytest.mark.parametrize("rel", ["typfall/Resan.sv.md", "typfall/min sida.sv.md", "typfall/a_b.sv.md",
                                 "Typfall/resan.sv.md", "..hemlig.sv.md", "typfall/..x/resan.sv.md",
                                 "typfall/resan..sv.md"])
def test_page_names_must_be_slugs(rel: str) -> None:
    found = problems("Text.", rel)
    assert len(found) == 1 and "is not a valid page address" in found[0] and "rename it" in found[0]


@pytest.mark.parametrize("rel", ["index.sv.md", "typfall/resan-i-sommar.en.md", "a/b2/c.sv.md"])
def test_slug_names_pass(rel: str) -> None:
    assert problems("Text.", rel) == []


def test_size_limit() -> None:
    assert safety.check_size("docs/a.sv.md", safety.MAX_PAGE_BYTES) == []
    (finding,) = safety.check_size("docs/a.sv.md", 10_000_000)
    assert finding.format() == ("docs/a.sv.md: file is 10.0 MB, pages may be at most 0.2 MB "
                                "— split the page, or move data and images out of the text")


def test_symbolic_links_out_of_docs_are_reported_and_never_read(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "typfall").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.sv.md").write_text("---\nid: secret\n---\nHemligt.\n", encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    (docs / "typfall" / "leak.sv.md").symlink_to(outside / "secret.sv.md")
    (docs / "bild.png").symlink_to(outside / "passwd")
    (docs / "folder").symlink_to(outside, target_is_directory=True)
    (docs / "typfall" / "inside.png").symlink_to(docs / "bild.png")   # inside docs, but leads out through bild.png
    (docs / "ok.png").write_bytes(b"x")
    (docs / "typfall" / "alias.png").symlink_to(docs / "ok.png")      # stays inside docs: fine
    loaded = corpus.load(docs, tmp_path)
    lines = sorted(f.format() for f in loaded.findings)
    assert [line.split(":")[0] for line in lines] == ["docs/bild.png", "docs/folder", "docs/typfall/inside.png",
                                                      "docs/typfall/leak.sv.md"]
    assert all("outside docs/ — replace the link" in line for line in lines if not line.startswith("docs/folder:"))
    assert "docs/folder: is a link to a folder — move the folder into docs/" in lines[1]
    assert loaded.docs == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' `~{}[]():#&;!-\nabcdeilnoprstvxjJS")), max_size=200))
def test_random_bodies_never_crash_the_checks(body: str) -> None:
    for finding in safety.check_document(Document("docs/p.sv.md", "p.sv.md", {}, body, 5)):
        assert finding.path == "docs/p.sv.md" and finding.line >= 5
