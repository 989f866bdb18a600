"""The production nginx configuration, run on 127.0.0.1 with the fixture site, checked over HTTP and in Chromium."""
from __future__ import annotations

import gzip
import json
import shutil
import socket
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURE_SITE, build, require_nginx, serve
from portal.content import ports
from portal.deliver import delivery, framing, nginx

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The fixture site built for the address nginx serves it on (site_url = that origin), and nginx."""
    require_nginx()
    port = ports.free_port()
    site = tmp_path_factory.mktemp("nginx-site") / "site"
    result = build(site, "production", FIXTURE_SITE, PORTAL_SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr[-4000:]
    # Look-alikes of embed views deeper down (the build refuses such docs/ folders; the server must not
    # let other sites frame them either).
    for fake in LOOK_ALIKES:
        (site / fake).mkdir(parents=True)
        shutil.copy(site / "typfall" / "resan" / "index.html", site / fake / "index.html")
    with nginx.running(site, tmp_path_factory.mktemp("nginx-run"), port=port) as server:
        yield server.url, site


LOOK_ALIKES = ["om/embed/x", "typfall/embed", "en/om/embed/x"]


class Response:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.raw = status, headers, body

    @property
    def text(self) -> str:
        body = gzip.decompress(self.raw) if self.headers.get("Content-Encoding") == "gzip" else self.raw
        return body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, gzip_ok: bool = True, **headers: str) -> Response:
    request = urllib.request.Request(url, headers=dict({"Accept-Encoding": "gzip"} if gzip_ok else {}, **headers))
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def deploy_facts(site: Path) -> dict:
    return json.loads((site / delivery.HEADERS_JSON).read_text(encoding="utf-8"))


def test_nginx_accepts_the_rendered_production_and_loopback_configuration(tmp_path: Path) -> None:
    require_nginx()
    site = tmp_path / "site"
    (site / delivery.DEPLOY_DIR).mkdir(parents=True)
    (site / delivery.NGINX_INCLUDE).write_text(delivery.nginx_include(delivery.SiteFacts(), ["sv", "en"]))
    (site / delivery.NGINX_HTTP_INCLUDE).write_text(delivery.nginx_http_include(delivery.SiteFacts(), ["sv", "en"], "*"))
    config = tmp_path / "nginx.conf"
    config.write_text(nginx.loopback(site, ports.free_port(), tmp_path), encoding="utf-8")
    result = nginx.check(config, tmp_path)
    assert result.returncode == 0, result.stderr


def test_security_headers_on_an_ordinary_page(served) -> None:
    url, site = served
    response = get(url + "/typfall/resan/")
    assert response.status == 200
    policy = response.headers["Content-Security-Policy"]
    assert policy == deploy_facts(site)["headers"]["all"]["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["script-src"] == "'self'"   # no inline script at all, not even by hash
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert not any(host in policy for host in ("http:", "https:", "*."))
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    for name, value in delivery.COMMON_HEADERS.items():
        assert response.headers[name] == value, name
    assert response.headers["Cache-Control"] == delivery.CACHE_HTML
    assert response.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in response.headers["Vary"]
    assert "Sommarresan" in response.text
    assert response.headers["Server"] == "nginx"   # no version number


def test_the_policy_allows_no_inline_script_and_the_site_has_none(served) -> None:
    url, site = served
    policy = get(url + "/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "sha256" not in policy and "unsafe" not in policy
    from portal.content import rendered_html
    for path in site.rglob("*.html"):
        if ".deploy" not in path.parts:
            assert rendered_html.problems(path.read_text(encoding="utf-8"), rendered_html.DOCUMENT) == [], path


def test_cache_lifetimes(served) -> None:
    url, site = served
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    stylesheet = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    for path in (bundle, stylesheet):
        response = get(f"{url}/{path}")
        assert response.status == 200
        assert response.headers["Cache-Control"] == delivery.CACHE_HASHED
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    ours = get(url + "/assets/css/portal.css")
    assert ours.headers["Cache-Control"] == delivery.CACHE_OTHER
    assert ours.headers["Content-Type"].startswith("text/css")


def test_embed_views_may_be_framed_by_the_configured_origins(served) -> None:
    url, _ = served
    expected = delivery.embed_frame_ancestors(framing.allowed_origins())
    for path in ("/embed/resan/", "/en/embed/resan/"):
        response = get(url + path)
        assert response.status == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert f"frame-ancestors {expected}" in policy
        assert "X-Frame-Options" not in response.headers
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_embed_allowlist_becomes_frame_ancestors() -> None:
    assert delivery.embed_frame_ancestors(["*"]) == "*"
    assert delivery.embed_frame_ancestors(["https://intranat.example.se", "https://www.region.example"]) == \
        "'self' https://intranat.example.se https://www.region.example"


@pytest.mark.parametrize("path,lang,text", [("/finns-inte/", "sv", "hittades inte"),
                                            ("/typfall/finns-inte/djupt/", "sv", "hittades inte"),
                                            ("/en/does-not-exist/", "en", "not found"),
                                            ("/.deploy/nginx.conf", "sv", "hittades inte")])
def test_404_page_in_the_reader_s_language(served, path: str, lang: str, text: str) -> None:
    url, _ = served
    response = get(url + path)
    assert response.status == 404
    page = response.text
    assert f'<html lang="{lang}"' in page
    assert text in page.lower()
    assert response.headers["Content-Security-Policy"] and response.headers["X-Content-Type-Options"] == "nosniff"


def test_both_404_pages_are_built_and_link_the_language_start_pages(served) -> None:
    _, site = served
    swedish, english = (site / "404.html").read_text(encoding="utf-8"), (site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in swedish and '<html lang="en"' in english
    for page in (swedish, english):
        assert 'href="/" hreflang="sv"' in page and 'href="/en/" hreflang="en"' in page


def test_permalinks_and_moved_pages_are_permanent_redirects(served) -> None:
    url, site = served
    cases = {"/id/resan/": "/typfall/resan/", "/en/id/resan/": "/en/typfall/resan/",
             "/typfall/sommarresan/": "/typfall/resan/", "/en/case-typologies/summer-trip/": "/en/typfall/resan/",
             "/gammal-startsida.html": "/", "/en": "/en/"}
    for old, new in cases.items():
        response = get(url + old)
        assert (response.status, response.headers["Location"]) == (301, new), old
        assert response.headers["Content-Security-Policy"]
    redirects = {r["from"]: r["to"] for r in deploy_facts(site)["redirects"]}
    assert redirects["/id/resan/"] == "/typfall/resan/"


def test_api_is_readable_from_partners_pages(served) -> None:
    url, _ = served
    response = get(url + "/api/v1/sv/pages.json")
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Type"].startswith("application/json")
    assert get(url + "/typfall/resan/").headers.get("Access-Control-Allow-Origin") is None


def test_every_folder_with_a_page_answers_sitemap_xml_with_the_sitemap_index(served) -> None:
    """Material's language selector fetches sitemap.xml beside every <link rel="alternate">: none may fail."""
    url, site = served
    index = get(url + "/sitemap.xml")
    assert index.status == 200 and index.headers["Content-Type"].startswith("text/xml")
    locs = [loc.text for loc in ET.fromstring(index.text).iter(SITEMAP_NS + "loc")]
    assert locs == [url + "/sitemap-pages.xml"]
    pages = ET.fromstring(get(url + "/sitemap-pages.xml").text)
    page_locs = {loc.text for loc in pages.iter(SITEMAP_NS + "loc")}
    assert url + "/typfall/resan/" in page_locs and url + "/en/typfall/resan/" in page_locs
    for path in ("/typfall/resan/sitemap.xml", "/en/typfall/resan/sitemap.xml", "/en/sitemap.xml",
                 "/embed/resan/sitemap.xml", "/en/embed/resan/sitemap.xml", "/amnen/barnaktenskap/sitemap.xml"):
        answer = get(url + path)
        assert (answer.status, answer.text) == (200, index.text), path
        assert answer.headers["Content-Security-Policy"] and answer.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/finns-inte/sitemap.xml", "/api/v1/sitemap.xml", "/.deploy/sitemap.xml", "/assets/sitemap.xml"):
        assert get(url + path).status == 404, path


@pytest.mark.parametrize("path", ["/", "/typfall/resan/", "/en/typfall/resan/", "/sitemap.xml", "/feed.xml",
                                  "/assets/css/portal.css", "/assets/js/embed.js", "/api/v1/sv/pages.json",
                                  "/assets/favicon.svg", "/embed/resan/", "/404.html"])
def test_text_is_served_from_the_build_s_gzip_copy(served, path: str) -> None:
    url, site = served
    rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    raw, packed = (site / rel).read_bytes(), (site / (rel + ".gz")).read_bytes()
    zipped, plain = get(url + path), get(url + path, gzip_ok=False)
    assert zipped.status == plain.status == 200
    assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.raw == packed, "not the build's copy: nginx compressed on the fly"
    assert gzip.decompress(zipped.raw) == raw == plain.raw
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Type"] == plain.headers["Content-Type"] and "gzip" not in plain.headers["Content-Type"]
    assert zipped.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]


def raw_request(url: str, request: bytes) -> tuple[int, dict[str, str]]:
    """Send bytes as they are (nginx refuses them before any location runs); the status and headers."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    return status, {name.strip(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])}


ERRORS_NGINX_MAKES = {
    "bad request line": (400, b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n"),
    "two Host headers": (400, b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    "header too large": (400, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"),
    "URI too long": (414, b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
    "TRACE": (405, b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n"),
    "POST to a page": (405, b"POST /typfall/resan/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
    "missing page": (404, b"GET /finns-inte/ HTTP/1.1\r\nHost: x\r\n\r\n"),
    "missing page under embed/": (404, b"GET /embed/finns-inte/ HTTP/1.1\r\nHost: x\r\n\r\n"),
    "folder without slash": (301, b"GET /typfall/resan HTTP/1.1\r\nHost: x\r\n\r\n"),
    "permalink": (301, b"GET /id/resan/ HTTP/1.1\r\nHost: x\r\n\r\n"),
    "page": (200, b"GET /typfall/resan/ HTTP/1.1\r\nHost: x\r\n\r\n"),
    "conditional request": (304, b"GET /assets/css/portal.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: ETAG\r\n\r\n"),
}


@pytest.mark.parametrize("case", list(ERRORS_NGINX_MAKES))
def test_every_response_carries_the_security_headers(served, case: str) -> None:
    """Errors nginx makes itself (before any location runs) included: the CSP comes from a map."""
    url, site = served
    expected, request = ERRORS_NGINX_MAKES[case]
    etag = get(url + "/assets/css/portal.css", gzip_ok=False).headers["ETag"]
    status, headers = raw_request(url, request.replace(b"ETAG", etag.encode()))
    assert status == expected
    page_policy = deploy_facts(site)["headers"]["all"]["Content-Security-Policy"]
    assert headers["Content-Security-Policy"] == page_policy
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    for name, value in delivery.COMMON_HEADERS.items():
        assert headers[name] == value, name


@pytest.mark.parametrize("path", ["/om/embed/x/", "/typfall/embed/", "/en/om/embed/x/"])
def test_look_alikes_of_embed_views_may_not_be_framed(served, path: str) -> None:
    url, _ = served
    response = get(url + path)
    assert response.status == 200
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


# ---------------------------------------------------------------------------------------------- browser

CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def _pages(site: Path) -> list[str]:
    """Every content page in both languages, one generated topic and audience page per language,
    the embed views of one page, both 404 pages and a permalink."""
    paths = set()
    for index in site.rglob("index.html"):
        rel = index.relative_to(site).as_posix()
        parts = rel.split("/")
        if parts[0] == "en":
            parts = parts[1:]
        if parts[0] in ("id", "api", "embed", delivery.DEPLOY_DIR) or index.read_text(encoding="utf-8").find(
                'http-equiv="refresh"', 0, 2000) >= 0:
            continue   # embed views are added below; redirect pages and the API are no pages
        if parts[0] in ("amnen", "malgrupper") and len(parts) > 2 and parts[1] not in ("barnaktenskap", "utsatta"):
            continue
        paths.add("/" + rel[: -len("index.html")])
    return sorted(paths) + ["/embed/resan/", "/en/embed/resan/", "/finns-inte/", "/en/finns-inte/", "/id/resan/"]


def test_every_page_renders_in_chromium_without_csp_violations(served, browser) -> None:
    url, site = served
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    foreign: list[str] = []
    context.on("request", lambda r: foreign.append(r.url)
               if not r.url.startswith((url + "/", "data:", "about:")) else None)
    problems: dict[str, list[str]] = {}
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: messages.append(f"script error: {e}"))
    paths = _pages(site)
    assert any(p.startswith("/embed/") for p in paths) and "/en/typfall/resan/" in paths
    for path in paths:
        messages.clear()
        page.goto(url + path, wait_until="load")
        page.wait_for_timeout(50)
        found = messages + page.evaluate("window.__csp || []")
        assert page.locator("h1").count() >= 1, f"{path}: no heading rendered"
        if found:
            problems[path] = found
    # The search box loads its index with fetch (connect-src).
    page.goto(url + "/", wait_until="load")
    box = page.locator("input[type=search]").first
    if box.count():
        box.fill("resan")
        page.wait_for_timeout(500)
        found = page.evaluate("window.__csp || []")
        if found:
            problems["/ (search)"] = found
    context.close()
    assert problems == {}
    assert foreign == []


def test_partner_may_frame_an_embed_view_but_not_an_ordinary_page(served, browser, tmp_path: Path) -> None:
    """A partner's page on another origin (another loopback port) frames an embed view, an ordinary
    page and pages in folders that look like embed folders deeper down."""
    url, _ = served
    refused_paths = ["/typfall/resan/"] + [f"/{fake}/" for fake in LOOK_ALIKES]
    frames = "".join(f'<iframe name="refused{number}" src="{url}{path}"></iframe>'
                     for number, path in enumerate(refused_paths))
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="sv"><title>Partner</title>'
        f'<iframe name="embed" src="{url}/embed/resan/"></iframe>{frames}', encoding="utf-8")
    partner, server = serve(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(partner + "/", wait_until="load")
        page.wait_for_timeout(300)
        embed = page.frame(name="embed")
        assert embed.url == url + "/embed/resan/"
        assert "Sommarresan" in embed.locator("h1").first.inner_text()
        for number, path in enumerate(refused_paths):
            assert page.frame(name=f"refused{number}").url.startswith("chrome-error:"), path
        assert sum("frame-ancestors 'self'" in text for text in refused) == len(refused_paths), refused
    finally:
        context.close()
        server.shutdown()


# One page of every kind, in both languages where there are two; error pages, embed views, redirects.
PAGE_VIEWS = ["/", "/en/", "/vagledning/", "/vagledning/tecken/", "/en/vagledning/tecken/", "/typfall/resan/",
              "/en/typfall/resan/", "/lagstiftning/hedersfortryck/", "/samverkan/kedjan/", "/stod/utsatt/",
              "/ordlista/", "/en/ordlista/", "/amnen/", "/amnen/barnaktenskap/", "/en/malgrupper/socialtjanst/",
              "/endast-svenska/", "/en/endast-svenska/", "/finns-inte/", "/en/finns-inte/", "/embed/resan/",
              "/en/embed/resan/", "/id/resan/", "/typfall/sommarresan/"]


def test_a_page_view_makes_no_request_that_fails(served, browser) -> None:
    """Every request of a first page view (empty cache) until the network is idle: Material's sitemap.xml
    lookups, assets, scripts. Only an error page's own document answers 404."""
    url, _ = served
    problems: dict[str, list[str]] = {}
    sitemap_lookups: list[str] = []
    for path in PAGE_VIEWS:
        context = browser.new_context()
        found: list[str] = []
        page = context.new_page()
        page.on("requestfailed", lambda r: found.append(f"{r.url} failed: {r.failure}"))

        def answered(response, path=path, found=found) -> None:
            if response.url.endswith("/sitemap.xml"):
                sitemap_lookups.append(response.url)
            own_error_page = response.request.is_navigation_request() and "finns-inte" in path
            if response.status >= 400 and not own_error_page:
                found.append(f"{response.url} answered {response.status}")
        page.on("response", answered)
        page.goto(url + path, wait_until="networkidle")
        context.close()
        if found:
            problems[path] = found
    assert problems == {}
    assert any(lookup.endswith("/typfall/resan/sitemap.xml") for lookup in sitemap_lookups), sitemap_lookups
