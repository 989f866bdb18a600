"""The glossary page (docs/ordlista, `listing: {of: glossary}`) from data/glossary.yml.

Every term has an anchor that never changes (its glossary id: /ordlista/#orosanmalan), the terms stand
under letter headings reached from an index (A–Ö in Swedish, with Å Ä Ö last; A–Z in English), and the
English glossary names the Swedish term a reader will meet in Swedish documents and letters.
Written as HTML: ids, <dfn> and the index need markup that Markdown's definition lists cannot carry.
"""
from __future__ import annotations

import html
import re
import unicodedata

from ..content import abbreviations, glossary
from ..content.sorting import sort_key
from . import ui

LABELS = {
    "sv": {"synonyms": "Synonymer", "lay_terms": "Vardagliga ord", "abbreviations": "Förkortningar",
           "deprecated": "Undvik", "abbr_heading": "Förkortningar", "abbr": "Förkortning", "meaning": "Betydelse"},
    "en": {"synonyms": "Synonyms", "lay_terms": "Everyday words", "abbreviations": "Abbreviations",
           "deprecated": "Avoid", "abbr_heading": "Abbreviations", "abbr": "Abbreviation", "meaning": "Meaning"},
}
ALPHABETS = {"sv": "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ", "en": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def letter(term: str, lang: str) -> str:
    """The index letter of a term: its first letter, accents folded except the language's own letters
    ('émigré' -> 'E'; 'Åtal' -> 'Å' in Swedish, 'A' in English); '#' for anything else."""
    first = term.strip()[:1].upper()
    if first in ALPHABETS[lang]:
        return first
    folded = unicodedata.normalize("NFKD", first)[:1]
    return folded if folded in ALPHABETS[lang] else "#"


_ASCII_IDS = {"Å": "aa", "Ä": "ae", "Ö": "oe", "#": "other"}


def letter_id(lang: str, initial: str) -> str:
    """The id of a letter's heading: 'bokstav-a', 'bokstav-aa' (Å), 'letter-z'."""
    word = "bokstav" if lang == "sv" else "letter"
    return f"{word}-{_ASCII_IDS.get(initial, initial.lower())}"


def abbreviation_id(abbr: str) -> str:
    return "forkortning-" + re.sub(r"[^a-z0-9]+", "-", abbr.casefold()).strip("-")


def _index(lang: str, present: list[str]) -> str:
    """Links to the letters that have terms, in the alphabet's order."""
    items = "\n".join(f'<li><a href="#{letter_id(lang, initial)}">{html.escape(initial)}</a></li>' for initial in present)
    label = html.escape(ui.text(lang, "glossary_index"))
    return f'<nav class="portal-glossary-index" aria-label="{label}">\n<ul>\n{items}\n</ul>\n</nav>'


def render(lang: str) -> str:
    """The glossary in `lang`: index, terms under letter headings, then the abbreviations."""
    data, labels = glossary.load(), LABELS[lang]
    # The Swedish words a reader meets in letters and decisions: the term and its synonyms.
    swedish = {t["id"]: [t["sv"]["term"], *(t["sv"].get("synonyms") or [])] for t in data.get("terms", []) if "sv" in t}
    entries = sorted(((t["id"], t[lang]) for t in data.get("terms", []) if lang in t),
                     key=lambda pair: sort_key(pair[1]["term"]))
    by_letter: dict[str, list[tuple[str, dict]]] = {}
    for term_id, entry in entries:
        by_letter.setdefault(letter(entry["term"], lang), []).append((term_id, entry))
    order = [c for c in ALPHABETS[lang] + "#" if c in by_letter]
    out = [_index(lang, order)]
    text = lambda value: abbreviations.in_html(" ".join(str(value).split()), lang)  # noqa: E731
    for initial in order:
        out.append(f'<h2 id="{letter_id(lang, initial)}" class="portal-glossary__letter">{html.escape(initial)}</h2>')
        out.append('<dl class="portal-glossary">')
        for term_id, entry in by_letter[initial]:
            term = entry["term"][0].upper() + entry["term"][1:]
            out.append(f'<dt id="{html.escape(term_id)}"><dfn>{text(term)}</dfn></dt>')
            out.append(f"<dd><p>{text(entry.get('definition', ''))}</p>")
            words = [w for w in swedish.get(term_id, []) if w.casefold() != entry["term"].casefold()]
            if lang != "sv" and words:
                out.append(f'<p><em>{html.escape(ui.text(lang, "swedish_term"))}</em> '
                           f'<span lang="sv">{html.escape(", ".join(words))}</span></p>')
            for key in ("synonyms", "lay_terms", "abbreviations", "deprecated"):
                if entry.get(key):
                    out.append(f"<p><em>{html.escape(labels[key])}:</em> {text(', '.join(entry[key]))}</p>")
            out.append("</dd>")
        out.append("</dl>")
    listed = sorted(data.get("abbreviations", []), key=lambda a: a["abbr"].casefold())
    if listed:
        out.append(f"## {labels['abbr_heading']}")
        rows = "\n".join(f'<tr id="{abbreviation_id(a["abbr"])}"><th scope="row">{html.escape(a["abbr"])}</th>'
                         f"<td>{html.escape(' '.join(str(a.get(lang, '')).split()))}</td></tr>" for a in listed)
        out.append(f"<table>\n<thead><tr><th scope=\"col\">{labels['abbr']}</th><th scope=\"col\">"
                   f"{labels['meaning']}</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>")
    return "\n\n".join(out) + "\n"
