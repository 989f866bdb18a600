"""Synthetic corpora for the build benchmark (`make bench`): valid pages at any size.

Pages look like the real ones: front matter as `make new` writes it but approved, the
sections data/content-types.yml asks for, about 4–5 KB of text per Swedish page (the
median of the shipped pages), a list, a few links to other pages, English translations
that record the Swedish revision. The section index pages come from docs/ (they only
hold a listing); the start page is generated. Deterministic for a given seed.
"""
from __future__ import annotations

import datetime
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .datafiles import CONTENT_TYPES_PATH, ROOT, load_yaml
from .translation import revision
from .vocabulary import terms, vocabularies

# Share of each type among generated pages.
MIX = (("guidance", 0.3), ("typology", 0.3), ("legal", 0.2), ("joint-guidance", 0.1), ("page", 0.1))
SECTION_INDEXES = ("vagledning", "typfall", "lagstiftning", "samverkan", "amnen", "malgrupper", "ordlista")
GENERIC_SECTIONS = {"sv": ["Bakgrund", "Så fungerar det", "Mer att läsa"],
                    "en": ["Background", "How it works", "Further reading"]}

WORDS = {
    "sv": ("barn unga vuxna familjen skolan socialtjänsten polisen hälso- och sjukvården kontroll förtryck "
           "heder våld hot äktenskap resa utlandet stöd skydd samtal oro anmälan risk bedömning planering "
           "sekretess samverkan vårdnadshavare flickor pojkar släkten rykte frihet val utbildning kamrater "
           "kärlek trygghet ansvar myndighet lagen insatser placering uppföljning tolk signaler").split(),
    "en": ("children young people adults the family the school social services the police health care control "
           "oppression honour violence threats marriage travel abroad support protection conversation concern "
           "report risk assessment planning confidentiality collaboration guardians girls boys relatives "
           "reputation freedom choice education friends love safety responsibility authority the law measures "
           "placement follow-up interpreter signs").split(),
}
VERBS = {"sv": "kan måste bör ska brukar behöver får".split(), "en": "can must should will often need may".split()}
SLUG_WORDS = ("samtal resa kontroll skydd stod risk skola familj vard polis lag sekretess oro plan tolk "
              "flicka pojke frihet val trygghet ansvar insats uppfoljning signal").split()
TODAY = datetime.date(2026, 11, 23)


@dataclass(frozen=True)
class Planned:
    type: str
    folder: str
    slug: str


def _sentence(rng: random.Random, lang: str) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(6, 14))]
    words.insert(rng.randint(1, 3), rng.choice(VERBS[lang]))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, lang: str) -> str:
    return " ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 5)))


def _link(page: Planned, other: Planned, lang: str) -> str:
    target = f"{other.slug}.md" if other.folder == page.folder else f"../{other.folder}/{other.slug}.md"
    label = {"sv": "Läs också", "en": "See also"}[lang]
    return f"{label}: [{other.slug.replace('-', ' ')}]({target})."


def body(page: Planned, lang: str, rng: random.Random, others: list[Planned], corpus: Sequence[Planned] = ()) -> str:
    """A page body with the type's sections and links to `others`; a typology also links a legal and a
    guidance page of the whole `corpus`."""
    sections = (load_yaml(CONTENT_TYPES_PATH).get(page.type) or {}).get(lang) or GENERIC_SECTIONS[lang]
    parts = ["", _paragraph(rng, lang)]
    for number, section in enumerate(sections):
        parts += ["", f"## {section}", "", _paragraph(rng, lang), "", _paragraph(rng, lang)]
        if number == 1:
            parts += [""] + [f"- {_sentence(rng, lang)}" for _ in range(4)]
        if number == 0 and others:
            parts += ["", _link(page, rng.choice(others), lang)]
    if others:
        parts += ["", _link(page, rng.choice(others), lang)]
    if page.type == "typology":   # an approved typology links the law and the guidance (content/rules.py)
        for kinds in (("legal",), ("guidance", "joint-guidance")):
            candidates = [other for other in corpus or others if other.type in kinds]
            if candidates:
                parts += ["", _link(page, rng.choice(candidates), lang)]
    return "\n".join(parts) + "\n"


def front_matter(page: Planned, lang: str, rng: random.Random, title: str, swedish_body: str) -> str:
    audiences = rng.sample(terms("audiences")[:6], rng.randint(1, 3))   # not the quick-exit audiences
    topics = rng.sample(terms("topics"), rng.randint(1, 3))
    reviewed = TODAY - datetime.timedelta(days=rng.randint(1, 300))
    description = {"sv": f"{title}: vad du behöver veta och hur du agerar när du möter oro för hedersrelaterat våld.",
                   "en": f"{title}: what you need to know and how to act when you are concerned about honour-based violence."}[lang]
    lines = ["---", f"id: {page.slug}", f"type: {page.type}", f'title: "{title}"', f'description: "{description[:160]}"',
             f"audiences: [{', '.join(audiences)}]", f"topics: [{', '.join(topics)}]", "owner: nationellt-centrum",
             "review:", "  status: approved", "  reviewed_by: Bänkredaktionen", f"  last_reviewed: {reviewed}",
             "sources:", "  - title: Ökat skydd mot hedersrelaterad brottslighet", "    issuer: Regeringen",
             "    year: 2020", "    reference: prop. 2019/20:131"]
    if page.type == "legal":
        lines += ["statutes:", "  - reference: SFS 1962:700", "    name: Brottsbalken", "    provision: 4 kap. 4 e §",
                  "    in_force: 2022-06-01"]
    if page.type == "joint-guidance":
        lines += ["roles: [social-services, school, health-care, police]"]
    if lang == "en":
        lines += ["translation:", f'  source_revision: "{revision(swedish_body)}"']
    return "\n".join(lines + ["---", ""])


def plan(count: int, seed: int = 7) -> list[Planned]:
    """`count` pages spread over the content types, each with a unique slug."""
    rng = random.Random(seed)
    folders = {t: vocabularies()["types"][t]["listing"] for t in terms("types")}
    pages = []
    for number in range(count):
        page_type = rng.choices([t for t, _ in MIX], weights=[w for _, w in MIX])[0]
        slug = f"{rng.choice(SLUG_WORDS)}-{rng.choice(SLUG_WORDS)}-{number + 1:04d}"
        pages.append(Planned(page_type, folders[page_type], slug))
    return pages


def _start_page(lang: str) -> str:
    title = {"sv": "Startsida", "en": "Start page"}[lang]
    front = ["---", "id: start", "type: page", f'title: "{title}"',
             f'description: "{title} för det syntetiska innehållet i prestandamätningen av portalen."',
             "audiences: [all-professionals]", "topics: [honour-oppression]", "owner: nationellt-centrum",
             "review:", "  status: approved", "  reviewed_by: Bänkredaktionen", "  last_reviewed: 2026-11-01",
             "sources:", "  - title: Ökat skydd mot hedersrelaterad brottslighet", "    issuer: Regeringen",
             "    year: 2020", "    reference: prop. 2019/20:131"]
    text = {"sv": "\nSe [vägledning](vagledning/index.md), [typfall](typfall/index.md) och "
                  "[lagstiftning](lagstiftning/index.md).\n",
            "en": "\nSee [guidance](vagledning/index.md), [case typologies](typfall/index.md) and "
                  "[legal summaries](lagstiftning/index.md).\n"}
    if lang == "en":
        front += ["translation:", f'  source_revision: "{revision(text["sv"])}"']
    return "\n".join(front + ["---", ""]) + text[lang]


def generate(docs_dir: Path, pages_per_language: int, seed: int = 7, source_docs: Path = ROOT / "docs") -> int:
    """Write a corpus of `pages_per_language` pages in Swedish and in English; returns the page count per language."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    for section in SECTION_INDEXES:
        for lang in ("sv", "en"):
            source = source_docs / section / f"index.{lang}.md"
            (docs_dir / section).mkdir(exist_ok=True)
            shutil.copyfile(source, docs_dir / section / f"index.{lang}.md")
    assets = source_docs / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs_dir / "assets")
    for lang in ("sv", "en"):
        (docs_dir / f"index.{lang}.md").write_text(_start_page(lang), encoding="utf-8")
    fixed = len(SECTION_INDEXES) + 1
    planned = plan(max(pages_per_language - fixed, 0), seed)
    rng = random.Random(seed)
    for number, page in enumerate(planned):
        others = [p for p in planned[max(0, number - 50):number]]   # link to pages written before
        titles = {"sv": f"{page.slug.split('-')[0].capitalize()} och {page.slug.split('-')[1]} ({number + 1})",
                  "en": f"{page.slug.split('-')[0].capitalize()} and {page.slug.split('-')[1]} ({number + 1})"}
        swedish = body(page, "sv", random.Random(rng.random()), others, planned)
        english = body(page, "en", random.Random(rng.random()), others, planned)
        meta_seed = rng.random()   # both languages share audiences, topics and review date
        folder = docs_dir / page.folder
        folder.mkdir(exist_ok=True)
        (folder / f"{page.slug}.sv.md").write_text(
            front_matter(page, "sv", random.Random(meta_seed), titles["sv"], swedish) + swedish, encoding="utf-8")
        (folder / f"{page.slug}.en.md").write_text(
            front_matter(page, "en", random.Random(meta_seed), titles["en"], swedish) + english, encoding="utf-8")
    return fixed + len(planned)
