"""External links: `make check-external` (python -m portal check-external). Needs the network, so it
is not part of `make check` or CI.

Every http(s) link to another host is checked: links in the pages' text (Markdown, autolinks, raw
HTML), `sources[].url` in front matter and the official URLs in data/statutes.yml. Each URL is asked
once (HEAD, then GET when a server refuses HEAD), without following redirects:

- 2xx: fine;  3xx: a warning naming the new address;  4xx, 5xx or no answer: an error.

Results go to a dated cache (data/external-links-cache.json: when each URL was last checked and what it
answered); a URL checked within `external_links.max_age_days` is not asked again (`--refresh` asks all).
`external_links.ignore` lists URL prefixes never checked, each with a reason.
"""
from __future__ import annotations

import concurrent.futures
import datetime
import json
import re
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..content.corpus import Corpus
from ..content.datafiles import DATA
from ..content.findings import Finding
from ..content.prose import code_free_lines
from . import statutes

NAME = "external-links"
CACHE_PATH = DATA / "external-links-cache.json"
USER_AGENT = "kunskapsportal-linkcheck/1.0 (+make check-external)"
_MARKDOWN_URL = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_URL = re.compile(r"""(?:href|src)\s*=\s*["'](https?://[^"']+)["']""", re.I)
_BARE_URL = re.compile(r"(?<![(<\"'=])\bhttps?://[^\s)<>\]\"']+")


@dataclass(frozen=True)
class Answer:
    status: int | None        # HTTP status, None when there was no answer
    location: str | None = None
    error: str | None = None

    @property
    def kind(self) -> str:
        if self.status is None or self.status >= 400:
            return "dead"
        if 300 <= self.status < 400:
            return "redirected"
        return "ok"


def collect(corpus: Corpus, registry_path: Path = statutes.REGISTRY_PATH,
            registry_label: str = statutes.REGISTRY_LABEL) -> dict[str, list[tuple[str, int | None]]]:
    """URL -> where it is used (file, line)."""
    found: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for doc in corpus.docs:
        for index, source in enumerate(doc.meta.get("sources") or []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                found[source["url"].strip()].append((doc.path, doc.line_of(("sources", index, "url"))))
        for number, line in code_free_lines(doc.body, doc.body_start_line):
            urls = [m.group(1) for pattern in (_MARKDOWN_URL, _AUTOLINK, _HTML_URL) for m in pattern.finditer(line)]
            urls += [m.group(0).rstrip(".,;:") for m in _BARE_URL.finditer(line)]
            for url in dict.fromkeys(urls):
                found[url].append((doc.path, number))
    if Path(registry_path).exists():
        text = Path(registry_path).read_text(encoding="utf-8")
        for match in re.finditer(r"^\s*url:\s*(https?://\S+)\s*$", text, re.M):
            found[match.group(1)].append((registry_label, text.count("\n", 0, match.start()) + 1))
    return dict(found)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def ask(url: str, timeout: float = 15.0) -> Answer:
    """One URL's answer, redirects not followed."""
    last: Answer = Answer(None, error="not asked")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return Answer(response.status)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers else None
            last = Answer(exc.code, urljoin(url, location) if location else None)
            if method == "HEAD" and exc.code in (400, 403, 405, 406, 429, 500, 501, 503):
                continue  # some servers refuse HEAD; ask again with GET
            return last
        except (urllib.error.URLError, socket.timeout, ssl.SSLError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return Answer(None, error=str(reason) or type(exc).__name__)
    return last


def load_cache(path: Path) -> dict[str, Any]:
    if not Path(path).exists():
        return {"checked": None, "links": {}}
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) and isinstance(data.get("links"), dict) else {"checked": None, "links": {}}


def save_cache(path: Path, cache: dict[str, Any]) -> None:
    cache["links"] = dict(sorted(cache["links"].items()))
    Path(path).write_text(json.dumps(cache, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _ignored(url: str, ignore: list[Any]) -> bool:
    prefixes = [entry.get("url", "") if isinstance(entry, dict) else str(entry) for entry in ignore]
    return any(prefix and url.startswith(prefix) for prefix in prefixes)


def check(urls: dict[str, list[tuple[str, int | None]]], config: dict[str, Any], today: datetime.date,
          cache_path: Path = CACHE_PATH, refresh: bool = False, workers: int = 8) -> tuple[list[Finding], dict[str, int]]:
    """Findings for dead and redirected links; the cache is updated. Also counts for the summary."""
    section = (config or {}).get(NAME) or (config or {}).get("external_links") or {}
    max_age = int(section.get("max_age_days", 7))
    timeout = float(section.get("timeout_seconds", 15))
    ignore = list(section.get("ignore") or [])
    cache = load_cache(cache_path)
    own_hosts = {"127.0.0.1", "localhost"} if not section.get("check_localhost") else set()
    todo, answers = [], {}
    stats = {"urls": 0, "asked": 0, "cached": 0, "ignored": 0}
    for url in sorted(urls):
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if _ignored(url, ignore) or (urlsplit(url).hostname or "") in own_hosts:
            stats["ignored"] += 1
            continue
        stats["urls"] += 1
        entry = cache["links"].get(url)
        # A URL that did not answer at all is asked again next time: the network may have been down.
        fresh = entry and entry.get("checked") and entry.get("status") is not None and \
            (today - datetime.date.fromisoformat(entry["checked"])).days <= max_age
        if fresh and not refresh:
            answers[url] = Answer(entry.get("status"), entry.get("location"), entry.get("error"))
            stats["cached"] += 1
        else:
            todo.append(url)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for url, answer in zip(todo, pool.map(lambda u: ask(u, timeout), todo)):
            answers[url] = answer
            cache["links"][url] = {"checked": today.isoformat(), "status": answer.status,
                                   "location": answer.location, "error": answer.error}
    stats["asked"] = len(todo)
    stats["dead"] = sum(1 for a in answers.values() if a.kind == "dead")
    stats["redirected"] = sum(1 for a in answers.values() if a.kind == "redirected")
    stats["unanswered"] = sum(1 for url in todo if answers[url].status is None)
    cache["checked"] = today.isoformat()
    save_cache(cache_path, cache)
    findings = []
    for url, answer in sorted(answers.items()):
        if answer.kind == "ok":
            continue
        for path, line in urls[url]:
            if answer.kind == "redirected":
                target = answer.location or "another address"
                findings.append(Finding(path, line, NAME, f"{url} redirects ({answer.status}) to {target}",
                                        f"link {target} directly, if it is the same document", "warning"))
            else:
                what = f"answers {answer.status}" if answer.status else f"does not answer ({answer.error})"
                findings.append(Finding(path, line, NAME, f"{url} {what}",
                                        "find the document's new address, link an archived copy, or remove the link; "
                                        f"if the site only blocks robots, list the URL under {NAME.replace('-', '_')}.ignore "
                                        "in data/checks.yml with the reason"))
    return findings, stats


def main(corpus: Corpus, config: dict[str, Any], today: datetime.date, cache_path: Path = CACHE_PATH,
         refresh: bool = False, out: Any = None, registry_path: Path = statutes.REGISTRY_PATH) -> int:
    out = out or sys.stdout
    started = time.monotonic()
    findings, stats = check(collect(corpus, registry_path), config, today, cache_path, refresh)
    for finding in sorted(findings):
        print(("" if finding.severity == "error" else "warning: ") + finding.format(), file=out)
    if stats["asked"] and stats["unanswered"] == stats["asked"]:
        print("No URL answered at all: is this machine offline? (make check-external needs the network)", file=out)
    print(f"check-external: {stats['urls']} URLs ({stats['asked']} asked, {stats['cached']} from the cache "
          f"{cache_path.name}, {stats['ignored']} ignored): {stats['dead']} dead, {stats['redirected']} redirected "
          f"in {time.monotonic() - started:.1f} s", file=out)
    return 1 if stats["dead"] else 0
