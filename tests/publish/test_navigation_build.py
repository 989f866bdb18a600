"""The built site's navigation, previous/next and joint guidance steps follow data/navigation.yml,
in Swedish and English (read from the HTML with a real parser)."""
from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from portal.content.datafiles import ROOT, read_yaml

ORDER = read_yaml(ROOT / "data" / "navigation.yml")


def flatten(entries: list, folder: str = "") -> list[str]:
    bases: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            bases.append(posixpath.join(folder, entry))
        else:
            (name, inner), = entry.items()
            bases += flatten(inner, posixpath.join(folder, name))
    return bases


def url_of(base: str) -> str:
    return base[:-len("index")] if base == "index" or base.endswith("/index") else base + "/"


def parse(site: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def resolve(url: str, href: str) -> str:
    joined = posixpath.normpath(posixpath.join(url or ".", href))
    return "" if joined == "." else joined + "/"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_previous_and_next_walk_the_configured_order(real_site: Path, prefix: str) -> None:
    # drafts are not published: the walk steps over them
    expected = [url for base in flatten(ORDER["order"])
                if (real_site / (url := prefix + url_of(base)) / "index.html").exists()]
    assert len(expected) > 60
    walked, url = [], prefix
    while url is not None and len(walked) <= len(expected):
        walked.append(url)
        tree = parse(real_site, url)
        following = tree.css_first("a.md-footer__link--next")
        previous = tree.css_first("a.md-footer__link--prev")
        if len(walked) > 1:
            assert previous is not None and resolve(url, previous.attributes["href"]) == walked[-2], url
        url = resolve(url, following.attributes["href"]) if following is not None else None
    assert walked == expected


@pytest.mark.parametrize("prefix, titles", [
    ("", ["Vägledning", "Samverkan", "Typfall", "Lagstiftning", "Stöd och kontakt", "Yrken", "Målgrupper",
          "Ämnen", "Definition och former", "Ordlista", "Om portalen"]),
    ("en/", ["Guidance", "Joint guidance", "Case typologies", "Legal summaries", "Support and contact",
             "Professions", "Audiences", "Topics", "Definition and forms", "Glossary", "About the portal"]),
])
def test_sidebar_sections_in_order_with_titles_in_the_page_language(real_site: Path, prefix: str,
                                                                    titles: list[str]) -> None:
    nav = parse(real_site, prefix).css_first("nav.md-nav--primary > ul")
    shown = [" ".join(item.css_first("a, label").text().split())
             for item in nav.iter() if item.tag == "li"]
    assert shown[1:] == titles   # the first is the start page


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_joint_guidance_steps_mark_the_current_step(real_site: Path, prefix: str) -> None:
    steps = [f"{prefix}samverkan/{name}/" for name in ORDER["steps"]["samverkan"]]
    for number, url in enumerate(steps, start=1):
        nav = parse(real_site, url).css_first("nav.portal-steps")
        assert nav is not None, url
        links = nav.css("ol > li > a")
        assert [resolve(url, a.attributes["href"]) for a in links] == steps
        current = nav.css('[aria-current="step"]')
        assert len(current) == 1 and resolve(url, current[0].attributes["href"]) == url
        assert (f"Steg {number} av 3" if not prefix else f"Step {number} of 3") in current[0].text()
    overview = parse(real_site, f"{prefix}samverkan/").css_first("nav.portal-steps")
    assert overview is not None and not overview.css('[aria-current="step"]')
    assert parse(real_site, f"{prefix}samverkan/checklistor/").css_first("nav.portal-steps") is None


@pytest.mark.parametrize("url, crumbs, first, groups", [
    ("amnen/barnaktenskap/", ["Startsidan", "Ämnen"], "Börja här", ["Vägledning", "Typfall", "Lagstiftning"]),
    ("en/malgrupper/polis/", ["Home", "Audiences"], "Start here", ["Guidance", "Case typologies", "Legal summaries"]),
])
def test_listings_show_where_they_are_and_group_by_type(real_site: Path, url: str, crumbs: list[str], first: str,
                                                        groups: list[str]) -> None:
    tree = parse(real_site, url)
    path = tree.css_first("nav.md-path")
    assert [" ".join(a.text().split()) for a in path.css("a")] == crumbs
    headings = [" ".join(h.text().split()).rstrip("¶").strip() for h in tree.css("article h2")]
    assert headings[0] == first
    shown = [h for h in headings if h in groups]
    assert shown == [g for g in groups if g in shown] and len(shown) >= 2
    links = [resolve(url, a.attributes["href"]) for a in tree.css("article ul.portal-listing a")]
    assert len(links) == len(set(links)), "a page listed twice"
