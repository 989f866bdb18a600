"""Where the search data of a language lives: one small file to start with and shards loaded by query.

    search/meta.json       pages (title, address, type, audiences, topics), glossary phrases, labels,
                           analysis rules and caps: everything but the postings (en/search/meta.json)
    search/t<n>.json       bucket n of the postings: every term whose first two letters hash to n
    search/f<n>.json       descriptions and section headings of pages n*FRAGMENT_PAGES onwards

A term's bucket follows from its first two letters (key()), and the number of buckets from the number of
pages (bucket_count()), which the page's HTML carries: so the search box can request the buckets of the
words being typed together with meta.json, before any of it has arrived (one round trip, not two).
A word's term keeps the word's first two letters (the stemmers only change endings), and typo correction
only considers spellings that keep them too, so a word needs only its own bucket. A query loads a
few buckets of a few kilobytes, not the whole index: see BENCHMARKS.md.

Every file carries the build's id; the browser refetches a file whose id differs from meta.json's (a file
cached from an earlier build).
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

KEY_LETTERS = 2
PAGES_PER_BUCKET = 16
MIN_BUCKETS, MAX_BUCKETS = 16, 1024
FRAGMENT_PAGES = 8
META = "meta.json"


def key(term: str) -> str:
    """The letters of a term that decide its bucket."""
    return term[:KEY_LETTERS]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the code points of a text (engine.js computes the same)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def bucket_count(pages: int) -> int:
    """A power of two, about one bucket per PAGES_PER_BUCKET pages."""
    count = MIN_BUCKETS
    while count * PAGES_PER_BUCKET < pages and count < MAX_BUCKETS:
        count *= 2
    return count


@lru_cache(maxsize=65_536)   # asked for every term of a language at every index; keys are fewer
def bucket_of(term_key: str, buckets: int) -> int:
    return fnv1a(term_key) % buckets


def bucket_file(number: int) -> str:
    return f"t{number}.json"


def fragment_file(block: int) -> str:
    return f"f{block}.json"


def file_names(pages: int, buckets: int) -> list[str]:
    """The files of a language's search folder for `pages` pages in `buckets` buckets."""
    return [META] + [bucket_file(n) for n in range(buckets)] + \
        [fragment_file(block) for block in range(-(-pages // FRAGMENT_PAGES))]


def build_id(parts: list) -> str:
    """A short hash of everything a build writes, so files of different builds are told apart."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()[:12]
