"""Legal status on the pages: a repealed statute cited as if it still applied, an enacted statute
called a proposal. Both are read against the dates in data/statutes.yml (see statutes.py).

Readers act on what a page says, so the two errors that cost them most are "the duty is in
socialtjänstlagen (2001:453)" (repealed on 2025-07-01) and "the Government has proposed a new
Social Services Act (2025:400)" (in force since the same day). Where the statutes are found is
statutes.py's citation finding (numbers: "SFS 2001:453", "lagen (2001:453)", "Act (2018:1197)"),
plus the names in the registry without a number ("socialtjänstlagen", "the Secrecy Act"); a name two
statutes share (the old and the new socialtjänstlag) counts only where all of them are in the same
state. Amending acts are not matched by name: their names ("lag om ändring i brottsbalken") are
shared with every future amendment.

Rule `repealed-cited-as-current` (an error on approved pages, a warning on drafts): a statute whose
`repealed` date has passed, or an amending act of such a statute, is written
- in a sentence of the text (title, description, headings, paragraphs, list items, table rows) that
  does not also say it is history: a word like "tidigare", "förr", "dåvarande", "gamla", "gällde",
  "upphävd", "ersatt(e)", "inte längre", "fram till", "formerly", "previously", "old", "repealed",
  "replaced", "superseded", "no longer", "until", "applied until", "then in force"; or under a
  heading with such a word ("Tidigare regler", "History");
- in front matter `statutes` or `sources`, when the page cites neither the statute that replaced it
  (`replaced_by`) nor says in that entry that it is history ("Socialtjänstlag (2001:453), upphävd").
A repeal dated later than the check's date has not happened: the statute still applies.

Rule `enacted-called-proposal` (an error on every page): a statute listed with an SFS number is
written in the same sentence as "förslag", "föreslår", "föreslås", "föreslog", "föreslagen",
"lagrådsremiss", "proposal", "proposed", "proposes", and the sentence has no enactment word
("beslutade", "antogs", "infördes", "trädde i kraft", "gäller sedan", "började gälla", "blev",
"enacted", "passed", "adopted", "came into force", "took effect", "in force since", "became law";
not negated: "har inte beslutat", "beslutades inte", "has not been passed" do not count). Allowed: a proposal to change the statute, said
with a word of change in the sentence ("ändring", "ändras", "ersätta", "upphäva", "amend", "change",
"replace", "repeal") or with the statute as the place of the change ("nya brott i brottsbalken",
"a ban in the Act (1982:316)"); for an amending act only the second form counts, since its own name
says "ändring".

A line may opt out with `<!-- ignore-check: law-status -->` (a quotation of an old text).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Iterator

from ..content import prose
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document, derivation
from ..content.review import status as review_status
from . import statutes
from .readability import SENTENCE_END

NAME = "law-status"
REPEALED = "repealed-cited-as-current"
PROPOSAL = "enacted-called-proposal"

HISTORY = re.compile(
    r"\b(?:tidigare|förr|förut|dåvarande|gamla|äldre|gällde|upphäv\w*|ers[aä]tt\w*|inte längre|ej längre"
    r"|fram till|före|historik\w*|formerly|former|previously|earlier|old|older|repealed|replac\w*|supersed\w*"
    r"|no longer|until|before|used to|then in force|histor\w*)\b", re.I)
PROPOSAL_WORD = re.compile(
    r"\b(?:förslag\w*|föreslå\w*|föreslag\w*|föreslog|lagrådsremiss\w*|propos(?:al|als|e|es|ed|ing))\b", re.I)
ENACTED = re.compile(
    r"\b(?:beslutade?s?|beslutats?|beslöt|antog|antogs|antagit|antagits|antagen|antagna|antaget|sa ja|röstade ja"
    r"|infördes|införts|utfärdad\w*|blev"
    r"|trädde i kraft|har trätt i kraft|träder i kraft|började gälla|har börjat gälla|gäller sedan|gäller från"
    r"|har gällt|enacted|passed|adopted|decided|came into force|entered into force|took effect|in force since"
    r"|has applied|have applied|applies since|applied since|has been in force|became law|was introduced"
    r"|were introduced|issued)\b", re.I)
NEGATION = re.compile(r"\b(?:inte|ej|icke|aldrig|not|never|no)\b|n't\b", re.I)
CHANGE = re.compile(r"\b(?:ändr\w*|tillägg\w*|komplett\w*|ers[aä]tt\w*|upphäv\w*|amend\w*|chang\w*|replac\w*"
                    r"|repeal\w*)\b", re.I)
PLACE_OF_CHANGE = re.compile(r"(?:\b(?:i|in|into|to)\s+(?:the\s+|den\s+|det\s+)?)$", re.I)
YEAR = re.compile(r"\d{4}")     # every numbered citation has one: most sentences need no further look
NUMBER_IN_NAME = re.compile(r"\s*\(\d{4}:\d+(?:\s*s\.\s*\d+)?\)")


@dataclass(frozen=True)
class Mention:
    references: frozenset[str]   # the statutes it can mean
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    history_heading: bool        # under a heading that says it is about history


@dataclass(frozen=True)
class Law:
    """What the registry says about statutes, as the two rules need it on one date."""
    registry: dict[str, statutes.Statute]
    today: datetime.date
    names: re.Pattern[str] | None
    by_name: dict[str, frozenset[str]]

    def lapsed(self, reference: str) -> statutes.Statute | None:
        """The repealed statute that makes `reference` no longer apply: itself, or the statute it amends."""
        statute = self.registry.get(reference)
        if statute is None:
            return None
        if statute.is_repealed(self.today):
            return statute
        amended = self.registry.get(statute.amends or "")
        return amended if amended is not None and amended.is_repealed(self.today) else None

    def enacted(self, reference: str) -> bool:
        return reference in self.registry and statutes.CANONICAL_SFS.match(reference) is not None


def _name_forms(name: str) -> str:
    """A regex for a statute's name as pages write it: any case, the Swedish definite forms
    ("socialtjänstlagen", "brottsbalkens"), flexible spaces, an optional hyphen ("offentlighets- och")."""
    words = NUMBER_IN_NAME.sub(" ", name).strip()
    words = re.sub(r"^Swedish\s+", "", words)
    parts = [re.escape(part) for part in words.split()]
    if len(parts) > 1 and parts[0].lower() in ("lag", "förordning"):
        parts[0] = parts[0] + r"(?:en|ens)?"          # "Lag (1991:483) om fingerade …" -> "lagen om fingerade …"
    elif re.search(r"(?:lag|balk|förordning|kungörelse)$", words, re.I):
        parts[-1] = parts[-1] + r"(?:en|ens|n|ns)?"
    return r"\s+".join(parts).replace(r"\-", r"-?")


def law_on(today: datetime.date, registry: dict[str, statutes.Statute]) -> Law:
    by_name: dict[str, set[str]] = {}
    for statute in registry.values():
        if statute.amends or not statutes.CANONICAL_SFS.match(statute.reference):
            continue
        for name in (statute.sv, statute.en):
            by_name.setdefault(_name_forms(name), set()).add(statute.reference)
    # Longest first, so that "offentlighets- och sekretesslagen" is one name, not "sekretesslagen".
    ordered = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(f"(?P<n{i}>{form})" for i, form in enumerate(ordered))
    names = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.I) if ordered else None
    keyed = {f"n{i}": frozenset(by_name[form]) for i, form in enumerate(ordered)}
    return Law(registry, today, names, keyed)


def mentions(text: str, law: Law) -> list[Mention]:
    """Every statute written in a text: by number (statutes.py's citation finding) or by name."""
    numbered = statutes.text_citations(text, "", None, "body")[0] if YEAR.search(text) else []
    found = [Mention(frozenset({c.reference}), *c.span) for c in numbered if c.span]
    if law.names is None:
        return found
    for match in law.names.finditer(text):
        overlapping = [m for m in found if m.start < match.end() and match.start() < m.end]
        if not overlapping:
            found.append(Mention(law.by_name[match.lastgroup or ""], match.start(), match.end()))
            continue
        # "the Criminal Code (1962:700)": one mention from the name's start, meaning what the number says.
        for mention in overlapping:
            found[found.index(mention)] = Mention(mention.references, min(mention.start, match.start()),
                                                  max(mention.end, match.end()))
    return found


def _enactment_said(text: str) -> bool:
    """An enactment word that is not negated: "har inte beslutat", "has not been passed" (before it) and
    "beslutades inte", "blev aldrig lag" (Swedish puts the negation after the verb) do not count."""
    for match in ENACTED.finditer(text):
        around = text[:match.start()].split()[-3:] + text[match.end():].split()[:2]
        if not NEGATION.search(" ".join(around)):
            return True
    return False


def sentences(doc: Document) -> Iterator[Sentence]:
    """The sentences a reader reads, with the line each starts on: paragraphs, list items, table
    rows, headings, title and description (content.prose), split like the readability check."""
    history_heading = False
    blocks: dict[int, list[prose.Line]] = {}
    for line in prose.lines(doc):
        blocks.setdefault(line.block, []).append(line)
    for block in blocks.values():
        if any(NAME in line.ignore for line in block):
            continue
        if block[0].kind == "heading":
            history_heading = bool(HISTORY.search(block[0].text))
        text, starts = "", []
        for line in block:
            starts.append((len(text), line.number))
            text += line.text + " "
        position = 0
        for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
            piece = text[position:end].strip()
            if piece:
                line = max((n for offset, n in starts if offset <= position), default=block[0].number)
                yield Sentence(piece, line, history_heading and block[0].kind != "heading")
            position = end


def _name(statute: statutes.Statute, lang: str | None) -> str:
    """'Socialtjänstlag (SFS 2001:453)': the name in the page's language, the reference once."""
    name = NUMBER_IN_NAME.sub("", statute.en if lang == "en" else statute.sv).strip()
    return f"{name} ({statute.reference})"


def _repealed_finding(doc: Document, line: int | None, field: str, statute: statutes.Statute,
                      lapsed: statutes.Statute, law: Law, where: str) -> Finding:
    successor = law.registry.get(lapsed.replaced_by or "")
    via = "" if lapsed is statute else f", which amends {_name(lapsed, doc.lang)},"
    replaced = f" and replaced by {_name(successor, doc.lang)}" if successor else ""
    if where == "body":
        fix = ("say in the same sentence that it is history (e.g. 'tidigare', 'upphävd', 'ersattes av', "
               "'formerly', 'repealed') or cite " + (successor.reference if successor else "the law that applies now"))
    else:
        fix = (f"cite {successor.reference} on the page too, or mark the entry as history (e.g. 'upphävd {lapsed.repealed}')"
               if successor else f"mark the entry as history (e.g. 'upphävd {lapsed.repealed}')")
    severity = "error" if review_status(doc.meta) == "approved" else "warning"
    return Finding(doc.path, line, field,
                   f"{REPEALED}: cites {_name(statute, doc.lang)}{via} as if it still applied; "
                   f"it was repealed {lapsed.repealed}{replaced}", fix, severity)


def _front_matter(doc: Document, law: Law) -> list[Finding]:
    citations = statutes.citations_of(doc)[0]
    cited = {c.reference for c in citations}
    findings = []
    for citation in citations:
        if citation.where not in ("statutes", "sources") or citation.item is None:
            continue
        lapsed = law.lapsed(citation.reference)
        if lapsed is None or (lapsed.replaced_by and lapsed.replaced_by in cited):
            continue
        entry = (doc.meta.get(citation.where) or [])[citation.item]
        entry_text = " ".join(str(v) for v in entry.values() if isinstance(v, str)) if isinstance(entry, dict) else ""
        if HISTORY.search(entry_text):
            continue
        findings.append(_repealed_finding(doc, citation.line, f"{citation.where}[{citation.item + 1}]",
                                          law.registry[citation.reference], lapsed, law, "front matter"))
    return findings


def _proposal_finding(doc: Document, sentence: Sentence, statute: statutes.Statute) -> Finding:
    since = f", in force since {statute.in_force}" if statute.in_force else ""
    return Finding(doc.path, sentence.line, "body",
                   f"{PROPOSAL}: calls {_name(statute, doc.lang)} a proposal, but it is "
                   f"enacted{since}",
                   "if the sentence is about a proposal to change it, say so ('föreslår en ändring i …', "
                   "'proposes to amend …'); if it is about the statute itself, say it applies ('gäller sedan …', "
                   "'in force since …') or take the proposal word out; keep a proposal and the law it became in "
                   "separate sentences")


def _proposal_problems(doc: Document, sentence: Sentence, found: list[Mention], law: Law) -> list[Finding]:
    if not PROPOSAL_WORD.search(sentence.text) or _enactment_said(sentence.text):
        return []
    change = CHANGE.search(sentence.text) is not None
    findings = []
    for mention in found:
        refs = sorted(mention.references)
        if not all(law.enacted(ref) for ref in refs):
            continue
        is_amendment = all(law.registry[ref].amends for ref in refs)
        if (change and not is_amendment) or PLACE_OF_CHANGE.search(sentence.text[:mention.start]):
            continue
        findings.append(_proposal_finding(doc, sentence, law.registry[refs[-1]]))
    return findings


def _text(doc: Document, law: Law) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in sentences(doc):
        found = mentions(sentence.text, law)
        if not found:
            continue
        history = sentence.history_heading or HISTORY.search(sentence.text) is not None
        for mention in found:
            lapsed = [law.lapsed(ref) for ref in mention.references]
            if history or not lapsed or not all(lapsed):
                continue
            reference = sorted(mention.references)[0]
            findings.append(_repealed_finding(doc, sentence.line, "body", law.registry[reference], lapsed[0], law, "body"))
        findings += _proposal_problems(doc, sentence, found, law)
    return findings


def check_document(doc: Document, law: Law) -> list[Finding]:
    """Both rules on one page, one finding per statute and sentence (or front matter entry)."""
    return sorted(set(_front_matter(doc, law) + _text(doc, law)), key=lambda f: (f.line or 0, f.message))


def run(corpus: Corpus, today: datetime.date) -> list[Finding]:
    registry, _ = statutes.load_registry()   # its problems are the statutes check's to report
    law = law_on(today, registry)
    # A page is read again only when it, the day or data/statutes.yml changed (`make serve` checks at every save).
    name = derivation("law_status", (today, sorted(registry.items())))
    findings = []
    for doc in corpus.docs:
        findings += doc.derived(name, lambda page: check_document(page, law))
    return findings
