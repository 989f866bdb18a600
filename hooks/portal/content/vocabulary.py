"""Controlled vocabularies (data/vocabularies.yml): ids and their labels per language."""
from __future__ import annotations

from .safety import SLUG
from .datafiles import VOCABULARIES_PATH, load_schema, load_yaml
from .findings import Finding

# Vocabulary name -> the schema property whose enum must list the same ids.
SCHEMA_ENUMS = {
    "types": ("type",),
    "audiences": ("audiences", "items"),
    "topics": ("topics", "items"),
    "roles": ("roles", "items"),
    "owners": ("owner",),
}


def vocabularies() -> dict:
    return load_yaml(VOCABULARIES_PATH)


def label(kind: str, term: str, lang: str) -> str:
    """The reader-facing label of a vocabulary term, e.g. label('topics', 'fgm', 'sv')."""
    return vocabularies()[kind][term][lang]


def group_label(content_type: str, lang: str) -> str:
    """The heading over pages of a content type in a listing ('Typfall', 'Case typologies')."""
    entry = vocabularies()["types"][content_type]
    return str((entry.get("group") or {}).get(lang) or entry[lang])


def terms(kind: str) -> list[str]:
    return list(vocabularies()[kind])


SLUGGED = ("audiences", "topics")     # vocabularies with a listing page per term


def slug(kind: str, term: str) -> str:
    """The address of a term's listing page (Swedish, like every folder of the site)."""
    return str(vocabularies()[kind][term]["slug"])


def check_slugs(data: dict | None = None) -> list[Finding]:
    """Every audience and topic has its own plain slug."""
    data = data if data is not None else vocabularies()
    findings = []
    for kind in SLUGGED:
        seen: dict[str, str] = {}
        for term, entry in (data.get(kind) or {}).items():
            value = str(entry.get("slug") or "")
            if not value:
                findings.append(Finding("data/vocabularies.yml", None, f"{kind}.{term}.slug",
                                        "has no slug, the address of its listing page",
                                        "add slug: with a Swedish address, e.g. {sv: Barnäktenskap, slug: barnaktenskap}"))
            elif not SLUG.match(value):
                findings.append(Finding("data/vocabularies.yml", None, f"{kind}.{term}.slug",
                                        f"'{value}' is not a valid address",
                                        "use lowercase a-z, digits and single hyphens, e.g. barnaktenskap"))
            elif value in seen:
                findings.append(Finding("data/vocabularies.yml", None, f"{kind}.{term}.slug",
                                        f"'{value}' is already the slug of '{seen[value]}'",
                                        "give each term its own slug"))
            else:
                seen[value] = term
    return findings


def quick_exit_audiences() -> set[str]:
    return set(vocabularies()["quick_exit_audiences"])


def check_against_schema() -> list[Finding]:
    """The schema's enums and the vocabulary file must list the same ids."""
    schema = load_schema()["properties"]
    findings = []
    for kind, path in SCHEMA_ENUMS.items():
        node = schema[path[0]]
        for step in path[1:]:
            node = node[step]
        in_schema, in_vocab = set(node["enum"]), set(terms(kind))
        for term in sorted(in_vocab - in_schema):
            findings.append(Finding("data/frontmatter.schema.json", None, path[0],
                                    f"'{term}' is in data/vocabularies.yml {kind} but not in the schema enum",
                                    "add it to the enum"))
        for term in sorted(in_schema - in_vocab):
            findings.append(Finding("data/vocabularies.yml", None, kind,
                                    f"'{term}' is in the schema enum but has no labels",
                                    "add it with sv and en labels"))
    return findings
