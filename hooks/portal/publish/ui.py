"""Interface strings of our own templates (data/ui.yml)."""
from __future__ import annotations

from ..content.datafiles import DATA, load_yaml


def strings(lang: str) -> dict[str, str]:
    return load_yaml(DATA / "ui.yml")[lang]


def text(lang: str, key: str) -> str:
    return strings(lang)[key]
