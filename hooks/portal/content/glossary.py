"""The glossary (data/glossary.yml): preferred terms, synonyms, lay terms, deprecated terms, abbreviations.

Search and the terminology check read the same data; this module renders it as a page.
"""
from __future__ import annotations

from .datafiles import DATA, load_yaml
from .sorting import sort_key

GLOSSARY_PATH = DATA / "glossary.yml"

LABELS = {
    "sv": {"synonyms": "Synonymer", "lay_terms": "Vardagliga ord", "abbreviations": "Förkortningar",
           "deprecated": "Undvik", "abbr_heading": "Förkortningar", "abbr": "Förkortning", "meaning": "Betydelse"},
    "en": {"synonyms": "Synonyms", "lay_terms": "Everyday words", "abbreviations": "Abbreviations",
           "deprecated": "Avoid", "abbr_heading": "Abbreviations", "abbr": "Abbreviation", "meaning": "Meaning"},
}


def load() -> dict:
    return load_yaml(GLOSSARY_PATH) if GLOSSARY_PATH.exists() else {"terms": [], "abbreviations": []}


def render(lang: str) -> str:
    """Markdown definition list of every term in `lang`, then a table of abbreviations."""
    data, labels = load(), LABELS[lang]
    entries = sorted((t[lang] for t in data.get("terms", []) if lang in t), key=lambda e: sort_key(e["term"]))
    out = []
    for entry in entries:
        out.append(f"{entry['term'][0].upper() + entry['term'][1:]}\n:   {entry.get('definition', '').strip()}")
        for key in ("synonyms", "lay_terms", "abbreviations", "deprecated"):
            if entry.get(key):
                out.append(f"    *{labels[key]}:* {', '.join(entry[key])}")
        out.append("")
    abbreviations = sorted(data.get("abbreviations", []), key=lambda a: a["abbr"].casefold())
    if abbreviations:
        out.append(f"## {labels['abbr_heading']}\n\n| {labels['abbr']} | {labels['meaning']} |\n| --- | --- |")
        out.extend(f"| {a['abbr']} | {a.get(lang, '')} |" for a in abbreviations)
    return "\n".join(out) + "\n"
