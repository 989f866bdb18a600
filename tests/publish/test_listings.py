"""Topic and audience listings: "Börja här" first, then groups by content type in navigation order,
headings in the page's language, the review date only when it tells the pages apart."""
from __future__ import annotations

from portal.content.frontmatter import Document
from portal.content.navigation import Navigation
from portal.publish import listings
from portal.publish.listings import Entry


def entry(base: str, kind: str, title: str, reviewed: str = "2026-01-10", lang: str = "sv") -> Entry:
    meta = {"id": base.rsplit("/", 1)[-1], "type": kind, "title": title, "description": f"Om {title}.",
            "topics": ["child-marriage"], "review": {"status": "approved", "last_reviewed": reviewed}}
    return Entry(base, Document(f"docs/{base}.{lang}.md", f"{base}.{lang}.md", meta, "", 10))


ENTRIES = [entry("lagstiftning/brott", "legal", "Brottet"), entry("vagledning/b", "guidance", "B-vägledning"),
           entry("typfall/resan", "typology", "Resan"), entry("vagledning/a", "guidance", "A-vägledning"),
           entry("yrke/polis", "page", "För polisen")]
ORDER = Navigation({"vagledning/": 0, "vagledning/b": 1, "vagledning/a": 2, "typfall/": 3, "typfall/resan": 4,
                    "lagstiftning/": 5, "lagstiftning/brott": 6, "yrke/": 7, "yrke/polis": 8},
                   start_here={("topics", "child-marriage"): ("resan", "polis")})


def headings_and_links(markdown: str) -> list[str]:
    out = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            out.append(line)
        elif '<a href="' in line and "portal-feed-link" not in line:   # the feed link: its own test
            out.append(line.split('">', 1)[1].split("</a>", 1)[0])
    return out


def test_groups_follow_the_navigation_and_start_here_comes_first() -> None:
    page = listings.generated_page("amnen/barnaktenskap", "topic", "child-marriage", ENTRIES, "sv", ORDER)
    assert headings_and_links(page) == ["## Börja här", "Resan", "För polisen",
                                        "## Vägledning", "B-vägledning", "A-vägledning",
                                        "## Lagstiftning", "Brottet"]
    # the same date on every page says nothing: no dates at all
    assert "granskad" not in page and "2026-01-10" not in page
    # "Börja här" names the type of each page (not the meaningless "Sida")
    assert "<small>Typfall</small>" in page and "<small>Sida" not in page


def test_english_headings_and_dates_when_they_differ() -> None:
    entries = ENTRIES[:-1] + [entry("yrke/polis", "page", "For the police", "2026-03-01", "en")]
    page = listings.generated_page("amnen/barnaktenskap", "topic", "child-marriage", entries, "en",
                                   Navigation(ORDER.positions))
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## Guidance", "## Case typologies", "## Legal summaries", "## More pages"]
    assert "reviewed 2026-03-01" in page and "reviewed 2026-01-10" in page


def test_a_single_group_has_no_heading_and_an_empty_listing_says_so() -> None:
    section = listings.render_list("vagledning/index.sv.md", ENTRIES[1::2], "sv", ORDER)
    assert "## " not in section and section.index("B-vägledning") < section.index("A-vägledning")
    assert "inga publicerade sidor" in listings.render_list("amnen/x.md", [], "sv", ORDER)


def test_without_a_navigation_order_groups_sort_by_title() -> None:
    page = listings.render_list("amnen/x.md", ENTRIES, "sv")
    assert page.index("A-vägledning") < page.index("B-vägledning")
