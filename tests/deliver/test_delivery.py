"""The CSP, the web server's facts about a build and the nginx configuration, without a server."""
from __future__ import annotations

import json
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
    facts = delivery.write(site, ["sv", "en"], "'self' https://intranat.example.se")
    include = (site / delivery.NGINX_INCLUDE).read_text(encoding="utf-8")
    assert f"set $portal_csp_page \"{facts.csp_page()}\";" in include
    assert "frame-ancestors 'self' https://intranat.example.se\";" in include
    assert "evil.example" not in include
    assert "location /en/ { error_page 404 /en/404.html; }" in include
    assert 'location = "/id/b/" { return 301 "/a/b/"; }' in include
    assert facts.skipped == ["id/weird/index.html"]     # a space: not written into nginx's configuration
    document = json.loads((site / delivery.HEADERS_JSON).read_text(encoding="utf-8"))
    assert document["headers"]["all"]["Referrer-Policy"] == "no-referrer"
    assert document["error_pages"] == {"/": "/404.html", "/en/": "/en/404.html"}
    assert document["redirects"] == [{"from": "/id/b/", "to": "/a/b/", "status": 301}]


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


def test_production_example_matches_the_template() -> None:
    assert nginx.EXAMPLE.read_text(encoding="utf-8") == nginx.example(), \
        "deploy/nginx/portal.conf is stale: run `PYTHONPATH=hooks .venv/bin/python -m portal.deliver.nginx --write-example`"


def test_template_sends_the_headers_delivery_documents() -> None:
    template = nginx.TEMPLATE.read_text(encoding="utf-8")
    for name, value in delivery.COMMON_HEADERS.items():
        assert f'add_header {name} "{value}" always;' in template
    for value in (delivery.CACHE_HASHED, delivery.CACHE_HTML, delivery.CACHE_OTHER):
        assert f'"{value}"' in template
    assert "add_header" not in template.split("\n    location", 1)[1], "add_header inside a location drops the others"


def test_rendering_refuses_values_that_would_break_the_configuration() -> None:
    with pytest.raises(ValueError):
        nginx.production(server_name="example.se; include /etc/passwd")
    assert "root /srv/x/site;" in nginx.production(root="/srv/x/site/")
