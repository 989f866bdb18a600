"""Builds of the fixture site, checked for what partners reuse: embed views, oEmbed, the content
API, feeds, permalinks and redirects of moved pages."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, api_schema, api_validator, build

SITE_URL = "http://127.0.0.1:8000/"     # mkdocs.yml site_url default, used by the fixture builds
LANGS = ("sv", "en")
ATOM = {"a": "http://www.w3.org/2005/Atom"}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


def local(site: Path, url: str) -> Path:
    """The file in the built site that answers an absolute URL of the site."""
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):].split("#", 1)[0]
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def resolves(site: Path, url: str) -> bool:
    return local(site, url).is_file()


def read_json(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def relative_target(html: str) -> str:
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert match, html
    return match.group(1)


# --------------------------------------------------------------------------- content API

@pytest.mark.parametrize("lang", LANGS)
def test_api_validates_against_the_schema(fixture_site: Path, lang: str) -> None:
    index = read_json(fixture_site, f"api/v1/{lang}/pages.json")
    api_validator().validate(index)
    assert index["language"] == lang and index["pages"]
    for entry in index["pages"]:
        detail = read_json(fixture_site, f"api/v1/{lang}/pages/{entry['id']}.json")
        api_validator("page").validate(detail)
        assert {k: detail[k] for k in entry} == entry
        assert detail["body_html"].strip() and "headerlink" not in detail["body_html"]
    assert read_json(fixture_site, "api/v1/schema.json") == api_schema()


def test_every_id_appears_once_per_language_and_in_both(fixture_site: Path) -> None:
    ids = {lang: [e["id"] for e in read_json(fixture_site, f"api/v1/{lang}/pages.json")["pages"]] for lang in LANGS}
    for lang in LANGS:
        assert len(ids[lang]) == len(set(ids[lang])), ids[lang]
    assert set(ids["sv"]) == set(ids["en"])
    assert {"resan", "tecken", "hedersfortryck", "kedjan", "utsatt", "endast-svenska", "start"} <= set(ids["sv"])
    assert "utkast" not in ids["sv"]                      # drafts are never offered
    assert "vagledning" not in ids["sv"]                  # nor listing pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_url_in_the_api_resolves_in_the_built_site(fixture_site: Path, lang: str) -> None:
    for entry in read_json(fixture_site, f"api/v1/{lang}/pages.json")["pages"]:
        for key in ("url", "embed_url", "oembed_url", "api_url", "permalink"):
            assert resolves(fixture_site, entry[key]), (entry["id"], key, entry[key])
        for other, url in entry["translations"].items():
            assert resolves(fixture_site, url), (entry["id"], other, url)
        prefix = "" if lang == "sv" else "en/"
        assert entry["embed_url"] == f"{SITE_URL}{prefix}embed/{entry['id']}/"


def test_api_marks_untranslated_pages_and_uses_absolute_links(fixture_site: Path) -> None:
    entry = read_json(fixture_site, "api/v1/en/pages/endast-svenska.json")
    assert entry["language"] == "sv" and entry["url"] == SITE_URL + "en/endast-svenska/"
    assert entry["translations"] == {"sv": SITE_URL + "endast-svenska/"}
    resan = read_json(fixture_site, "api/v1/en/pages/resan.json")
    assert resan["language"] == "en" and resan["title"] == "The summer trip"
    assert f'href="{SITE_URL}en/lagstiftning/hedersfortryck/"' in resan["body_html"]


# --------------------------------------------------------------------------- embed views

@pytest.mark.parametrize("lang,path", [("sv", "embed/resan/"), ("en", "en/embed/resan/"),
                                       ("en", "en/embed/endast-svenska/")])
def test_embed_view_is_the_text_only(fixture_site: Path, lang: str, path: str) -> None:
    page = (fixture_site / path / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}" data-portal-embed-view>' in page
    assert "md-header" not in page and "md-nav" not in page and "md-search" not in page and "<nav" not in page
    assert '<meta name="robots" content="noindex">' in page and '<link rel="canonical" href="' in page
    assert not INLINE_SCRIPT.search(page) and " style=" not in page
    icon = re.search(r'<link rel="icon" href="([^"]+)">', page)   # else the browser asks for /favicon.ico
    assert icon and (fixture_site / path / icon.group(1)).resolve().is_file(), icon
    for href, attrs in re.findall(r'<a href="([^"]+)"([^>]*)>', page):
        if href.startswith("#"):
            continue
        assert 'target="_top"' in attrs or ('target="_blank"' in attrs and 'rel="noopener noreferrer"' in attrs), href
        if 'target="_top"' in attrs:
            assert (fixture_site / path / href / "index.html").resolve().is_file(), href


def test_embed_view_shows_title_review_date_attribution_and_details(fixture_site: Path) -> None:
    page = (fixture_site / "embed/resan/index.html").read_text(encoding="utf-8")
    assert "<h1>Sommarresan</h1>" in page and "Senast granskad 2026-11-01" in page
    assert "Texten kommer från Kunskapsportalen" in page
    assert '<a href="../../typfall/resan/" target="_top">Öppna sidan i portalen</a>' in page
    assert "<details" in page and "Dold text." in page and "Källor" in page
    english = (fixture_site / "en/embed/endast-svenska/index.html").read_text(encoding="utf-8")
    assert "This page has not been translated into English yet" in english
    assert '<article class="portal-embed__text" lang="sv">' in english


def test_no_drafts_and_no_listings_are_embeddable(fixture_site: Path, fixture_preview: Path) -> None:
    for site in (fixture_site, fixture_preview):
        assert not (site / "embed/utkast").exists() and not (site / "en/embed/utkast").exists()
        assert not (site / "embed/vagledning").exists()
        assert "utkast" not in {e["id"] for e in read_json(site, "api/v1/sv/pages.json")["pages"]}


# --------------------------------------------------------------------------- oEmbed and the snippet

@pytest.mark.parametrize("path,lang", [("typfall/resan/", "sv"), ("en/typfall/resan/", "en"),
                                       ("en/endast-svenska/", "en"), ("", "sv")])
def test_content_pages_have_oembed_discovery_and_the_snippet(fixture_site: Path, path: str, lang: str) -> None:
    page = (fixture_site / path / "index.html").read_text(encoding="utf-8")
    head = page[:page.index("</head>")]
    match = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', head)
    assert match, head[-2000:]
    answer = json.loads(local(fixture_site, match.group(1)).read_text(encoding="utf-8"))
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert {"html", "width", "height", "title", "provider_name", "provider_url"} <= set(answer)
    src = re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1)
    assert resolves(fixture_site, src)
    assert ("Bädda in sidan" if lang == "sv" else "Embed this page") in page
    offer = page[page.index('<details class="portal-embed-offer"'):]
    offer = offer[:offer.index("</details>")]
    assert "&lt;a href=" in offer and "data-portal-embed=" in offer and "&lt;script src=" in offer
    assert "<script" not in offer             # shown as code, never run on our page


def test_listing_pages_offer_no_embed_but_a_feed(fixture_site: Path) -> None:
    page = (fixture_site / "vagledning/index.html").read_text(encoding="utf-8")
    assert "portal-embed-offer" not in page and "application/json+oembed" not in page
    assert f'<link rel="alternate" type="application/atom+xml" href="{SITE_URL}feed.xml"' in page


def test_the_snippet_is_hidden_in_print(fixture_site: Path) -> None:
    css = (fixture_site / "assets/css/embed-offer.css").read_text(encoding="utf-8")
    assert re.search(r"@media print\s*\{[^}]*\.portal-embed-offer\s*\{\s*display:\s*none", css)
    assert "assets/css/embed-offer.css" in (fixture_site / "typfall/resan/index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- feeds

@pytest.mark.parametrize("lang", LANGS)
def test_feed_parses_and_lists_reviewed_pages(fixture_site: Path, lang: str) -> None:
    path = "feed.xml" if lang == "sv" else "en/feed.xml"
    root = ET.fromstring((fixture_site / path).read_bytes())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = root.findall("a:entry", ATOM)
    assert entries
    for entry in entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext("a:updated", namespaces=ATOM))
        assert resolves(fixture_site, entry.find("a:link", ATOM).get("href"))
        assert resolves(fixture_site, entry.findtext("a:id", namespaces=ATOM))   # the permalink
    titles = [e.findtext("a:title", namespaces=ATOM) for e in entries]
    assert ("Sommarresan" if lang == "sv" else "The summer trip") in titles
    assert "Ett utkast" not in titles
    if lang == "en":
        assert "Sida som bara finns på svenska" not in titles
    page = (fixture_site / ("" if lang == "sv" else "en/") / "index.html").read_text(encoding="utf-8")
    assert f'type="application/atom+xml" href="{SITE_URL}{path}"' in page


# --------------------------------------------------------------------------- permalinks and redirects

@pytest.mark.parametrize("path,lang,target", [
    ("id/resan/", "sv", "typfall/resan/"), ("en/id/resan/", "en", "en/typfall/resan/"),
    ("en/id/endast-svenska/", "en", "en/endast-svenska/"), ("id/start/", "sv", ""),
    ("id/vagledning/", "sv", "vagledning/"),
    ("typfall/sommarresan/", "sv", "typfall/resan/"), ("en/case-typologies/summer-trip/", "en", "en/typfall/resan/"),
])
def test_permalinks_and_moved_pages_forward_to_the_page(fixture_site: Path, path: str, lang: str, target: str) -> None:
    page = (fixture_site / path / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page and "<script" not in page
    assert f'<link rel="canonical" href="{SITE_URL}{target}">' in page
    forward = relative_target(page)
    assert (fixture_site / path / forward).resolve() == (fixture_site / target).resolve()
    assert (fixture_site / target / "index.html").is_file()


def test_redirect_to_a_file_path(fixture_site: Path) -> None:
    page = (fixture_site / "gammal-startsida.html").read_text(encoding="utf-8")
    assert relative_target(page) == "./"


def _copy_fixture(tmp_path: Path, redirects: str) -> Path:
    shutil.copytree(FIXTURE_SITE, tmp_path / "site-src" / "docs")
    (tmp_path / "site-src" / "data").mkdir()
    (tmp_path / "site-src" / "data" / "redirects.yml").write_text(redirects, encoding="utf-8")
    return tmp_path / "site-src" / "docs"


@pytest.mark.parametrize("redirects,message", [
    ("redirects:\n  typfall/gammal/: finns-inte\n", "'finns-inte', which is no page id"),
    ("redirects:\n  typfall/resan/: resan\n", "is a page of the site, not an old address"),
    ("redirects:\n  ../utanfor/: resan\n", "is not a path on the site"),
])
def test_bad_redirects_stop_the_build(tmp_path: Path, redirects: str, message: str) -> None:
    result = build(tmp_path / "out", "production", _copy_fixture(tmp_path, redirects))
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


# --------------------------------------------------------------------------- shipped content

def test_shipped_content_api_validates_and_every_url_resolves(real_site: Path) -> None:
    for lang in LANGS:
        index = read_json(real_site, f"api/v1/{lang}/pages.json")
        api_validator().validate(index)
        ids = [e["id"] for e in index["pages"]]
        assert ids and len(ids) == len(set(ids))
        for entry in index["pages"]:
            api_validator("page").validate(read_json(real_site, f"api/v1/{lang}/pages/{entry['id']}.json"))
            for url in [entry[k] for k in ("url", "embed_url", "oembed_url", "permalink")] + \
                    list(entry["translations"].values()):
                assert resolves(real_site, url), (lang, entry["id"], url)
        root = ET.fromstring((real_site / ("feed.xml" if lang == "sv" else "en/feed.xml")).read_bytes())
        assert root.findall("a:entry", ATOM) or lang == "en"
    for view in real_site.glob("**/embed/*/index.html"):
        page = view.read_text(encoding="utf-8")
        assert not INLINE_SCRIPT.search(page), view
        for href, attrs in re.findall(r'<a href="([^"]+)"([^>]*)>', page):
            if 'target="_top"' in attrs and "data-portal-exit-link" not in attrs:
                target = (view.parent / href.split("#", 1)[0]).resolve()
                assert (target / "index.html").is_file() or target.is_file(), (view, href)
