"""Interface strings of our own templates (data/ui.yml)."""
from __future__ import annotations

from ..content.datafiles import DATA, load_yaml


UI_FILE = DATA / "ui.yml"   # made once: a Path made per call was a good part of every page's hooks


def strings(lang: str) -> dict[str, str]:
    return load_yaml(UI_FILE)[lang]


def text(lang: str, key: str) -> str:
    return strings(lang)[key]
