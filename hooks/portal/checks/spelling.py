"""Spelling: hunspell with Debian's dictionaries (hunspell-sv: sv_SE, hunspell-en-gb: en_GB) and the
project's word lists, on the prose of every page (portal.content.prose: no code, no URLs, no front matter but
title and description).

A word passes when hunspell knows it, when data/wordlist-<lang>.txt lists it (a lowercase entry also
covers the capitalised form), or when it is hyphenated and every part passes ("CEDAW-kommittén").
Words of two or more capital letters are abbreviations (the abbreviations check's business), words
after a digit and hyphen are number compounds ("17-åriga"), a word before a hyphen and a space is the
first half of "hälso- och sjukvård". English pages gloss Swedish terms in italics (*skyddad
folkbokföring*), in parentheses ("the duty to report (anmälningsskyldighet)") or marked {lang=sv}: a
word there that English does not know is checked against the Swedish dictionary.

`make check` installs hunspell and the dictionaries when missing (as root: scripts/ensure-hunspell.sh).
"""
from __future__ import annotations

import atexit
import os
import re
import selectors
import shutil
import subprocess
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..content import prose
from ..content.corpus import Corpus
from ..content.datafiles import DATA
from ..content.findings import Finding
from ..content.frontmatter import Document

NAME = "spelling"
DICTIONARIES = {"sv": "sv_SE", "en": "en_GB"}
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}
DICTIONARY_DIRS = [Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell")]
PACKAGES = "hunspell hunspell-sv hunspell-en-gb"

WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:[-'’][^\W\d_]+)*(?![\w-])")
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu|int|uk|gov|info|io)\b", re.I)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
POSSESSIVE = re.compile(r"[’']s$")
ITALIC = re.compile(r"(?<![*\w])\*(?!\s)([^*]+?)(?<!\s)\*(?![*\w])|(?<!\w)_(?!\s)([^_]+?)(?<!\s)_(?!\w)")
LANG_SV = re.compile(r"\[([^\]]+)\]\{\s*lang=\"?sv\"?\s*\}")
PARENTHESES = re.compile(r"\(([^()]+)\)")


def wordlist_path(lang: str, data_dir: Path = DATA) -> Path:
    return data_dir / f"wordlist-{lang}.txt"


def load_wordlist(path: Path) -> set[str]:
    if not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def in_wordlist(word: str, wordlist: set[str]) -> bool:
    return word in wordlist or word.lower() in wordlist


def is_abbreviation(word: str) -> bool:
    return sum(ch.isupper() for ch in word) >= 2 and not word.istitle()


def words_of(text: str) -> list[str]:
    """The words of a line of prose that spelling should look at."""
    return list(_words_of(text))


@lru_cache(maxsize=65536)   # the same lines again at every save of `make serve`
def _words_of(text: str) -> tuple[str, ...]:
    text = DOMAIN.sub(" ", text)
    found = []
    for match in WORD.finditer(text):
        word = POSSESSIVE.sub("", match.group(0).strip("'’"))
        if len(word) > 1 and not is_abbreviation(word):
            found.append(word)
    return tuple(found)


def foreign_spans(raw_line: str) -> str:
    """Text of a Markdown line in italics, in parentheses or marked {lang=sv}: where English pages gloss
    Swedish terms."""
    parts = [m.group(1) or m.group(2) for m in ITALIC.finditer(raw_line)]
    parts += [m.group(1) for m in LANG_SV.finditer(raw_line)]
    parts += [m.group(1) for m in PARENTHESES.finditer(_LINK_TARGET.sub("]", raw_line))]
    return " ".join(parts)


def dictionary_path(lang: str) -> Path | None:
    """Where Debian's hunspell dictionary of the language is, or None when it is not installed."""
    name = DICTIONARIES[lang]
    return next((directory / f"{name}.dic" for directory in DICTIONARY_DIRS if (directory / f"{name}.dic").exists()),
                None)


def dictionary_available(lang: str) -> bool:
    return dictionary_path(lang) is not None


# lang -> word -> whether hunspell lists it as unknown: asked once per process (`make serve` checks at every save).
_listed: dict[str, dict[str, bool]] = defaultdict(dict)
# lang -> word -> hunspell's suggestions for it: asked once per process, like _listed.
_suggested: dict[str, dict[str, list[str]]] = defaultdict(dict)

# At most this many new words go to the running hunspell (`_Pipe`), one at a time; more (the first check
# of the whole site) go to one hunspell run that lists the unknown ones. The running one works out
# suggestions for every unknown word (about 30 ms each in Swedish), the listing run for none: a save
# brings a few new words.
PIPE_WORDS = 16
# hunspell reads its input in pieces of 8,192 bytes and answers each piece: a longer line would get two
# answers and put every later answer out of step. Longer words go to the listing run.
PIPE_WORD_BYTES = 4000
PIPE_SECONDS = 10.0   # a word hunspell does not answer within this is asked again the slow way
PIPE_FAILURES = 2     # after this many failures (no greeting, too slow, stopped), a process asks the slow way


def unknown_words(words: set[str], lang: str) -> set[str]:
    """The words hunspell does not know, asking it only about the words not asked before."""
    known = _listed[lang]
    # Set operations in C where they can be: `make serve` asks about every word of the site (tens of
    # thousands) at every save, and few words have a hyphen.
    tokens = set(words)
    tokens.update(part for word in words if "-" in word for part in word.split("-"))
    new = sorted(tokens.difference(known))
    fits = 0 < len(new) <= PIPE_WORDS and all(len(token.encode("utf-8")) <= PIPE_WORD_BYTES for token in new)
    answers = _ask_running(new, lang) if fits else None
    if answers is not None:
        for token, hints in answers.items():
            known[token] = hints is not None
            if hints is not None:
                _suggested[lang][token] = hints
    elif new:
        result = subprocess.run(["hunspell", "-d", DICTIONARIES[lang], "-i", "UTF-8", "-l"],
                                input="\n".join(new) + "\n", capture_output=True, text=True, check=False)
        listed = set(result.stdout.split())
        known.update((token, token in listed) for token in new)
    found = {word for word in words if known[word]}
    found.update(word for word in words if "-" in word and any(known[part] for part in word.split("-")))
    return found


def suggestions(words: set[str], lang: str, limit: int = 3) -> dict[str, list[str]]:
    """hunspell's suggestions (pipe mode) for words it does not know."""
    known = _suggested[lang]
    new = sorted(word for word in words if word not in known)
    if new:
        result = subprocess.run(["hunspell", "-d", DICTIONARIES[lang], "-i", "UTF-8", "-a"],
                                input="\n".join("^" + word for word in new) + "\n", capture_output=True,
                                text=True, check=False)
        found: dict[str, list[str]] = {word: [] for word in new}
        for line in result.stdout.splitlines():
            answer = _answer(line)
            if answer is not None and answer[0] in found:
                found[answer[0]] = answer[1]
        known.update(found)
    return {word: known[word][:limit] for word in words if known.get(word)}


def _answer(line: str) -> tuple[str, list[str]] | None:
    """hunspell's pipe-mode answer about a word it does not know, as (the word, its suggestions):
    "& word count offset: a, b" or "# word offset" (no suggestions); None for any other line."""
    if line[:2] not in ("& ", "# "):
        return None
    return line.split()[1], [hint.strip() for hint in line.partition(": ")[2].split(",") if hint.strip()]


class _Pipe:
    """hunspell in pipe mode (`-a`), kept running for the process: `make serve` checks the site at every
    save, and a save brings a few new words. Starting hunspell loads its dictionary (about 0.1 s for
    Swedish), twice for a misspelled word (once to find it, once for suggestions); a running one answers
    a word in a line. Each word goes on its own line, after "^" (the rest of the line is text, not a
    command), and its answer ends with an empty line."""

    def __init__(self, lang: str) -> None:
        self.process = subprocess.Popen(["hunspell", "-d", DICTIONARIES[lang], "-i", "UTF-8", "-a"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.pending = b""
        self.owner = os.getpid()   # a forked build process must not talk to its parent's hunspell
        assert self.process.stdout is not None
        self.waiting = selectors.DefaultSelector()
        self.waiting.register(self.process.stdout, selectors.EVENT_READ)
        try:
            if not self._read_line().startswith(b"@(#)"):   # hunspell's greeting
                raise OSError("hunspell -a did not greet")
        except OSError:
            self.close()
            raise

    def ask(self, word: str) -> list[str] | None:
        """None when hunspell knows the word, else its suggestions (maybe none)."""
        assert self.process.stdin is not None
        self.process.stdin.write(("^" + word + "\n").encode("utf-8"))
        self.process.stdin.flush()
        hints: list[str] | None = None
        while line := self._read_line():
            answer = _answer(line.decode("utf-8", errors="replace"))
            if answer is None:
                continue
            # Unknown, as `hunspell -l` would list it, only when the word it names is the whole word
            # (hunspell may split at a character it does not count as part of a word).
            named, found = answer
            if named not in word:   # an answer to another line: out of step, never trust it again
                raise OSError(f"hunspell -a answered about {named!r} when asked about {word!r}")
            if named == word:
                hints = found
        return hints

    def _read_line(self) -> bytes:
        assert self.process.stdout is not None
        descriptor = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            ready = self.waiting.select(PIPE_SECONDS)   # selectors: any descriptor number, unlike select()
            chunk = os.read(descriptor, 65536) if ready else b""
            if not chunk:
                raise OSError("hunspell -a stopped answering")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line

    def close(self) -> None:
        self.waiting.close()
        self.process.kill()
        self.process.wait()


_pipes: dict[str, _Pipe] = {}
_failures: dict[str, int] = defaultdict(int)   # lang -> times its running hunspell failed in this process


def _ask_running(words: list[str], lang: str) -> dict[str, list[str] | None] | None:
    """Each word's answer from the running hunspell (started when first needed); None when it cannot
    answer (not installed, stopped, too slow): then the caller asks the slow way."""
    if any(pipe.owner != os.getpid() for pipe in _pipes.values()):
        _pipes.clear()   # inherited by fork: the parent's to use and to close
    if _failures[lang] >= PIPE_FAILURES:
        return None
    try:
        pipe = _pipes.get(lang) or _pipes.setdefault(lang, _Pipe(lang))
        return {word: pipe.ask(word) for word in words}
    except (OSError, ValueError):
        _failures[lang] += 1
        stopped = _pipes.pop(lang, None)
        if stopped is not None:
            stopped.close()
        return None


@atexit.register
def _close_pipes() -> None:
    for pipe in _pipes.values():
        if pipe.owner == os.getpid():
            pipe.close()
    _pipes.clear()


def _accepted(word: str, unknown: set[str], wordlist: set[str]) -> bool:
    if word not in unknown or in_wordlist(word, wordlist):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(is_abbreviation(part) or part not in unknown or in_wordlist(part, wordlist)
                                  for part in parts)


def _page_words(doc: Document) -> tuple[dict[str, int], set[str]]:
    """Every word of the page with the line it first occurs on, and (English pages) the words it marks
    as Swedish: worked out once per page."""
    raw = doc.body.splitlines()
    first_lines: dict[str, int] = {}
    marked: set[str] = set()
    for line in prose.lines(doc):
        if NAME in line.ignore:
            continue
        for word in words_of(line.text):
            first_lines.setdefault(word, line.number)
        if doc.lang == "en" and line.kind not in ("title", "description"):
            index = line.number - doc.body_start_line
            if 0 <= index < len(raw):
                marked.update(words_of(prose.inline(foreign_spans(raw[index]))))
    return first_lines, marked


def run(corpus: Corpus, config: dict[str, Any], root: Path) -> list[Finding]:
    section = (config or {}).get(NAME) or {}
    data_dir = Path(root) / "data"
    if shutil.which("hunspell") is None or not all(dictionary_available(lang) for lang in DICTIONARIES):
        return [Finding("data/wordlist-sv.txt", None, NAME, "hunspell or its Swedish/English dictionaries are not installed",
                        f"run `make check` as root (it installs them) or `sudo apt-get install {PACKAGES}`")]
    skip = {str(page).removeprefix("docs/") for page in section.get("skip_pages") or []}
    docs = [d for d in corpus.docs if d.lang in DICTIONARIES and d.base not in skip]
    wordlists = {lang: load_wordlist(wordlist_path(lang, data_dir)) for lang in DICTIONARIES}

    # Every word of every language (sets filled in C: `make serve` checks every page at every save).
    pages: list[tuple[Document, dict[str, int]]] = []
    every: dict[str, set[str]] = {lang: set() for lang in DICTIONARIES}
    foreign: dict[str, set[str]] = defaultdict(set)          # English page -> Swedish words it marks as such
    for doc in docs:
        first_lines, marked = doc.derived("spelling.words", _page_words)
        every[doc.lang].update(first_lines)
        pages.append((doc, first_lines))
        if marked:
            foreign[doc.path].update(marked)

    unknown = {lang: unknown_words(every[lang] | {p for w in every[lang] if "-" in w for p in w.split("-")}, lang)
               for lang in DICTIONARIES}
    swedish_foreign = set().union(*foreign.values()) if foreign else set()
    unknown_in_swedish = unknown_words(swedish_foreign, "sv")
    # Only a word hunspell does not know can be wrong.
    suspect = {lang: {word for word in unknown[lang] if not _accepted(word, unknown[lang], wordlists[lang])}
               for lang in DICTIONARIES}

    # Each wrong word with the pages it is on and the line it first occurs on there: words in the order
    # they first occur in the pages, pages in their order.
    where: dict[str, dict[str, list[tuple[str, int]]]] = {lang: {} for lang in DICTIONARIES}
    for doc, first_lines in pages:
        hits = suspect[doc.lang].intersection(first_lines)
        if not hits:
            continue
        seen = where[doc.lang]
        new = [word for word in hits if word not in seen]
        if len(new) > 1:   # several words first met here: in the order they occur on the page
            new = [word for word in first_lines if word in hits and word not in seen]
        for word in new:
            seen[word] = []
        for word in hits:
            seen[word].append((doc.path, first_lines[word]))

    wrong: dict[str, list[tuple[str, str, int]]] = defaultdict(list)   # lang -> (word, page, line)
    for lang in DICTIONARIES:
        for word, found in where[lang].items():
            for path, number in found:
                if lang == "en" and word in foreign[path] and _accepted(word, unknown_in_swedish, wordlists["sv"]):
                    continue
                wrong[lang].append((word, path, number))

    findings = []
    for lang, items in wrong.items():
        hints = suggestions({word for word, _, _ in items}, lang)
        for word, path, number in items:
            hint = f"did you mean {' / '.join(hints[word])}? " if hints.get(word) else ""
            findings.append(Finding(
                path, number, NAME,
                f"'{word}' is not in the {LANGUAGE_NAMES[lang]} dictionary ({DICTIONARIES[lang]}) or data/wordlist-{lang}.txt",
                f"{hint}correct the spelling, or add the word to data/wordlist-{lang}.txt if it is a real word, "
                f"name or term"))
    return findings
