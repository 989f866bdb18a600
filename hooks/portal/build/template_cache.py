"""Compiled Jinja templates kept in memory for the whole process.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one build per
language, so the theme's templates were compiled again for each language and on every rebuild of
`make serve`. Jinja's bytecode cache keys on the template's name and file and keeps the checksum of
its source: an edited template is compiled again.
"""
from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


CACHE = MemoryBytecodeCache()


def share(env: jinja2.Environment) -> jinja2.Environment:
    """The environment, compiling each template once per process."""
    env.bytecode_cache = CACHE
    return env
