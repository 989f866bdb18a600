"""Unit tests of the publishing modules (embeds, content API, feeds, permalinks), without MkDocs."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import api_schema, api_validator

from portal.publish import catalogue, content_api, embeds, feeds, html_links, page_info, permalinks
from portal.deliver import framing
from portal.publish.build_state import BuildState
from portal.content.corpus import Corpus
from portal.content.frontmatter import parse

SITE = "https://portal.example/"
ROOT = Path(__file__).resolve().parents[2]


def page(rel: str, page_id: str, title: str, status: str = "approved", reviewed: str = "2026-10-01",
         extra: str = "") -> object:
    review = f"review: {{status: {status}, reviewed_by: Redaktionen, last_reviewed: {reviewed}}}" \
        if status == "approved" else f"review: {{status: {status}}}"
    text = (f"---\nid: {page_id}\ntype: guidance\ntitle: \"{title}\"\ndescription: \"Om {title}.\"\n"
            f"audiences: [school]\ntopics: [fgm]\nowner: nationellt-centrum\n{review}\n"
            f"sources:\n  - {{title: Källa, issuer: Myndigheten, year: 2024, reference: 'Rapport 1'}}\n{extra}---\n\nText.\n")
    doc, findings = parse(text, "docs/" + rel, rel)
    assert doc is not None, findings
    return doc


@pytest.fixture
def state() -> BuildState:
    docs = [
        page("vagledning/a.sv.md", "a", "Alfa"),
        page("vagledning/a.en.md", "a", "Alpha", reviewed="2026-11-05"),
        page("vagledning/b.sv.md", "b", "Beta", reviewed="2026-09-01"),           # not translated
        page("vagledning/c.sv.md", "c", "Gamma", status="draft"),                 # draft
        page("vagledning/d.sv.md", "d", "Delta"),
        page("vagledning/d.en.md", "d", "Delta EN", status="in_review"),          # translation not approved
        page("vagledning/index.sv.md", "vagledning", "Vägledning", extra="listing: {of: type, term: guidance}\n"),
        page("index.sv.md", "start", "Start"),
    ]
    return BuildState.create(Corpus(docs=docs), "production")


# --------------------------------------------------------------------------- catalogue

def test_paths_of_a_page_in_each_language() -> None:
    assert catalogue.page_path("typfall/resan", "sv") == "typfall/resan/"
    assert catalogue.page_path("typfall/resan", "en") == "en/typfall/resan/"
    assert catalogue.page_path("vagledning/index", "en") == "en/vagledning/"
    assert catalogue.page_path("index", "sv") == ""
    assert catalogue.embed_path("resan", "en") == "en/embed/resan/"
    assert catalogue.oembed_path("resan", "sv") == "embed/resan/oembed.json"
    assert catalogue.permalink_path("resan", "en") == "en/id/resan/"
    assert catalogue.api_page_path("resan", "en") == "api/v1/en/pages/resan.json"
    assert catalogue.feed_path("en") == "en/feed.xml"


def test_only_approved_content_pages_are_offered(state: BuildState) -> None:
    offered = {p.id: p for p in catalogue.pages(state, "sv", ["sv", "en"])}
    assert sorted(offered) == ["a", "b", "d", "start"]          # no draft, no listing page
    assert offered["a"].translations == {"sv": "vagledning/a/", "en": "en/vagledning/a/"}
    assert offered["d"].translations == {"sv": "vagledning/d/"}  # English not approved


def test_english_section_offers_swedish_fallbacks_marked_as_swedish(state: BuildState) -> None:
    offered = {p.id: p for p in catalogue.pages(state, "en", ["sv", "en"])}
    assert offered["a"].content_lang == "en" and offered["a"].title == "Alpha"
    assert offered["b"].content_lang == "sv" and offered["b"].path == "en/vagledning/b/"
    assert "c" not in offered


def test_preview_builds_never_offer_drafts() -> None:
    docs = [page("x.sv.md", "x", "X", status="draft"), page("y.sv.md", "y", "Y"),
            page("y.en.md", "y", "Y en", status="draft")]
    preview = BuildState.create(Corpus(docs=docs), "preview")
    assert [p.id for p in catalogue.pages(preview, "sv", ["sv", "en"])] == ["y"]
    assert [p.id for p in catalogue.pages(preview, "en", ["sv", "en"])] == []   # shown: the English draft
    assert {p.id for p in catalogue.shown_pages(preview, "sv", ["sv", "en"])} == {"x", "y"}


def test_reserved_folders_are_reported_at_every_depth_once_per_folder() -> None:
    paths = ["embed/x.sv.md", "embed/x.en.md", "om/embed/y.sv.md", "typfall/api/bild.png", "a/b/ID/z.sv.md",
             "en/c.sv.md", "y.sv.md", "om/embedded/ok.sv.md", "om/en/ok.sv.md", "identitet/ok.sv.md", "apis.sv.md"]
    problems = catalogue.reserved_conflicts(paths, ["sv", "en"])
    assert [p.split(":")[0] for p in problems] == ["docs/a/b/ID/", "docs/embed/", "docs/en/", "docs/om/embed/",
                                                  "docs/typfall/api/"]
    assert problems[1] == ("docs/embed/: the folder name 'embed' is reserved for the site's own addresses "
                           "(embed/, id/, api/ at any depth, en/ at the top) — rename the folder")
    assert catalogue.reserved_conflicts(["om/x.sv.md", "en.sv.md"], ["sv", "en"]) == []


# --------------------------------------------------------------------------- links

BODY = ('<h2 id="s">S<a class="headerlink" href="#s" title="Länk">&para;</a></h2>\n'
        '<p><a href="../../lagstiftning/x/">lag</a> <a href="https://www.riksdagen.se/x?a=1&amp;b=2">extern</a> '
        '<a href="#s">här</a> <a href="mailto:a@b.se">mejl</a> <a href="../tecken/#del">tecken</a> '
        f'<a href="{SITE}om/" rel="noreferrer">om</a> <img alt="" src="../../assets/bild.png"></p>')


def test_embed_links_open_in_the_top_window_or_a_new_tab() -> None:
    out = html_links.for_embed(BODY, SITE, "typfall/resan/", "en/embed/resan/", "opens in a new tab")
    assert "headerlink" not in out and "&para;" not in out
    assert '<a href="../../../lagstiftning/x/" target="_top">lag</a>' in out
    assert ('<a href="https://www.riksdagen.se/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">extern '
            '<span class="portal-embed__hidden">(opens in a new tab)</span></a>') in out
    assert '<a href="#s">här</a>' in out
    assert '<a href="mailto:a@b.se">mejl</a>' in out
    assert '<a href="../../../typfall/tecken/#del" target="_top">tecken</a>' in out
    assert '<a href="../../../om/" target="_top">om</a>' in out
    assert 'src="../../../assets/bild.png"' in out


def test_quick_exit_keeps_its_top_target() -> None:
    link = '<a class="x" href="https://www.smhi.se/" target="_top" rel="noreferrer" data-portal-exit-link>Lämna</a>'
    assert html_links.for_embed(link, SITE, "stod/utsatt/", "embed/utsatt/", "ny flik") == link


def test_api_links_are_absolute() -> None:
    out = html_links.for_api(BODY, SITE, "typfall/resan/")
    assert f'href="{SITE}lagstiftning/x/"' in out and f'href="{SITE}typfall/tecken/#del"' in out
    assert 'href="https://www.riksdagen.se/x?a=1&amp;b=2"' in out and 'href="#s"' in out
    assert f'src="{SITE}assets/bild.png"' in out and "target=" not in out and "headerlink" not in out


def test_links_under_a_site_in_a_subfolder() -> None:
    links = html_links.Relinker("https://example.se/portal/", "en/typfall/resan/")
    assert links.site_path("../../") == "en/"
    assert links.absolute("../x/") == "https://example.se/portal/en/typfall/x/"
    assert links.kind("https://example.se/other/") == "external"
    assert links.relative_to("../../", "en/embed/resan/") == "../../"


# --------------------------------------------------------------------------- embeds and oEmbed

def test_snippet_is_a_link_that_embed_js_turns_into_an_iframe() -> None:
    code = embeds.snippet("A & B", "Portalen", SITE + "a/", SITE + "embed/a/", SITE + "assets/js/embed.js", "sv")
    assert code == (f'<a href="{SITE}a/" data-portal-embed="{SITE}embed/a/" hreflang="sv">A &amp; B – Portalen</a>\n'
                    f'<script src="{SITE}assets/js/embed.js" async></script>')


def test_oembed_is_a_valid_rich_response() -> None:
    answer = embeds.oembed("Titel", "Portalen", SITE, SITE + "embed/a/", SITE + "assets/js/embed.js")
    for key in ("version", "type", "html", "width", "height", "title", "provider_name", "provider_url"):
        assert key in answer
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert f'<iframe src="{SITE}embed/a/"' in answer["html"] and 'title="Titel – Portalen"' in answer["html"]
    assert "allow-top-navigation-by-user-activation" in answer["html"]


def test_embed_view_has_text_review_attribution_and_no_navigation(tmp_path: Path) -> None:
    from portal.publish import page_info, ui
    doc = page("typfall/resan.sv.md", "resan", "Resan")
    portal = page_info.describe(doc, "sv", doc, datetime.date(2026, 11, 23), "")
    out = embeds.render_view(ROOT / "overrides", {
        "lang": "sv", "title": "Resan", "description": "Om resan.", "site_name": "Portalen",
        "canonical_url": SITE + "typfall/resan/", "portal": portal, "t": ui.strings("sv"),
        "attribution": "Från Portalen.", "body": BODY, "has_h1": False,
        "css_url": "../../assets/css/embed-view.css", "js_url": "../../assets/js/embed.js",
        "favicon_url": "../../assets/favicon.svg",
    }, SITE, "typfall/resan/", "embed/resan/", "öppnas i ny flik")
    assert '<html lang="sv" data-portal-embed-view>' in out
    assert "<h1>Resan</h1>" in out and "Senast granskad 2026-10-01 av Redaktionen" in out
    assert f'<link rel="canonical" href="{SITE}typfall/resan/">' in out
    assert '<a href="../../typfall/resan/" target="_top">Öppna sidan i portalen</a>' in out
    assert "<nav" not in out and "<header" not in out and "<form" not in out
    assert "<script>" not in out and "<style" not in out and " style=" not in out and " on" + "click" not in out
    assert '<script src="../../assets/js/embed.js" defer></script>' in out


# --------------------------------------------------------------------------- content API

def test_api_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(api_schema())


def test_api_documents_match_the_schema(state: BuildState) -> None:
    pages = catalogue.pages(state, "en", ["sv", "en"])
    index = content_api.index("en", pages, SITE, "Portal", datetime.date(2026, 11, 23))
    api_validator().validate(index)
    entry = next(e for e in index["pages"] if e["id"] == "a")
    assert entry["url"] == SITE + "en/vagledning/a/" and entry["embed_url"] == SITE + "en/embed/a/"
    assert entry["translations"] == {"en": SITE + "en/vagledning/a/", "sv": SITE + "vagledning/a/"}
    assert entry["topics"] == [{"id": "fgm", "label": "Female genital mutilation"}]
    assert entry["last_reviewed"] == "2026-11-05" and entry["next_review"] == "2027-11-05"
    detail = content_api.detail(pages[0], SITE, "<p>Text.</p>")
    api_validator("page").validate(detail)
    assert detail["body_html"] == "<p>Text.</p>" and detail["sources"][0]["issuer"] == "Myndigheten"


def test_schema_rejects_a_page_without_embed_url(state: BuildState) -> None:
    entry = content_api.summary(catalogue.pages(state, "sv", ["sv"])[0], SITE)
    del entry["embed_url"]
    with pytest.raises(jsonschema.ValidationError):
        api_validator("summary").validate(entry)


# --------------------------------------------------------------------------- feeds

def history(*entries: tuple[str, str, str]) -> str:
    return "changes:\n" + "".join(f"  - {{date: {d}, kind: {k}, note: '{n}'}}\n" for d, k, n in entries)


@pytest.fixture
def changed() -> BuildState:
    docs = [
        page("vagledning/a.sv.md", "a", "Alfa", extra=history(("2026-11-05", "major", "Ny rutin."),
                                                              ("2026-11-05", "major", "Ny kontakt."),
                                                              ("2026-10-20", "minor", "Stavfel."),
                                                              ("2026-10-01", "major", "Publicerad."))),
        page("vagledning/a.en.md", "a", "Alpha", extra=history(("2026-11-06", "major", "New <b> & \"routine\"."),
                                                               ("2026-10-02", "major", "Published."))),
        page("vagledning/b.sv.md", "b", "Beta", extra=history(("2026-11-05", "major", "Publicerad."))),
        page("vagledning/d.sv.md", "d", "Delta", reviewed="2026-11-20"),     # reviewed, but no history
        page("index.sv.md", "start", "Start", extra=history(("2026-11-30", "minor", "Stavfel."),
                                                           ("2026-09-01", "major", "Publicerad."))),
    ]
    return BuildState.create(Corpus(docs=docs), "production")


def test_atom_feed_has_an_entry_per_major_change_newest_first(changed: BuildState) -> None:
    swedish = catalogue.pages(changed, "sv", ["sv", "en"])
    info = feeds.FeedInfo("sv", "Nytt", "Sub", "Portal", SITE, SITE + "feed.xml", SITE)
    root = ET.fromstring(feeds.atom(info, swedish, {"guidance": "Vägledning"}))
    ns = {"a": feeds.ATOM}
    found = [(e.findtext("a:title", namespaces=ns), e.findtext("a:updated", namespaces=ns)[:10],
              e.findtext("a:summary", namespaces=ns), e.findtext("a:id", namespaces=ns))
             for e in root.findall("a:entry", ns)]
    assert found == [
        ("Alfa", "2026-11-05", "Ny rutin.", SITE + "id/a/#change-2026-11-05-2"),   # counted from the oldest
        ("Alfa", "2026-11-05", "Ny kontakt.", SITE + "id/a/#change-2026-11-05"),
        ("Beta", "2026-11-05", "Publicerad.", SITE + "id/b/#change-2026-11-05"),
        ("Alfa", "2026-10-01", "Publicerad.", SITE + "id/a/#change-2026-10-01"),
        ("Start", "2026-09-01", "Publicerad.", SITE + "id/start/#change-2026-09-01"),
    ]   # no minor change, no review (Delta), no English text
    assert root.findtext("a:updated", namespaces=ns) == "2026-11-05T00:00:00Z"
    assert root.find("a:entry", ns).findtext("a:published", namespaces=ns) == "2026-10-01T00:00:00Z"


def test_atom_feed_of_english_pages_escapes_notes(changed: BuildState) -> None:
    english = catalogue.pages(changed, "en", ["sv", "en"])
    info = feeds.FeedInfo("en", "New", "Sub", "Portal & <co>", SITE, SITE + "en/feed.xml", SITE + "en/")
    data = feeds.atom(info, english, {"guidance": "Guidance"})
    assert b"<b>" not in data
    root = ET.fromstring(data)
    ns = {"a": feeds.ATOM}
    assert [e.findtext("a:summary", namespaces=ns) for e in root.findall("a:entry", ns)] == \
        ['New <b> & "routine".', "Published."]
    assert root.find("a:author/a:name", ns).text == "Portal & <co>"


def test_an_empty_feed_is_still_valid_atom() -> None:
    root = ET.fromstring(feeds.atom(feeds.FeedInfo("sv", "T", "S", "P", SITE, SITE + "x.xml", SITE), [], {}))
    assert root.findall("{http://www.w3.org/2005/Atom}entry") == []
    assert root.findtext("{http://www.w3.org/2005/Atom}updated") == "2000-01-01T00:00:00Z"


def test_content_api_carries_first_published_updated_and_change_history(changed: BuildState) -> None:
    alfa = next(p for p in catalogue.pages(changed, "sv", ["sv", "en"]) if p.id == "a")
    detail = content_api.detail(alfa, SITE, "<p>Text.</p>")
    assert detail["first_published"] == "2026-10-01" and detail["updated"] == "2026-11-05"
    assert detail["change_history"] == [{"date": "2026-11-05", "note": "Ny rutin."},
                                        {"date": "2026-11-05", "note": "Ny kontakt."},
                                        {"date": "2026-10-01", "note": "Publicerad."}]
    api_validator("page").validate(detail)
    delta = next(p for p in catalogue.pages(changed, "sv", ["sv", "en"]) if p.id == "d")
    summary = content_api.summary(delta, SITE)
    assert summary["first_published"] is None and summary["updated"] is None
    api_validator("summary-fields").validate(summary)


# --------------------------------------------------------------------------- permalinks and redirects

def test_redirect_page_forwards_without_script() -> None:
    out = permalinks.redirect_page("en", "Sommarresan", "sv", "../../typfall/resan/", SITE + "en/typfall/resan/",
                                   "This page is at:")
    assert '<html lang="en">' in out and "<script" not in out
    assert '<meta http-equiv="refresh" content="0; url=../../typfall/resan/">' in out
    assert f'<link rel="canonical" href="{SITE}en/typfall/resan/">' in out
    assert 'lang="sv" hreflang="sv">Sommarresan</a>' in out
    assert "data-portal-exit-link" not in out   # no exit address given: no link


def test_redirect_page_carries_the_quick_exit_first() -> None:
    out = permalinks.redirect_page("sv", "Sommarresan", "sv", "../../typfall/resan/", SITE + "typfall/resan/",
                                   "Sidan finns här:", ("https://neutral.example/?a=1&b=2", "Lämna sidan snabbt"))
    body = out[out.index("<body>"):]
    assert body.index("data-portal-exit-link") < body.index("Sidan finns här:")
    assert '<a href="https://neutral.example/?a=1&amp;b=2" rel="noreferrer" data-portal-exit-link>Lämna sidan snabbt</a>' in body


def test_relative_links_between_folders() -> None:
    assert permalinks.relative("id/resan/", "typfall/resan/") == "../../typfall/resan/"
    assert permalinks.relative("en/id/start/", "en/") == "../../"
    assert permalinks.relative("", "typfall/resan/") == "typfall/resan/"
    assert permalinks.relative("embed/x/", "assets/js/embed.js") == "../../assets/js/embed.js"


def test_redirects_file(tmp_path: Path) -> None:
    path = tmp_path / "redirects.yml"
    path.write_text("redirects:\n  /typfall/gammal/: resan\n  en/old.html: resan\n  ../x/: resan\n  y/: [1]\n",
                    encoding="utf-8")
    redirects, problems = permalinks.load(path, ["sv", "en"])
    assert redirects == [permalinks.Redirect("typfall/gammal/index.html", "resan", "sv"),
                         permalinks.Redirect("en/old.html", "resan", "en")]
    assert len(problems) == 2 and "'../x/' is not a path" in problems[0]
    assert permalinks.load(tmp_path / "missing.yml", ["sv"]) == ([], [])


# --------------------------------------------------------------------------- framing

def test_framing_allowlist(tmp_path: Path) -> None:
    assert framing.problems(framing.allowed_origins()) == []        # the shipped data/embedding.yml
    listed = tmp_path / "embedding.yml"
    listed.write_text("frame_ancestors:\n  - https://intranat.example.se\n", encoding="utf-8")
    assert framing.allowed_origins(listed) == ["https://intranat.example.se"]
    assert framing.allowed_origins(tmp_path / "missing.yml") == ["*"]
    single = tmp_path / "single.yml"
    single.write_text("frame_ancestors: https://a.se\n", encoding="utf-8")
    assert framing.allowed_origins(single) == ["https://a.se"]
    assert framing.frame_ancestors(["*"], embed_view=True) == "*"
    assert framing.frame_ancestors(["https://a.se", "https://b.se:8443"], embed_view=True) == "https://a.se https://b.se:8443"
    assert framing.frame_ancestors(["*"], embed_view=False) == "'none'"
    assert framing.problems(["https://a.se"]) == []
    assert len(framing.problems(["https://a.se/path", "*"])) == 2


def test_page_history_of_minor_changes_only_or_none() -> None:
    minor = {"changes": [{"date": "2026-11-02", "kind": "minor", "note": "Stavfel."},
                         {"date": "2026-11-01", "kind": "minor", "note": "Publicerad."}]}
    assert page_info.history(minor) == {"first_published": "2026-11-01", "updated": "", "history": []}
    assert page_info.history({}) == {"first_published": "", "updated": "", "history": []}
