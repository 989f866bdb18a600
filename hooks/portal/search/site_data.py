"""What a search index reads from data/ besides the glossary: the vocabularies' labels and the audiences
with the quick exit. Read in the build process and handed to the index, which in `make serve` is built by
a second process that reads no data file (portal.search.index_files). Light to import: the build process
needs it before it knows whether it indexes at all.
"""
from __future__ import annotations


def labels(lang: str) -> dict[str, dict[str, str]]:
    """The vocabularies' labels in `lang` (data/vocabularies.yml), by type, audience and topic key."""
    from ..content.vocabulary import vocabularies
    vocab = vocabularies()
    return {single: {key: value[lang] for key, value in vocab[kind].items()}
            for single, kind in (("type", "types"), ("audience", "audiences"), ("topic", "topics"))}


def personal_audiences() -> list[str]:
    """The audiences with the quick exit (data/vocabularies.yml), which a query in the first person favours."""
    from ..content.vocabulary import quick_exit_audiences
    return sorted(quick_exit_audiences())
