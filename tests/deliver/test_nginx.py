"""The production nginx configuration, run on 127.0.0.1 with the fixture site, checked over HTTP and in Chromium."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, build, serve
from portal.deliver import delivery, framing, nginx

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _require_nginx() -> None:
    if not Path(nginx.NGINX).exists():
        message = "Debian's nginx is not installed (apt-get install nginx; make test installs it as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The fixture site built for the address nginx serves it on (site_url = that origin), and nginx."""
    _require_nginx()
    port = nginx.free_port()
    site = tmp_path_factory.mktemp("nginx-site") / "site"
    result = build(site, "production", FIXTURE_SITE, PORTAL_SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr[-4000:]
    with nginx.running(site, tmp_path_factory.mktemp("nginx-run"), port=port) as server:
        yield server.url, site


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
    _require_nginx()
    site = tmp_path / "site"
    (site / delivery.DEPLOY_DIR).mkdir(parents=True)
    (site / delivery.NGINX_INCLUDE).write_text(delivery.nginx_include(delivery.SiteFacts(), ["sv", "en"], "*"))
    config = tmp_path / "nginx.conf"
    config.write_text(nginx.loopback(site, nginx.free_port(), tmp_path), encoding="utf-8")
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


def test_scripts_get_no_sitemap_but_crawlers_do(served) -> None:
    """Material's script fetches <alternate>/sitemap.xml on every page view; nginx answers it with nothing."""
    url, _ = served
    crawler = get(url + "/sitemap.xml")
    assert crawler.status == 200 and "<urlset" in crawler.text
    for path in ("/sitemap.xml", "/typfall/resan/sitemap.xml", "/en/sitemap.xml"):
        script = get(url + path, **{"Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors"})
        assert script.status == 404 and len(script.raw) < 300 and b"portal" not in script.raw, path
        assert script.headers["Content-Security-Policy"]
    assert get(url + "/typfall/resan/sitemap.xml").status == 404


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
    """A partner's page on another origin (another loopback port) frames both kinds of page."""
    url, _ = served
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="sv"><title>Partner</title>'
        f'<iframe name="embed" src="{url}/embed/resan/"></iframe>'
        f'<iframe name="page" src="{url}/typfall/resan/"></iframe>', encoding="utf-8")
    partner, server = serve(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(partner + "/", wait_until="load")
        page.wait_for_timeout(300)
        embed, ordinary = page.frame(name="embed"), page.frame(name="page")
        assert embed.url == url + "/embed/resan/"
        assert "Sommarresan" in embed.locator("h1").first.inner_text()
        assert ordinary.url.startswith("chrome-error:")
        assert any("frame-ancestors 'self'" in text for text in refused), refused
    finally:
        context.close()
        server.shutdown()
