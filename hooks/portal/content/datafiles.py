"""Locations of the project's data files and their loaders."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
SCHEMA_PATH = DATA / "frontmatter.schema.json"
VOCABULARIES_PATH = DATA / "vocabularies.yml"
CONTENT_TYPES_PATH = DATA / "content-types.yml"


# libyaml's parser when PyYAML has it: the glossary alone took 0.1 s with the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader


@lru_cache(maxsize=None)
def load_schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)
