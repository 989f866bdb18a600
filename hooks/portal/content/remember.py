"""Results kept from one build to the next, in `make serve` only.

`make serve` builds the site again at every save, mostly from the same pages: what a pure function made
of a page's text last time is asked for again. A one-off build (`make build`, `make check`) gains nothing
from keeping them and would hold a copy of every page's HTML for nothing, so there the functions just run.
The preview's hooks switch keeping on (portal.build.incremental); what is kept is forgotten when a data
file changes, like everything else made from data/ (datafiles.refresh).
"""
from __future__ import annotations

from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

from .datafiles import forget_on_change

F = TypeVar("F", bound=Callable[..., Any])

# Texts longer than this are not kept. At 1,000 pages per language the quality report's pages are about
# 250 KB of HTML each and change at every save: kept, each save added megabytes that stayed until
# thousands of newer results pushed them out. A page of guidance is about 10 KB.
MAX_KEPT_TEXT = 100_000

_keeping = False
_caches: list[Any] = []


def keep_results(on: bool) -> None:
    """Keep results from now on (or not, and forget them)."""
    global _keeping
    _keeping = on
    if not on:
        for cache in _caches:
            cache.cache_clear()


def while_serving(maxsize: int) -> Callable[[F], F]:
    """Keep the last `maxsize` results of a pure function while `keep_results(True)` is in force."""
    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _caches.append(cached)
        forget_on_change(cached.cache_clear)

        @wraps(function)
        def call(*args: Any) -> Any:
            if _keeping and sum(len(arg) for arg in args if isinstance(arg, str)) <= MAX_KEPT_TEXT:
                return cached(*args)
            return function(*args)
        return call  # type: ignore[return-value]
    return decorate
