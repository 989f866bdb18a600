"""The browser editor in headless Chromium, as an editor uses it: `make edit`'s server and the real
decap-server on a copy of the fixture site, Decap CMS from node_modules.

An editor creates a typology in both languages through the form and saves: the files exist, pass
`make validate` and appear in the preview; a field left invalid gets the build's message; the page
asks nothing of any other host.
"""
from __future__ import annotations

import contextlib
import datetime
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS, FIXTURE_SITE, ROOT, build
from portal.content import cms_server, frontmatter
from portal.content import ports
from portal.content.translation import revision

SLUG = "hot-om-bortforande"
SV = {"title": "Hot om bortförande",
      "description": "En flicka berättar att hon ska lämnas kvar hos släkt utomlands. Så agerar skola och socialtjänst."}
EN = {"title": "Threat of abduction",
      "description": "A girl says she will be left with relatives abroad. What schools and social services do."}


@contextlib.contextmanager
def running_editor(root: Path) -> Iterator[str]:
    """The endpoint and decap-server on a copy of the fixture site in `root`; yields the editor's URL."""
    if not cms_server.DECAP_SERVER.exists() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the editor is not installed (npm ci)")
        pytest.skip("the editor is not installed (npm ci)")
    shutil.copytree(FIXTURE_SITE, root / "docs")
    server = cms_server.EditorServer(0, ports.free_port(), root, root / "docs", None)
    process = cms_server.start_decap_server(root, server.decap_port, server.port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.port}/"
    finally:
        server.shutdown()
        server.server_close()
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def logged_in(browser, url: str, viewport: dict) -> Iterator[Page]:
    """The editor page, logged in, with every request it makes recorded; fails on a request elsewhere."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(url, wait_until="networkidle")
    tab.get_by_role("button", name="Logga in").click()
    expect(tab.get_by_text("Samlingar")).to_be_visible()
    try:
        yield tab
    finally:
        context.close()
    hosts = {urlsplit(u).netloc for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {urlsplit(url).netloc}, f"the editor asked other hosts: {sorted(hosts)}"


@pytest.fixture()
def editor(tmp_path: Path):
    """(editor URL, working copy) for one test: saves change the copy."""
    with running_editor(tmp_path) as url:
        yield url, tmp_path


@pytest.fixture()
def page(browser, editor):
    with logged_in(browser, editor[0], {"width": 1366, "height": 900}) as tab:
        yield tab


@pytest.fixture(scope="module")
def scripts(browser, tmp_path_factory):
    """One editor page for the tests of its scripts (format, revision), which save nothing."""
    with running_editor(tmp_path_factory.mktemp("editor-scripts")) as url:
        with logged_in(browser, url, {"width": 1366, "height": 900}) as tab:
            yield tab


def nth(page: Page, name: str, index: int):
    """The index-th field called `name` (Swedish pane first, then English)."""
    return page.locator(f"[id^='{name}-field-']").nth(index)


def choose(page: Page, name: str, index: int, text: str) -> None:
    box = nth(page, name, index)
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def new_typology(page: Page, url: str, page_id: str = SLUG, status: str = "Utkast") -> None:
    page.goto(url + "#/collections/typology/new", wait_until="networkidle")
    expect(nth(page, "id", 0)).to_be_visible()
    nth(page, "id", 0).fill(page_id)
    for index, texts in enumerate((SV, EN)):
        nth(page, "title", index).fill(texts["title"])
        nth(page, "description", index).fill(texts["description"])
        choose(page, "status", index, status)
    choose(page, "audiences", 0, "Socialtjänst")
    choose(page, "topics", 0, "Utlandsresor")
    choose(page, "owner", 0, "Nationellt")
    for index in (0, 1):
        page.get_by_role("button", name=re.compile("källa", re.I)).nth(index).click()
    for index in (0, 1):
        nth(page, "title", 2 * index + 1).fill("Ökat skydd mot hedersrelaterad brottslighet")
        nth(page, "issuer", index).fill("Regeringen")
        nth(page, "year", index).fill("2020")
        nth(page, "reference", index).fill("prop. 2019/20:131")


def publish(page: Page) -> None:
    page.get_by_role("button", name="Publicera").first.click()
    page.get_by_role("menuitem", name="Publicera nu").click()


def swedish_body(page: Page):
    """The Swedish pane's Markdown editor (Decap's raw mode: a plain-text Slate editor)."""
    return page.locator("[data-slate-editor='true']").first


def test_an_editor_creates_a_typology_in_both_languages(browser, editor, page: Page, tmp_path: Path) -> None:
    url, copy = editor
    new_typology(page, url)
    page.get_by_role("button", name=re.compile("sökord", re.I)).first.click()
    nth(page, "item", 0).fill("utlandsresa, kvarlämnad")      # one keyword with a comma stays one
    translation = page.locator("[data-translation-state]")
    expect(translation).to_have_attribute("data-translation-state", "current")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editor-1366.png"))
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()

    swedish, english = (copy / "docs" / "typfall" / f"{SLUG}.{lang}.md" for lang in ("sv", "en"))
    assert swedish.exists() and english.exists()
    sv_doc, _ = frontmatter.read(str(swedish), str(swedish), swedish.name)
    en_doc, _ = frontmatter.read(str(english), str(english), english.name)
    assert sv_doc.meta["title"] == SV["title"] and en_doc.meta["title"] == EN["title"]
    assert sv_doc.meta["id"] == en_doc.meta["id"] == SLUG and en_doc.meta["type"] == "typology"
    assert "## Varningssignaler" in sv_doc.body and "## Warning signs" in en_doc.body
    assert "translation" not in sv_doc.meta
    assert sv_doc.meta["keywords"] == ["utlandsresa, kvarlämnad"] and "keywords" not in en_doc.meta
    # The first change entry in each language, dated today, recording the text as saved (as `make new`).
    for doc, note in ((sv_doc, "Sidan publicerades."), (en_doc, "Page published.")):
        assert doc.meta["changes"] == [{"date": datetime.date.today().isoformat(), "kind": "major", "note": note,
                                        "revision": revision(doc.body)}]
    # A new page translates the pre-filled Swedish text, as `make new` writes it.
    assert en_doc.meta["translation"]["source_revision"] == revision(sv_doc.body)
    text = swedish.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../data/frontmatter.schema.json\nid: hot-om-bortforande\n")
    assert "''" not in text and "null" not in text, "an empty field was written"

    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    validate = subprocess.run([sys.executable, "-m", "portal", "validate", "--docs", str(copy / "docs")],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert ", 0 problem(s)." in validate.stdout

    site = tmp_path / "preview-site"
    result = build(site, "preview", copy / "docs")
    assert result.returncode == 0, result.stderr[-3000:]
    assert SV["title"] in (site / "typfall" / SLUG / "index.html").read_text(encoding="utf-8")
    assert EN["title"] in (site / "en" / "typfall" / SLUG / "index.html").read_text(encoding="utf-8")


def test_the_english_side_shows_when_the_swedish_text_has_changed(editor, page: Page) -> None:
    url, copy = editor
    new_typology(page, url)
    translation = page.locator("[data-translation-state]")
    body = swedish_body(page)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nEn ny mening om resan.")
    expect(translation).to_have_attribute("data-translation-state", "outdated")
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()
    english = copy / "docs" / "typfall" / f"{SLUG}.en.md"
    swedish = copy / "docs" / "typfall" / f"{SLUG}.sv.md"
    sv_doc, _ = frontmatter.read(str(swedish), str(swedish), swedish.name)
    en_doc, _ = frontmatter.read(str(english), str(english), english.name)
    assert "En ny mening om resan." in sv_doc.body
    assert en_doc.meta["translation"]["source_revision"] != revision(sv_doc.body), "marked translated by itself"

    page.locator("[data-mark-translated]").click()
    expect(translation).to_have_attribute("data-translation-state", "current")
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()
    page.wait_for_timeout(500)
    en_doc, _ = frontmatter.read(str(english), str(english), english.name)
    assert en_doc.meta["translation"]["source_revision"] == revision(sv_doc.body)


def test_an_invalid_id_gets_the_builds_message_in_the_form(editor, page: Page) -> None:
    url, copy = editor
    new_typology(page, url, page_id="Hot Om Resa")
    publish(page)
    message = "is not a valid id — use lowercase a-z, digits and single hyphens, e.g. barnaktenskap-sommarresa"
    expect(page.get_by_text(message).first).to_be_visible()
    assert not list((copy / "docs" / "typfall").glob("hot-om-resa*"))
    nth(page, "id", 0).scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editor-invalid-1366.png"))


def test_a_rule_the_form_cannot_see_is_refused_with_the_builds_line(editor, page: Page) -> None:
    """Approved without a reviewer: only the build's validator knows; the save is refused with its line."""
    url, copy = editor
    new_typology(page, url, status="Godkänd")
    publish(page)
    line = re.escape(f"docs/typfall/{SLUG}.sv.md:") + r"\d+" + re.escape(
        ": review.reviewed_by: required field is missing — add 'reviewed_by:' (see data/frontmatter.schema.json)")
    toast = page.get_by_text(re.compile(line)).first
    expect(toast).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    toast.screenshot(path=str(ARTIFACTS / "editor-refused-1366.png"))
    assert not (copy / "docs" / "typfall" / f"{SLUG}.sv.md").exists()


def test_the_editor_on_a_phone(browser, editor) -> None:
    url, _ = editor
    with logged_in(browser, url, {"width": 390, "height": 844}) as tab:
        tab.goto(url + "#/collections/typology/new", wait_until="networkidle")
        expect(tab.locator("[id^='title-field-']").first).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "editor-390.png"))


TRICKY = ["", "a", "  a  \n", "a\r\nb\r\n", "a\rb", "a \t\nb\u3000\n", "\ufeffa", "rad\u2028rad", "\u00a0x\u00a0",
          "## Rubrik\n\nText   \n\n\n", "åäö ÅÄÖ é ü ß 你好 🎉", "x\x1c\x1d\x1e\x1f", "\u0085x\u200b"]


def test_the_browser_computes_the_same_revision_as_the_build(scripts: Page) -> None:
    hashes = scripts.evaluate("texts => Promise.all(texts.map(t => window.portalRevision(t)))", TRICKY)
    for text, browser_hash in zip(TRICKY, hashes):
        # Python reads files with universal newlines: a lone CR is a line break there.
        assert browser_hash == revision(text.replace("\r\n", "\n").replace("\r", "\n")), repr(text)


def test_saving_a_page_unchanged_keeps_every_field_and_the_text(scripts: Page) -> None:
    """The editor's format reads and writes every shipped page without changing what the build reads."""
    files = sorted((ROOT / "docs").rglob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    written = scripts.evaluate("""texts => texts.map(t => {
        const data = window.portalFormat.fromFile(t);
        return window.portalFormat.toFile(data, ["id", "type", "title"], {});
    })""", texts)
    for path, original, again in zip(files, texts, written):
        before, _ = frontmatter.parse(original, str(path), path.name)
        after, findings = frontmatter.parse(again, str(path), path.name)
        assert after is not None, (path, findings)
        assert after.meta == before.meta, f"{path}: front matter changed"
        assert revision(after.body) == revision(before.body), f"{path}: text changed"


@pytest.mark.parametrize("value", ["no", "Yes", "on", "null", "~", "123", "1e3", "0x1F", "2026-13-45", "- x", "a: b",
                                   "x #y", "'q'", '"q"', "[a]", "{a}", "&a", "*a", "!t", "%p", "@x", "`x", "|", ">",
                                   "rad\nrad", "tab\there", "\x7f\x85\u2028\ufeff", "  kant  ", "ö"])
def test_text_is_written_so_that_the_build_reads_it_back_as_text(scripts: Page, value: str) -> None:
    raw = scripts.evaluate("v => window.portalFormat.toFile({title: v, keywords: [v, 'ord'], body: 'x'}, [], {})", value)
    doc, findings = frontmatter.parse(raw, "p.sv.md", "p.sv.md")
    assert doc is not None, (raw, findings)
    assert doc.meta["title"] == value and doc.meta["keywords"] == [value, "ord"], raw


def test_the_newest_change_records_the_text_when_it_is_new_or_from_today(scripts: Page) -> None:
    body = "Ny text med å, ä och ö.\r\n\n## Rubrik  \n"
    today = datetime.date.today().isoformat()
    raw = scripts.evaluate("""([body, today]) => [
        window.portalFormat.toFile({title: 'R', body: body, changes: [
            {date: '2026-01-02', kind: 'minor', note: 'Stavfel.'},
            {date: '2025-01-02', kind: 'major', note: 'Publicerad.', revision: '0123456789ab'}]}, [], {}),
        window.portalFormat.toFile({title: 'R', body: body, changes: [
            {date: today, kind: 'major', note: 'Ny rutin.', revision: '0123456789ab'}]}, [], {}),
        window.portalFormat.toFile({title: 'R', body: body, changes: [
            {date: '2026-01-02', kind: 'major', note: 'Ny rutin.', revision: '0123456789ab'}]}, [], {})]""",
                           [body, today])
    docs = [frontmatter.parse(text, "p.sv.md", "p.sv.md")[0] for text in raw]
    assert [c.get("revision") for c in docs[0].meta["changes"]] == [revision(docs[0].body), "0123456789ab"]
    assert docs[1].meta["changes"][0]["revision"] == revision(docs[1].body)   # today's entry follows the text
    assert docs[2].meta["changes"][0]["revision"] == "0123456789ab"           # an older one is left as it is


def test_empty_fields_are_left_out(scripts: Page) -> None:
    raw = scripts.evaluate("""() => window.portalFormat.toFile({id: 'a', keywords: [], note: '', review: {status: 'draft',
        reviewed_by: '', last_reviewed: null}, sources: [{title: 'T', url: ''}, {}], translation: undefined,
        body: '\\n\\nText\\n'}, ['id'], {})""")
    assert raw == '---\nid: a\nreview:\n  status: draft\nsources:\n  - title: "T"\n---\n\nText\n'


def test_editing_a_page_changes_only_what_the_editor_changed(editor, page: Page) -> None:
    url, copy = editor
    swedish, english = (copy / "docs" / "typfall" / f"resan.{lang}.md" for lang in ("sv", "en"))
    before = {path: frontmatter.parse(path.read_text(encoding="utf-8"), str(path), path.name)[0]
              for path in (swedish, english)}
    page.goto(url + "#/collections/typology/entries/resan", wait_until="networkidle")
    title = nth(page, "title", 0)
    expect(title).to_have_value(before[swedish].meta["title"])
    title.fill("Resan i sommar")
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()
    page.wait_for_timeout(500)
    after = {path: frontmatter.parse(path.read_text(encoding="utf-8"), str(path), path.name)[0]
             for path in (swedish, english)}
    assert after[swedish].meta == {**before[swedish].meta, "title": "Resan i sommar"}
    assert after[english].meta == before[english].meta
    for path in (swedish, english):
        assert revision(after[path].body) == revision(before[path].body)


def test_the_lists_filter_by_the_editorial_state_in_swedish(editor, page: Page) -> None:
    url, _ = editor
    page.goto(url + "#/collections/sidor-start", wait_until="networkidle")
    entries = page.locator("a[href^='#/collections/sidor-start/entries/']")
    expect(entries.filter(has_text="Försenad granskning")).to_have_count(1)
    assert entries.count() > 1
    page.get_by_role("button", name="Filtrera efter").click()
    page.get_by_role("menuitem", name="Utkast").click()
    expect(entries).to_have_count(0)   # the fixture's only draft at the top is a guidance page
    page.goto(url + "#/collections/guidance-start", wait_until="networkidle")
    drafts = page.locator("a[href^='#/collections/guidance-start/entries/']")
    expect(drafts.filter(has_text="Ett utkast")).to_have_count(1)
    assert "draft" not in page.locator("main, body").first.inner_text().split()


def test_an_approved_page_gets_its_review_date_as_yyyy_mm_dd(editor, page: Page) -> None:
    url, copy = editor
    new_typology(page, url, status="Godkänd")
    for index in (0, 1):
        nth(page, "reviewed_by", index).fill("Portalredaktionen")
        page.get_by_role("button", name="Set last_reviewed to now").nth(index).click()
    # an approved typology links the law and the guidance (the build's rule; the save is checked by it)
    for index in (0, 1):
        page.locator("[data-slate-editor='true']").nth(index).click()
        page.keyboard.press("Control+End")
        page.keyboard.type("\n\n[Lagen](../lagstiftning/hedersfortryck.md), [tecken](../vagledning/tecken.md).")
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()
    for lang in ("sv", "en"):
        path = copy / "docs" / "typfall" / f"{SLUG}.{lang}.md"
        text = path.read_text(encoding="utf-8")
        assert re.search(r"^  last_reviewed: \d{4}-\d{2}-\d{2}$", text, re.M), text[:600]
        assert "next_review" not in text, "an empty date was written"
        doc, findings = frontmatter.parse(text, str(path), path.name)
        assert doc.meta["review"]["status"] == "approved" and not findings


def test_a_page_only_in_swedish_stays_only_in_swedish(editor, page: Page) -> None:
    url, copy = editor
    page.goto(url + "#/collections/sidor-start/entries/endast-svenska", wait_until="networkidle")
    choose(page, "audiences", 0, "Polis")
    nth(page, "title", 0).fill("Bara på svenska")
    publish(page)
    expect(page.get_by_text("Inlägg sparat").first).to_be_visible()
    page.wait_for_timeout(500)
    swedish = copy / "docs" / "endast-svenska.sv.md"
    doc, _ = frontmatter.parse(swedish.read_text(encoding="utf-8"), str(swedish), swedish.name)
    assert doc.meta["title"] == "Bara på svenska" and "police" in doc.meta["audiences"]
    assert not (copy / "docs" / "endast-svenska.en.md").exists(), "an English page was made from the shared fields"


def test_a_language_with_only_the_shared_fields_is_no_file(scripts: Page) -> None:
    raw = scripts.evaluate("() => window.portalFormat.toFile({id: 'a', type: 'page', audiences: ['police']}, [], {})")
    assert raw == ""
    raw = scripts.evaluate("() => window.portalFormat.toFile({id: 'a', title: 'Rubrik'}, [], {})")
    assert raw.startswith("---\nid: a\ntitle: Rubrik") or 'title: "Rubrik"' in raw
