"""A language's search folder written from its pages' rendered HTML: here, or in the preview's second
process (portal.build.serve_worker), which keeps each page's text and terms from one save to the next.

The second process is sent a page's HTML only when it does not hold it yet (`Sender`): at a save of
`make serve`, that is the page the editor changed. Everything the index reads from data/ (the glossary,
the vocabularies' labels) is read by the caller and sent along, so the other process never reads a
data file an editor may have changed since.

The index's own modules (Snowball, the analysis: some 50 ms) are imported where the index is built: in
`mkdocs build`, in the forked process; in `make serve`, in the second process.
"""
from __future__ import annotations

import gc
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, NamedTuple, Protocol

if TYPE_CHECKING:
    from . import extract, indexer

log = logging.getLogger("mkdocs.hooks.search_index")


class Page(NamedTuple):
    """A published page of the language being indexed, as converted (before the theme)."""
    meta: dict[str, Any]
    base: str
    url: str
    html: str


class Settings(NamedTuple):
    """What an index is made with besides the pages: where it goes and what it reads from data/."""
    lang: str
    site_dir: Path
    folder: str           # the language's search folder in the site: "search/", "en/search/"
    buckets: int
    glossary: dict
    labels: dict
    personal_audiences: list[str]


def search_doc(meta: dict[str, Any], base: str, url: str, text: extract.PageText) -> indexer.SearchDoc:
    from . import indexer
    return indexer.SearchDoc(
        id=str(meta.get("id", base)), url=url, title=str(meta.get("title", "")),
        description=str(meta.get("description", "")), type=str(meta.get("type", "page")),
        audiences=list(meta.get("audiences") or []), topics=list(meta.get("topics") or []),
        keywords=[str(k) for k in meta.get("keywords") or []], headings=text.headings, body=text.body,
        listing="listing" in meta, sections=text.sections)


def write(pages: list[Page], settings: Settings) -> list[Path]:
    """Index the pages and write the search folder; the files written."""
    from . import extract
    started = time.perf_counter()
    docs = [search_doc(page.meta, page.base, page.url, extract.page_text(page.html)) for page in pages]
    return _write(docs, settings, time.perf_counter() - started)


def _write(docs: list[indexer.SearchDoc], settings: Settings, text_seconds: float) -> list[Path]:
    from . import indexer
    started = time.perf_counter()
    docs.sort(key=lambda d: d.url)
    # The index build makes many small objects; with the whole site in memory, the cyclic garbage
    # collector's full passes took about half its time. Nothing it makes is cyclic garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = indexer.build(docs, settings.lang, settings.glossary, labels=settings.labels,
                             buckets=settings.buckets, personal_audiences=settings.personal_audiences)
    finally:
        if collecting:
            gc.enable()
    target = settings.site_dir / settings.folder
    target.mkdir(parents=True, exist_ok=True)
    written, files = 0, []
    for name, content in data.files().items():
        payload = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (target / name).write_bytes(payload)
        written += len(payload)
        files.append(target / name)
    index_seconds = time.perf_counter() - started
    log.info(f"Search: {len(docs)} {settings.lang} pages, {written / 1024:.0f} KiB in {settings.folder} "
             f"({len(data.buckets)} buckets), {text_seconds + index_seconds:.2f} s "
             f"(text {text_seconds:.2f} s, index {index_seconds:.2f} s)")
    return files


# A page as sent to the other process: its front matter, base and address, a key of its HTML, and the
# HTML itself only when that process does not hold the page's text under the key already.
Sent = tuple[dict[str, Any], str, str, Hashable, str | None]


class Worker(Protocol):
    """The other process, as portal.build.serve_worker offers it."""

    def generation(self) -> int: ...

    def call(self, function: Callable[..., Any], *args: Any) -> Any: ...


class Sender:
    """This side: which pages' texts the other process holds, by language, as far as its answers tell.
    What it holds is recorded only once a call has succeeded; after a failure it is sent everything."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[int, set[Hashable]]] = {}

    def send(self, pages: list[Page], settings: Settings, worker: "Worker") -> "Indexing":
        """Have the other process (portal.build.serve_worker, given by the caller) index the pages."""
        generation = worker.generation()
        sent = self.pages(settings.lang, generation, pages)
        return Indexing(self, settings.lang, generation, sent, worker.call(write_sent, sent, settings))

    def pages(self, lang: str, generation: int, pages: list[Page]) -> list[Sent]:
        """The pages as sent to a process of `generation`: the HTML only of those it does not hold."""
        held_by, held = self._held.get(lang, (None, set()))
        if held_by != generation:
            held = set()
        out: list[Sent] = []
        for page in pages:
            # Python's hash of a text is worked out once per text and kept in it; the address and the
            # length make a clash of two texts of the same page that hash alike impossible in practice.
            key = (page.url, len(page.html), hash(page.html))
            out.append((page.meta, page.base, page.url, key, None if key in held else page.html))
        return out

    def held(self, lang: str, generation: int, sent: list[Sent]) -> None:
        """A call with `sent` succeeded: the process holds those pages' texts, and no others."""
        self._held[lang] = (generation, {page[3] for page in sent})

    def forget(self, lang: str) -> None:
        """A call failed: the process may hold none of them; send every page's HTML next time."""
        self._held.pop(lang, None)


class Indexing:
    """An index the other process is building; `get` waits for it and returns the files written."""

    def __init__(self, sender: Sender, lang: str, generation: int, sent: list[Sent], reply: Any) -> None:
        self._sender, self._lang, self._generation, self._sent, self._reply = sender, lang, generation, sent, reply

    def get(self) -> list[str]:
        try:
            files = self._reply.get()
        except BaseException:
            self._sender.forget(self._lang)
            raise
        self._sender.held(self._lang, self._generation, self._sent)
        return files


class TextLost(RuntimeError):
    """The other process was sent a key without the HTML, and does not hold that page's text."""


_held: dict[str, dict[Hashable, extract.PageText]] = {}   # in the other process: lang -> texts by key


def write_sent(pages: list[Sent], settings: Settings) -> list[str]:
    """In the other process: `write` for pages sent by a `Sender`; the files written, as text."""
    from . import extract
    started = time.perf_counter()
    if not settings.site_dir.is_dir():   # `make serve` has ended and MkDocs removed its site folder
        raise FileNotFoundError(f"search: the site folder {settings.site_dir} is gone")
    known, now = _held.pop(settings.lang, {}), {}
    docs = []
    for meta, base, url, key, html in pages:
        text = extract.page_text(html) if html is not None else known.get(key)
        if text is None:
            raise TextLost(f"search: the preview's second process does not hold the text of {url}; "
                           "the next save sends it again")
        now[key] = text
        docs.append(search_doc(meta, base, url, text))
    _held[settings.lang] = now
    return [str(path) for path in _write(docs, settings, time.perf_counter() - started)]
