"""The glossary (data/glossary.yml): preferred terms, synonyms, lay terms, deprecated terms, abbreviations.

Search, the terminology check and the glossary page (publish/glossary_page.py) read the same data.
"""
from __future__ import annotations

from .datafiles import DATA, load_yaml

GLOSSARY_PATH = DATA / "glossary.yml"


def load() -> dict:
    return load_yaml(GLOSSARY_PATH) if GLOSSARY_PATH.exists() else {"terms": [], "abbreviations": []}

