"""What partners may reuse: the published content pages of one language and their addresses.

A page is offered for embedding, in the content API and in the feeds when the version
a reader of that language sees in this build is one a production build publishes
(approved, with an approved Swedish original) and it is not a listing page. Preview
builds therefore never offer drafts to partners.

Every address here is a path relative to the site root ('en/embed/resan/'); callers
join it to site_url for absolute URLs or make it relative for pages on the site.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .build_state import BuildState
from ..content.frontmatter import Document
from .listings import FEED_FILE, term_url, url_of
from .publishing import is_published

DEFAULT_LANGUAGE = "sv"


def prefix(lang: str) -> str:
    """The language's folder in the site: '' for Swedish, 'en/' for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_path(base: str, lang: str) -> str:
    """Path of a page in a language's section: 'typfall/resan' -> 'en/typfall/resan/'."""
    return prefix(lang) + url_of(base)


def embed_path(page_id: str, lang: str) -> str:
    return f"{prefix(lang)}embed/{page_id}/"


def oembed_path(page_id: str, lang: str) -> str:
    return embed_path(page_id, lang) + "oembed.json"


def permalink_path(page_id: str, lang: str) -> str:
    return f"{prefix(lang)}id/{page_id}/"


def api_index_path(lang: str) -> str:
    return f"api/v1/{lang}/pages.json"


def api_page_path(page_id: str, lang: str) -> str:
    return f"api/v1/{lang}/pages/{page_id}.json"


def feed_path(lang: str) -> str:
    return f"{prefix(lang)}{FEED_FILE}"


def term_feed_path(kind: str, term: str, lang: str) -> str:
    """The feed of a topic's or audience's pages, beside its listing page: 'en/amnen/barnaktenskap/feed.xml'."""
    return prefix(lang) + term_url(kind, term) + FEED_FILE


EMBED_SCRIPT_PATH = "assets/js/embed.js"
QUICK_EXIT_SCRIPT_PATH = "assets/js/quick-exit.js"   # the embed views load it too
RESERVED_FOLDERS = ("embed", "id", "api")


@dataclass(frozen=True)
class Published:
    """One content page as offered in one language section of the site."""

    id: str
    base: str                  # path under docs/ without language suffix: 'typfall/resan'
    lang: str                  # the language section: 'en' for /en/...
    doc: Document              # the text shown; the Swedish original when not translated
    translations: dict[str, str] = field(default_factory=dict)  # language -> page path, translated versions only

    @property
    def content_lang(self) -> str:
        return self.doc.lang or DEFAULT_LANGUAGE

    @property
    def title(self) -> str:
        return str(self.doc.meta.get("title", ""))

    @property
    def path(self) -> str:
        return page_path(self.base, self.lang)

    @property
    def embed(self) -> str:
        return embed_path(self.id, self.lang)

    @property
    def oembed(self) -> str:
        return oembed_path(self.id, self.lang)

    @property
    def permalink(self) -> str:
        return permalink_path(self.id, self.lang)

    @property
    def api(self) -> str:
        return api_page_path(self.id, self.lang)


def _approved(doc: Document | None, original: Document | None) -> bool:
    return doc is not None and is_published(doc, "production") and \
        (original is None or is_published(original, "production"))


def is_offered(doc: Document | None, original: Document | None) -> bool:
    """Whether a page version may be embedded and listed in the API: approved content, not a listing."""
    return doc is not None and _approved(doc, original) and "listing" not in doc.meta


def shown_pages(state: BuildState, lang: str, languages: list[str]) -> list[Published]:
    """Every page a reader finds in the `lang` section of this build (listings and, in a preview, drafts too)."""
    swedish = state.corpus.by_base(DEFAULT_LANGUAGE)
    shown = []
    for base in swedish:
        doc = state.shown(base, lang)
        if doc is None or not isinstance(doc.meta.get("id"), str):
            continue
        translations = {}
        for other in languages:
            version = state.corpus.get(base, other)
            if version is not None and version.rel in state.published:
                translations[other] = page_path(base, other)
        shown.append(Published(str(doc.meta["id"]), base, lang, doc, translations))
    return sorted(shown, key=lambda p: p.id)


def pages(state: BuildState, lang: str, languages: list[str]) -> list[Published]:
    """The pages offered to partners in the `lang` section, ordered by id; their translations are offered too."""
    swedish = state.corpus.by_base(DEFAULT_LANGUAGE)
    offered = []
    for page in shown_pages(state, lang, languages):
        original = swedish.get(page.base)
        if not is_offered(page.doc, original):
            continue
        translations = {other: path for other, path in page.translations.items()
                        if is_offered(state.corpus.get(page.base, other), original)}
        offered.append(Published(page.id, page.base, lang, page.doc, translations))
    return offered


def reserved_conflicts(paths: Iterable[str], languages: Sequence[str], docs_label: str = "docs") -> list[str]:
    """One line per folder under docs/ whose name the site's own addresses use: embed/, id/ and api/ at
    any depth (the build writes embed views, permalinks and the API there, and the web server lets other
    sites frame what lies under the top-level embed/ folders, so a look-alike deeper down misleads), and
    another language's code at the top (that language's section). `paths` are relative to docs/: every
    page, drafts included, and every other file."""
    others = {lang.lower() for lang in languages[1:]}
    found: dict[str, str] = {}
    for rel in paths:
        folders = rel.split("/")[:-1]
        for depth, name in enumerate(folders):
            if name.lower() in RESERVED_FOLDERS or (depth == 0 and name.lower() in others):
                found.setdefault("/".join(folders[: depth + 1]), name)
                break
    reserved = ", ".join(f"{name}/" for name in RESERVED_FOLDERS) + " at any depth" + \
        "".join(f", {lang}/ at the top" for lang in sorted(others))
    return [f"{docs_label}/{folder}/: the folder name '{name}' is reserved for the site's own addresses "
            f"({reserved}) — rename the folder" for folder, name in sorted(found.items())]
