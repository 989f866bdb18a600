"""Alphabetical order for Swedish readers."""
from __future__ import annotations

_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


def sort_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z (English titles sort the same way)."""
    return text.casefold().translate(_SWEDISH_ORDER)
