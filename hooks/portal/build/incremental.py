"""Incremental preview rebuilds: what `make serve` (`mkdocs serve --dirty`, preview mode) does again after a save.

Every save rebuilds the site in the serving process. MkDocs' own --dirty decides by file times: it
does not read unchanged pages (their titles, search text and listings go missing) and does not write
a page again when the navigation, a data file or another page changed. Here every page still goes
through MkDocs' page loop and the page-content hooks, but
- its file is read and run through the page-markdown hooks again only when its own files, the site's
  files, any page's front matter, the data, templates, code, day or settings changed (`populate`), and
  its Markdown is converted again only when it, the site's files or the Markdown settings changed
  (`render`; MkDocs' reading of its front matter is kept too), and
- its template is rendered and written again only when its *render key* changed (`page_key`): its
  own converted HTML, front matter, title and address, the files of all its language versions (an
  English page says when the Swedish text changed), and the *site key* (`site_key`): every page's
  address, title and front matter, every file's address, the files of data/, overrides/, hooks/ and
  mkdocs.yml, today's date and the PORTAL_ settings.

What a page shows beyond its own text is in the site key, so the preview after an edit is the same
as a fresh build of the same files (tests/build/test_incremental.py compares them after random edits).
Files a fresh build would not write (a page deleted or unpublished) are removed (`sweep`).
"""
from __future__ import annotations

import copy
import datetime
import functools
import hashlib
import json
import logging
import os
import pickle
import time
from stat import S_ISREG
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")

# A file a build writes gets a modification time at or after the build's start; file systems keep
# coarse times (a few milliseconds), so "after" allows this much.
CLOCK_SLACK_NS = 50_000_000


def digest(*parts: Any) -> str:
    """A hash of the parts that differs whenever they differ: keys of what a build made, compared in this
    process only. By pickle, which writes every value in full, with its type (a date is not its text,
    a tuple not a list), three times faster than JSON with sorted keys (every page's front matter, twice
    a save). Equal values may still differ (a mapping in another order, a list shared or copied): that
    costs a page written again, never a page left stale. What pickle cannot write goes as JSON, other
    values by their text."""
    try:
        data = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - pickle raises what the object raises (TypeError, PicklingError, …)
        data = b"json:" + json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str,
                                     separators=(",", ":")).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def tree_signature(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """(path, modification time, size) of every file under the given files and folders: an editor's
    save changes the time. Bytecode caches are left out: they change without the code changing."""
    found: list[tuple[str, int, int]] = []
    for top in paths:
        candidates = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in candidates:
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return found


def environment_signature() -> dict[str, str]:
    """The settings a build reads from the environment, and the day (review notices depend on it)."""
    settings = {name: value for name, value in os.environ.items() if name.startswith("PORTAL_")}
    settings["date"] = datetime.date.today().isoformat()
    return settings


def site_key(language: str, pages: Iterable[tuple[str, str, str, Any]], files: Iterable[tuple[str, str]],
             trees: list[tuple[str, int, int]], settings: dict[str, str]) -> str:
    """Everything beyond a page's own text that its output may show: pages are (source, address,
    title, front matter), files (source, address)."""
    return digest(language, sorted(pages, key=lambda p: p[0]), sorted(files), trees, settings)


def text_key(text: str) -> str:
    """A short stable hash of a text (a page's HTML or Markdown)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def page_key(site: str, source: str, url: str, title: str, meta: Any, html: str,
             versions: list[tuple[str, int, int]]) -> str:
    # The HTML by Python's own hash of it (and its length): written out as JSON first, thousands of pages
    # took a good part of a save, and a stable hash of it a fortieth (2,000 pages at every save). Render
    # keys live in this process only, where the hash is the same for the same text.
    return digest(site, source, url, title, meta, (len(html), hash(html)), versions)


@dataclass
class Renders:
    """Which outputs exist and from what key; what this build must keep."""
    keys: dict[str, str] = field(default_factory=dict)      # output file -> render key it was written with
    pending: dict[str, str] = field(default_factory=dict)   # output file -> key, once written this build
    keep: set[str] = field(default_factory=set)             # every output file of this build's files
    rendered: list[str] = field(default_factory=list)       # the pages this build wrote
    started_ns: int = 0

    def start(self) -> None:
        self.pending.clear()
        self.keep.clear()
        self.rendered.clear()
        self.started_ns = time.time_ns()

    def must_render(self, output: str, key: str) -> bool:
        """Whether the page must be written again; remembers the key it will be written with."""
        if self.keys.get(output) == key and os.path.isfile(output):
            return False
        self.pending[output] = key
        return True

    def written(self, output: str) -> None:
        if output in self.pending:
            self.keys[output] = self.pending.pop(output)
            self.rendered.append(output)

    def sweep(self, site_dir: Path) -> list[Path]:
        """Remove the files this build neither kept nor wrote (what a fresh build would not hold)."""
        removed: list[Path] = []
        limit = self.started_ns - CLOCK_SLACK_NS
        top = str(site_dir)

        def holds_something(folder: str) -> bool:
            """Sweep `folder` bottom-up; whether anything is left in it (then it stays). os.scandir, not
            os.walk: its entries know whether they are folders, and a save does this over thousands."""
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                return True   # cannot be read: left as it is
            left = 0
            for entry in entries:
                path = entry.path
                try:
                    folder_entry = entry.is_dir()
                except OSError:   # a link that cannot be followed: a file, as in os.walk (its stat fails below)
                    folder_entry = False
                if folder_entry:
                    # A link to a folder is neither followed nor removed.
                    left += 1 if entry.is_symlink() or holds_something(path) else 0
                    continue
                if path in self.keep:
                    left += 1
                    continue
                try:   # a link to a file by its file's time; a link to nothing is left alone
                    if entry.stat().st_mtime_ns < limit:
                        os.unlink(path)
                        self.keys.pop(path, None)
                        removed.append(Path(path))
                        continue
                except OSError:
                    continue   # gone already; whatever is left, os.listdir below still sees
                left += 1
            # Only a folder all of whose entries went is asked whether it is empty.
            if not left and folder != top and not os.listdir(folder):
                os.rmdir(folder)
                return False
            return True

        holds_something(top)
        return removed


@dataclass
class Converted:
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


class Kept:
    """Values by key, kept from one build to the next: a build keeps what it used and drops the rest."""

    def __init__(self) -> None:
        self._now: dict[Any, Any] = {}
        self._before: dict[Any, Any] = {}

    def new_build(self) -> None:
        self._before, self._now = self._now, {}

    def get(self, key: Any) -> Any:
        hit = self._now.get(key)
        if hit is None:
            hit = self._before.pop(key, None)
            if hit is not None:
                self._now[key] = hit
        return hit

    def put(self, key: Any, value: Any) -> None:
        self._now[key] = value

    def get_or_make(self, key: Any, make: Callable[[], T]) -> T:
        """The value kept for `key`, or `make()`'s, kept from now on."""
        hit = self.get(key)
        if hit is None:
            hit = make()
            self.put(key, hit)
        return hit


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build has inaccurate navigation, while builds are incremental
    (they are not inaccurate); any other record passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (SESSION.active and record.getMessage().startswith("A 'dirty' build is being performed"))


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def copied_toc(toc: Any) -> Any:
    """A copy of a page's table of contents (MkDocs' TableOfContents of AnchorLinks, each with its
    children) that shares no entry or list with `toc`: the theme marks entries while it renders.
    copy.deepcopy does the same, several times slower."""
    def links(items: list[Any]) -> list[Any]:
        made = []
        for item in items:
            link = copy.copy(item)
            link.children = links(item.children)
            made.append(link)
        return made
    made = copy.copy(toc)
    made.items = links(toc.items)
    return made


def own_toc(page: Any) -> None:
    """Before the theme renders `page`: its own table of contents, which the theme may mark, not the
    one it shares with the conversion cache (most pages of a save are not rendered, so are not copied)."""
    page.toc = copied_toc(page.toc)


# MkDocs names broken links while it converts a page, on this logger; a reused conversion says it again.
PAGES_LOGGER = "mkdocs.structure.pages"


def render(page: Any, config: Any, files: Any, original: Callable[[Any, Any, Any], None],
           cache: Kept, context: str) -> None:
    """MkDocs' Page.render, or what it gave last time for the same Markdown, page and context."""
    key = (page.markdown, page.file.src_uri, page.url, context)
    hit = cache.get(key)
    logger = logging.getLogger(PAGES_LOGGER)
    if hit is None:
        capture = _Capture()
        logger.addHandler(capture)
        try:
            original(page, config, files)
        finally:
            logger.removeHandler(capture)
        links = getattr(page, "links_to_anchors", None)
        cache.put(key, Converted(page.content, copied_toc(page.toc), page._title_from_render,
                                 set(page.present_anchor_ids or ()),
                                 None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
                                 capture.records))
        return
    for record in hit.records:
        logging.getLogger(record.name).handle(record)
    page.content = hit.content
    page.toc = hit.toc   # shared with the cache: copied only for a page that is rendered (`own_toc`)
    page._title_from_render = hit.title
    page.present_anchor_ids = set(hit.anchors or ())
    if hit.links_to_anchors is not None:
        restored = {}
        for source, anchors in hit.links_to_anchors.items():
            # By its source, as it was kept: the file itself. (mkdocs-static-i18n's get_file_from_path
            # would first try other languages' names, with path arithmetic, at thousands of pages a save.)
            target = files.src_uris.get(source)
            if target is not None:
                restored[target] = dict(anchors)
        page.links_to_anchors = restored


@dataclass
class Session:
    """What outlives one build in the serving process (MkDocs loads the hooks again for every build)."""
    serving: bool = False   # `mkdocs serve --dirty`
    active: bool = False    # serving, in preview mode: this build is incremental
    renders: Renders = field(default_factory=Renders)
    conversions: Kept = field(default_factory=Kept)      # converted Markdown (`render`)
    front_matter: Kept = field(default_factory=Kept)     # MkDocs' reading of a page's front matter
    theme_files: Kept = field(default_factory=Kept)      # the theme's files (Files.add_files_from_theme)
    i18n_files: Kept = field(default_factory=Kept)       # mkdocs-static-i18n's file for each file of docs/
    memos: Kept = field(default_factory=Kept)            # what hooks worked out from the same inputs (`remembered`)
    context: str = ""       # the conversion context of the language being built
    markdowns: Kept = field(default_factory=Kept)        # a page's Markdown and front matter as its hooks left them
    page_inputs: str = ""   # what every page's Markdown may depend on beyond its own files (`populate`)
    docs_dir: Path | None = None                          # where the pages are, and in which languages
    # The text of every language version of a page as this build's hooks read it (by source), from the
    # build's own reading of the pages: not the files now, which an editor may have saved since.
    texts: Callable[[str], Any] | None = None
    languages: list[str] = field(default_factory=list)
    versions: dict[tuple[str, str, tuple[str, ...]], list[tuple[str, int, int]]] = field(default_factory=dict)
    _read: tuple[Any, str, Any] | None = None             # (page, Markdown, front matter) given to the last render
    _reading: bool = False                                # a page is read by MkDocs (not replayed): record its render
    trees: list[tuple[str, int, int]] = field(default_factory=list)
    page_keys: dict[tuple[str, str], str] = field(default_factory=dict)   # (language, page source) -> render key
    outputs: dict[str, tuple[str, list[str]]] = field(default_factory=dict)   # job -> (key, files it wrote)

    _content_key: tuple[int, str] = (0, "")

    def start(self, trees: list[tuple[str, int, int]]) -> None:
        """A new build (the Swedish one, which builds the others): what it keeps from the last one."""
        self.renders.start()
        self.conversions.new_build()
        self.front_matter.new_build()
        self.i18n_files.new_build()
        self.markdowns.new_build()
        self.memos.new_build()
        self.page_inputs = ""
        self.texts = None
        self.versions.clear()
        self.trees = trees
        self._content_key = (0, "")

    def content_key(self, docs: list[Any], docs_dir: Path) -> str:
        """A key of the front matter of every page in every language, and of the files under docs/
        (by name): what a page can show of the other pages. Worked out once per build (`start`)."""
        if self._content_key[0] != id(docs):
            names = sorted(os.path.relpath(os.path.join(folder, name), docs_dir)
                           for folder, folders, files in os.walk(docs_dir) for name in folders + files)
            self._content_key = (id(docs), digest(names, [(doc.rel, doc.meta) for doc in docs]))
        return self._content_key[1]

    def inputs_key(self, *parts: Any) -> str:
        """A key of what a job reads beyond the pages: the data, templates and code, the day and settings."""
        return digest(self.trees, environment_signature(), *parts)

    def front_matter_key(self, docs: list[Any], docs_dir: Path, *parts: Any) -> str:
        """`inputs_key` of a job that reads every page's front matter (listings, feeds, the API index)."""
        return self.inputs_key(self.content_key(docs, docs_dir), *parts)

    def in_this_build(self, path: Path) -> bool:
        """Whether the site holds `path` (a file, or a folder's index.html) as a fresh build would so far:
        kept or written by this build, not left over from an earlier one."""
        for candidate in (path, path / "index.html"):
            if candidate.is_file() and (not self.active or str(candidate) in self.renders.keep
                                        or candidate.stat().st_mtime_ns >= self.renders.started_ns - CLOCK_SLACK_NS):
                return True
        return False

    def remembered(self, key: str | None, compute: Callable[[], T]) -> T:
        """`compute()`, or what it gave in the last build for the same key (`inputs_key` and what else
        it reads); computed afresh in a build that is not incremental."""
        if not self.active or key is None:
            return compute()
        return self.memos.get_or_make(key, compute)

    def reusable(self, job: str, key: str | None) -> bool:
        """Whether the files `job` wrote from the same inputs (`key`) are still there: then they are
        kept as they are, and the job need not run. Never in a build that is not incremental."""
        if not self.active or key is None:
            return False
        last = self.outputs.pop(job, None)
        if last is None or last[0] != key or not all(os.path.isfile(path) for path in last[1]):
            return False   # and forgotten: a run that stops half-way must not leave the old record
        self.outputs[job] = last
        self.renders.keep.update(last[1])
        return True

    def wrote(self, job: str, key: str | None, files: Iterable[Path | str]) -> None:
        """Record the files `job` wrote from the inputs `key` (for `reusable` in the next build)."""
        if self.active and key is not None:
            self.outputs[job] = (key, [str(path) for path in files])


SESSION = Session()


def language_versions(source: str, docs: Path, languages: list[str]) -> list[tuple[str, int, int]]:
    """(path, modification time, size) of every language version of a page that exists: `x.sv.md` and
    `x.en.md` for `x.sv.md`. Asked for every page in every language at every save: plain os.stat, and
    once per page and build (`Session.versions`; a build does not see its own pages change)."""
    base = source
    for lang in languages:
        base = base.removesuffix(f".{lang}.md")
    key = (str(docs), base, tuple(languages))
    known = SESSION.versions.get(key) if SESSION.active else None
    if known is not None:
        return known
    found = []
    for lang in languages:
        path = os.path.join(docs, f"{base}.{lang}.md")
        try:
            stat = os.stat(path)
        except OSError:
            continue
        if S_ISREG(stat.st_mode):
            found.append((path, stat.st_mtime_ns, stat.st_size))
    if SESSION.active:
        SESSION.versions[key] = found
    return found


def copied_front_matter(meta: Any) -> Any:
    try:
        return copied(meta)
    except RecursionError:   # YAML aliases can make a list that holds itself; the portal's reader refuses them
        return copy.deepcopy(meta)


def markdown_key(page: Any) -> str | None:
    """What a page's Markdown, as the page-markdown hooks leave it, is made from: its address, the text of
    every language version as this build read it (`texts`; else its files' times and sizes), a generated
    page's text, and `page_inputs` (the site's files, every page's front matter, the data, templates, code,
    day and settings). The text, not the file: a page saved again while the build runs has a new time
    before the build has read it. None when the build has not said what `page_inputs` are."""
    if not SESSION.page_inputs or SESSION.docs_dir is None:
        return None
    file = page.file
    generated = text_key(file.content_string) if getattr(file, "generated_by", None) is not None else None
    texts = SESSION.texts(file.src_uri) if SESSION.texts is not None else None
    if texts is None:
        texts = language_versions(file.src_uri, SESSION.docs_dir, SESSION.languages)
    return digest(SESSION.page_inputs, file.src_uri, file.abs_src_path, page.url, texts, generated)


def populate(page: Any, config: Any, files: Any, dirty: bool, original: Callable[..., None],
             key: str | None, named_already: tuple[type, ...] = ()) -> None:
    """MkDocs' reading of a page (its file, the page-markdown hooks, the conversion, the page-content hooks),
    or, when the page's Markdown is made from the same inputs as at the last build (`markdown_key`), that
    Markdown and front matter again, converted (`render`) and given to the page-content hooks as MkDocs
    does. A reading that logged a warning is not kept: the next build reads it again and says it again.

    The second way follows MkDocs 1.6's _populate_page without what does not apply here: its early return
    for unmodified files (every page is read in an incremental build), and the pre-page and read-source
    events, which no plugin or hook of the portal uses. `named_already`: errors whose message MkDocs has
    logged (BuildError), which its own log line does not repeat."""
    hit = SESSION.markdowns.get(key) if key is not None else None
    if hit is None:
        capture = _Capture()
        capture.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(capture)
        SESSION._read, SESSION._reading = None, True
        try:
            original(page, config, files, dirty)
        finally:
            logger.removeHandler(capture)
            SESSION._reading = False
        read, SESSION._read = SESSION._read, None
        if key is not None and read is not None and read[0] is page and not capture.records:
            SESSION.markdowns.put(key, (read[1], read[2]))
        return
    config._current_page = page
    try:
        page.markdown, page.meta = hit[0], copied_front_matter(hit[1])
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    except Exception as error:
        message = f"Error reading page '{page.file.src_uri}':"
        logging.getLogger("mkdocs.commands.build").error(
            message if isinstance(error, named_already) else f"{message} {error}")
        raise
    finally:
        config._current_page = None


_UNCHANGING = (str, int, float, bool, type(None), datetime.date, datetime.time)


def copied(value: Any) -> Any:
    """A deep copy of front matter as YAML reads it (mappings, lists, text, numbers, dates), several times
    faster than copy.deepcopy; anything else goes to copy.deepcopy."""
    if isinstance(value, _UNCHANGING):   # datetime.datetime is a datetime.date
        return value
    if type(value) is dict:
        return {key: copied(item) for key, item in value.items()}
    if type(value) is list:
        return [copied(item) for item in value]
    return copy.deepcopy(value)


def fresh_copy(file: Any) -> Any:
    """A copy of a file of mkdocs-static-i18n that shares nothing it changes later: its `alternates`, the
    file in each language, which names the file itself in its own language."""
    made = copy.copy(file)
    alternates = getattr(file, "alternates", None)
    if isinstance(alternates, dict):
        made.alternates = {language: made if other is file else other for language, other in alternates.items()}
    return made


SITEMAP = "sitemap.xml"


def sitemap_key(alternates: dict[str, list[Any]], site_url: str, template_source: str) -> str:
    """What mkdocs-static-i18n's sitemap template reads: every page's address, canonical and absolute
    address, link flag and date, with the same of its language versions; the site's address; the template."""
    def page(file: Any) -> Any:
        shown = getattr(file, "page", None)
        return None if shown is None else (bool(shown.is_link), shown.canonical_url, shown.abs_url, shown.update_date)

    rows = [(locale, [(file.url, page(file), [(lang, other.url, page(other)) for lang, other in getattr(file, "alternates", {}).items()])
                      for file in files if getattr(file, "page", None) is not None])
            for locale, files in alternates.items()]
    return digest(SITEMAP, site_url, template_source, rows)


def install(page_class: Any, meta_module: Any, files_class: Any, file_class: Any, i18n_module: Any,
            build_module: Any, i18n_reconfigure: Any) -> None:
    """Route MkDocs' Page.render through `render`, its front-matter reader (`meta.get_data`) through a
    cache of what it read, its listing of the theme's files (`Files.add_files_from_theme`, a walk
    of Material's 15,000 files) through a cache kept while the theme's folders are unchanged, and
    mkdocs-static-i18n's making of a language's file for each file of docs/ (`create_i18n_file`, path
    arithmetic for thousands of files per language) through a cache of what it made from the same
    file, language and folders, MkDocs' reading of a page (`_populate_page`) through `populate`, and its
    rendering of the sitemap through a memo of the same inputs (`sitemap_key`), and mkdocs-static-i18n's
    test of whether a file is in docs/ (`is_relative_to`, pathlib for every file in every language)
    through a memo of its answers, while a build is incremental (once per process)."""
    original = page_class.render
    if getattr(original, "incremental", False):
        return

    def converted(self: Any, config: Any, files: Any) -> None:
        if not SESSION.active:
            return original(self, config, files)
        if SESSION._reading:   # a replayed page's Markdown and front matter are kept already
            SESSION._read = (self, self.markdown, copied_front_matter(self.meta))
        return render(self, config, files, original, SESSION.conversions, SESSION.context)

    read = meta_module.get_data

    def front_matter(source: str) -> tuple[str, dict[str, Any]]:
        if not SESSION.active:
            return read(source)
        markdown, meta = SESSION.front_matter.get_or_make(source, lambda: read(source))
        return markdown, copied_front_matter(meta)

    add_theme_files = files_class.add_files_from_theme

    def theme_files(self: Any, env: Any, config: Any) -> None:
        if not SESSION.active:
            return add_theme_files(self, env, config)
        def listing() -> list[tuple[str, str]]:
            # What MkDocs adds to an empty list of files: every theme file (docs files are checked below).
            probe = files_class([])
            add_theme_files(probe, env, config)
            return [(file.src_uri, file.src_dir) for file in probe]

        key = digest(config.theme.dirs, config.theme.static_templates, SESSION.trees)
        for path, folder in SESSION.theme_files.get_or_make(key, listing):
            if self.get_file_from_path(path) is None:   # a file of docs/ is not replaced by the theme's
                self.append(file_class(path, folder, config.site_dir, config.use_directory_urls))

    make_i18n_file = i18n_module.create_i18n_file

    def i18n_file(file: Any, current: str, default: str, languages: list[str], config: Any) -> Any:
        if not SESSION.active:
            return make_i18n_file(file, current, default, languages, config)
        key = (file.src_uri, file.dest_uri, file.inclusion, current, default, tuple(languages), config.docs_dir,
               config.site_dir, config.use_directory_urls)
        # A copy each time: MkDocs gives the file its page, and the preview its render decision, later on.
        made = SESSION.i18n_files.get_or_make(key, lambda: fresh_copy(make_i18n_file(file, current, default,
                                                                                     languages, config)))
        return fresh_copy(made)

    populate_page = build_module._populate_page

    def read_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if not SESSION.active:
            return populate_page(page, config, files, dirty)
        return populate(page, config, files, dirty, populate_page, markdown_key(page),
                        tuple(getattr(build_module, name) for name in ("BuildError",) if hasattr(build_module, name)))

    build_template = build_module._build_template

    def template_output(name: str, template: Any, files: Any, config: Any, nav: Any) -> str:
        # The sitemap lists every page in every language: thousands of rows of Jinja (0.07 s at 1,000 pages
        # per language) at each save, the same while no address, language version or day changes. A kept
        # sitemap skips its template-context and post-template events: in this site they change nothing
        # for it (delivery_hooks acts on the 404 page only). overrides/, data/ and hooks/ are in the key
        # (`trees`), so a sitemap template of our own, or a hook changed to act on it, renders it again.
        i18n = config.plugins.get("i18n")
        if not SESSION.active or name != SITEMAP or i18n is None:
            return build_template(name, template, files, config, nav)
        with open(template.filename, encoding="utf-8") as handle:
            source = handle.read()
        key = digest(sitemap_key(i18n.i18n_files_per_language, config.site_url or "", source), SESSION.trees)
        return SESSION.remembered(key, lambda: build_template(name, template, files, config, nav))

    relative = i18n_reconfigure.is_relative_to
    answers = functools.lru_cache(maxsize=65536)(relative)   # the same paths at every save

    def is_relative_to(path: Any, folder: Any) -> bool:
        if not SESSION.active or not isinstance(path, str) or not isinstance(folder, str):
            return relative(path, folder)
        return answers(path, folder)

    converted.incremental = True  # type: ignore[attr-defined]
    page_class.render = converted
    meta_module.get_data = front_matter
    files_class.add_files_from_theme = theme_files
    i18n_module.create_i18n_file = i18n_file
    build_module._populate_page = read_page
    build_module._build_template = template_output
    i18n_reconfigure.is_relative_to = is_relative_to
