"""portal.publish.print_links: the full address of each link of the article, for the print stylesheet."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from portal.publish import print_links

PAGE = """<nav class="md-nav"><a href="../other/">Other</a></nav>
<article class="md-content__inner md-typeset">
<p><a href="../samverkanskedjan/">kedjan</a>, <a href="#avsnitt">här</a>,
<a class="headerlink" href="#x">¶</a>, <a href="https://example.org/a">https://example.org/a</a>,
<a href="https://example.org/b?x=1&amp;y=2" title="t">Källa <em>B</em></a>,
<a href="tel:+46102235760">Stödtelefonen</a>, <a href="mailto:info@example.org">info@example.org</a></p>
</article>
<footer><a href="../x/">X</a></footer>"""


def test_article_links_get_their_full_address_and_nothing_else_does() -> None:
    tree = LexborHTMLParser(print_links.annotate(PAGE, "https://portal.example/samverkan/checklistor/"))
    found = {a.text(): a.attributes.get("data-portal-print-url") for a in tree.css("a")}
    assert found == {
        "Other": None, "X": None,                       # navigation and footer: outside the article
        "kedjan": "https://portal.example/samverkan/samverkanskedjan/",
        "här": None, "¶": None,                          # same page
        "https://example.org/a": None,                   # the text already is the address
        "Källa B": "https://example.org/b?x=1&y=2",
        "Stödtelefonen": "+46102235760",
        "info@example.org": None,
    }
    assert tree.css_first('a[title="t"]') is not None   # other attributes kept


def test_a_page_without_an_article_is_unchanged() -> None:
    assert print_links.annotate("<p><a href='x'>x</a></p>", "https://p/") == "<p><a href='x'>x</a></p>"
