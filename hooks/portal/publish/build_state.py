"""What one build knows about the content, shared by the MkDocs hook modules."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content.corpus import Corpus
from ..content.frontmatter import Document
from ..content.review import today  # noqa: F401  (the build date, where the build's modules look for it)
from ..content.navigation import Navigation
from .listings import Entry
from .publishing import is_published


@dataclass
class BuildState:
    corpus: Corpus
    mode: str
    published: set[str] = field(default_factory=set)   # rel paths of published files
    navigation: Navigation = field(default_factory=Navigation)   # data/navigation.yml beside docs/

    @classmethod
    def create(cls, corpus: Corpus, mode: str, navigation: Navigation | None = None) -> "BuildState":
        swedish = corpus.by_base("sv")
        published = set()
        for doc in corpus.docs:
            original = swedish.get(doc.base)
            if is_published(doc, mode) and (original is None or is_published(original, mode)):
                published.add(doc.rel)
        return cls(corpus, mode, published, navigation or Navigation())

    _by_rel: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)

    def doc(self, rel: str) -> Document | None:
        if len(self._by_rel) != len(self.corpus.docs):   # built once: doc() is called for every page
            self._by_rel = {d.rel: d for d in self.corpus.docs}
        return self._by_rel.get(rel)

    def shown(self, base: str, lang: str) -> Document | None:
        """The version a reader of `lang` sees: the translation if published, else the Swedish page."""
        for candidate in (lang, "sv"):
            doc = self.corpus.get(base, candidate)
            if doc is not None and doc.rel in self.published:
                return doc
        return None

    def entries(self, lang: str) -> list[Entry]:
        bases = sorted(self.corpus.by_base("sv"))
        return [Entry(base, doc) for base in bases if (doc := self.shown(base, lang)) is not None]


current: BuildState | None = None
