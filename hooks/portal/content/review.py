"""Review dates: the default next review and whether a review is overdue."""
from __future__ import annotations

import datetime
import os
from typing import Any

REVIEW_INTERVAL_MONTHS = 12


def today() -> datetime.date:
    """The build date; PORTAL_TODAY=YYYY-MM-DD pins it (tests, reproducible builds)."""
    pinned = os.environ.get("PORTAL_TODAY")
    return datetime.date.fromisoformat(pinned) if pinned else datetime.date.today()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _review(meta: dict) -> dict:
    review = meta.get("review")
    return review if isinstance(review, dict) else {}


def last_reviewed(meta: dict) -> datetime.date | None:
    return _date(_review(meta).get("last_reviewed"))


def next_review(meta: dict) -> datetime.date | None:
    """The recorded next review, or 12 months after the last review."""
    review = _review(meta)
    if review.get("next_review"):
        return _date(review["next_review"])
    last = last_reviewed(meta)
    try:
        return add_months(last, REVIEW_INTERVAL_MONTHS) if last else None
    except ValueError:   # a date at the end of the calendar: the schema reports it
        return None


def status(meta: dict) -> str:
    value = _review(meta).get("status", "draft")
    return value if isinstance(value, str) else "draft"


def is_overdue(meta: dict, today: datetime.date) -> bool:
    due = next_review(meta)
    return status(meta) == "approved" and due is not None and due < today
