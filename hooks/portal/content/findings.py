"""One finding = one line an editor can act on."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A problem in a content file: where it is, what is wrong and how to fix it."""

    path: str
    line: int | None
    field: str
    message: str
    fix: str = ""
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def dotted(path: tuple) -> str:
    """A field path as editors write it: ('sources', 2, 'url') -> 'sources[2].url'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
