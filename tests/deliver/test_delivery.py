"""The CSP, the web server's facts about a build and the nginx configuration, without a server."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portal.deliver import csp, delivery, nginx


def test_policy_allows_only_our_origin_and_no_inline_script() -> None:
    policy = csp.policy()
    assert "script-src 'self';" in policy
    assert "unsafe" not in policy and "sha256" not in policy and "http" not in policy
    assert policy.endswith("frame-ancestors 'self'")
    assert csp.policy("*").endswith("frame-ancestors *")


def test_uri_of_built_files() -> None:
    assert delivery.uri_of("index.html") == "/"
    assert delivery.uri_of("en/id/resan/index.html") == "/en/id/resan/"
    assert delivery.uri_of("gammal.html") == "/gammal.html"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, text in {
        "index.html": "<html><p>Start</p>",
        # A page that says it forwards somewhere is not a redirect of the web server: only the lists
        # the build writes (delivery.write_redirects) are.
        "a/b/index.html": '<html><meta http-equiv="refresh" content="0; url=https://evil.example/">',
    }.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    delivery.write_redirects(site, "sv", [("id/b/index.html", "a/b/"), ("id/weird/index.html", "a b/")])
    return site


def test_write_puts_the_server_facts_next_to_the_pages(tmp_path: Path) -> None:
    site = _site(tmp_path)
    partner = "'self' https://intranat.example.se"
    facts = delivery.write(site, ["sv", "en"], partner)
    maps = (site / delivery.NGINX_HTTP_INCLUDE).read_text(encoding="utf-8")
    assert f'    default  "{facts.csp_page()}";' in maps
    assert f'    1        "{facts.csp_embed(partner)}";' in maps
    assert '"~^/(?:en/)?embed/"  1;' in maps and "set $" not in maps
    assert "sha256" not in maps and "evil.example" not in maps
    include = (site / delivery.NGINX_INCLUDE).read_text(encoding="utf-8")
    assert "location /en/ { error_page 404 /en/404.html; }" in include and "portal_csp" not in include
    assert "evil.example" not in include
    assert 'location = "/id/b/" { return 301 "/a/b/"; }' in include
    assert facts.skipped == ["id/weird/index.html"]     # a space: not written into nginx's configuration
    document = json.loads((site / delivery.HEADERS_JSON).read_text(encoding="utf-8"))
    assert document["headers"]["all"]["Referrer-Policy"] == "no-referrer"
    assert document["headers"]["embed_views"]["match"] == "^/(?:en/)?embed/"
    assert document["error_pages"] == {"/": "/404.html", "/en/": "/en/404.html"}
    assert document["redirects"] == [{"from": "/id/b/", "to": "/a/b/", "status": 301}]
    assert re.match(document["sitemap_lookups"]["match"], "/typfall/resan/sitemap.xml").group(1) == "/typfall/resan/"
    assert ".html" in document["precompressed"]["extensions"]


@pytest.mark.parametrize("path,embed", [("/embed/resan/", True), ("/en/embed/resan/", True),
                                         ("/embed/resan/oembed.json", True), ("/om/embed/x/", False),
                                         ("/typfall/embed/", False), ("/de/embed/x/", False), ("/embedded/", False),
                                         ("/en/om/embed/x/", False), ("/xen/embed/", False)])
def test_only_the_top_level_embed_folders_are_embed_views(path: str, embed: bool) -> None:
    assert bool(re.match(delivery.embed_view_pattern(["sv", "en"]), path)) is embed
    assert delivery.embed_view_pattern(["sv"]) == "^/embed/"
    with pytest.raises(ValueError):
        delivery.embed_view_pattern(["sv", "e|n"])


def test_nginx_strings_refuse_quotes_and_variables() -> None:
    with pytest.raises(ValueError):
        delivery._quote('a"b')
    with pytest.raises(ValueError):
        delivery._quote("$host")


def test_error_pages_link_the_start_page_of_each_language() -> None:
    page = ('<link rel="alternate" href="/malgrupper/x/" hreflang="sv">'
            '<a href="/en/malgrupper/x/" hreflang="en" class="md-select__link">')
    assert delivery.error_page_alternates(page, ["sv", "en"]) == (
        '<link rel="alternate" href="/" hreflang="sv"><a href="/en/" hreflang="en" class="md-select__link">')
    assert delivery.language_home("en", ["sv", "en"], "/portal/") == "/portal/en/"
    assert delivery.error_page_path("sv", ["sv", "en"]) == "404.html"
    assert delivery.error_page_path("en", ["sv", "en"]) == "en/404.html"


def test_the_template_and_headers_json_describe_the_same_sitemap_rule() -> None:
    assert f"location ~ {delivery.SITEMAP_LOOKUP.replace('(/', '(?<portal_folder>/', 1)} {{" in \
        nginx.TEMPLATE.read_text(encoding="utf-8")


def test_production_example_matches_the_template() -> None:
    assert nginx.EXAMPLE.read_text(encoding="utf-8") == nginx.example(), \
        "deploy/nginx/portal.conf is stale: run `PYTHONPATH=hooks .venv/bin/python -m portal.deliver.nginx --write-example`"


def test_both_servers_send_the_headers_delivery_documents() -> None:
    """The HTTPS server and the plain-HTTP server that redirects to it; no location adds headers of its own."""
    config = nginx.production()
    servers = config.split("\nserver {")[1:]
    assert len(servers) == 2
    for server in servers:
        assert "add_header Content-Security-Policy $portal_csp always;" in server
        assert "add_header X-Frame-Options $portal_x_frame_options always;" in server
        for name, value in delivery.COMMON_HEADERS.items():
            assert f'add_header {name} "{value}" always;' in server
    for value in (delivery.CACHE_HASHED, delivery.CACHE_HTML, delivery.CACHE_OTHER):
        assert f'"{value}"' in config
    assert "add_header" not in servers[0].split("\n    location", 1)[1], "add_header inside a location drops the others"
    assert "include /srv/kunskapsportal/site/.deploy/nginx-http.conf;" in config.split("\nserver {")[0]


def test_rendering_refuses_values_that_would_break_the_configuration() -> None:
    with pytest.raises(ValueError):
        nginx.production(server_name="example.se; include /etc/passwd")
    assert "root /srv/x/site;" in nginx.production(root="/srv/x/site/")
