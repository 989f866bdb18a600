"""The browser editor's configuration (Decap CMS), generated from the content model.

Every field comes from data/frontmatter.schema.json (names, required fields, enums, patterns,
lengths, which fields only one type has), the select options and their labels from
data/vocabularies.yml, and the sections a new page starts with from data/content-types.yml:
nothing about the fields is written by hand here, only the Swedish words the form shows.

One collection per content type, in the folder where `make new` puts that type
(docs/<listing>/), plus one for each other folder that holds ordinary pages (docs/om/, docs/stod/
…). Both languages are edited side by side and written as <slug>.sv.md and <slug>.en.md
(Decap's i18n `multiple_files`). `review.status` is the editorial state: the lists filter and group
by it. Field problems get the build's own words: each pattern's message is what the build's
validator (schema_check) says about a value that breaks it.

`python -m portal.content.cms_config --production --repo ORG/NAME` prints the configuration for
the hosted editor (GitHub backend, editorial workflow); `make edit` serves the local one. The
production build never imports this module.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from . import changes, scaffold, schema_check
from .change_entry import NOTE_FIRST
from .datafiles import ROOT, load_schema
from .frontmatter import LANG_SUFFIX, read
from .translation import revision
from .vocabulary import SCHEMA_ENUMS, vocabularies

LOCALES = ["sv", "en"]
DEFAULT_LOCALE = "sv"
MEDIA_FOLDER = "docs/bilder"   # Decap requires one; the local endpoint refuses uploads (see cms_server)

# Swedish words of the form, per field path. Everything else comes from the schema.
FIELD_LABELS = {
    "id": "Id (sidans adress)", "type": "Innehållstyp", "title": "Rubrik", "description": "Beskrivning",
    "keywords": "Sökord", "do_now": "Gör detta nu", "audiences": "Målgrupper", "topics": "Ämnen", "owner": "Ansvarig",
    "review": "Granskning", "review.status": "Status", "review.reviewed_by": "Granskad av",
    "review.last_reviewed": "Senast granskad", "review.next_review": "Nästa granskning",
    "review.note": "Att granska", "sources": "Källor", "sources.title": "Titel", "sources.issuer": "Utgivare",
    "sources.year": "År", "sources.reference": "Referens", "sources.url": "Webbadress (https://)",
    "translation": "Översättning", "statutes": "Författningar", "statutes.reference": "Referens",
    "statutes.name": "Namn", "statutes.provision": "Bestämmelse", "statutes.in_force": "I kraft från",
    "roles": "Roller", "hide": "Dölj på sidan", "listing": "Lista", "listing.of": "Lista över",
    "listing.term": "Term", "body": "Text",
    "changes": "Ändringar", "changes.date": "Datum", "changes.kind": "Slag av ändring",
    "changes.note": "Vad ändrades", "changes.revision": "Textversion",
}
FIELD_HINTS = {
    "id": "Små bokstäver a–z, siffror och bindestreck. Samma på svenska och engelska. "
          "Blir filens namn. Ändra den aldrig när sidan är publicerad.",
    "description": "En eller två meningar, 20–160 tecken. Visas i sökträffar och när sidan delas.",
    "keywords": "Ord som läsare kan söka på: vardagsord, förkortningar. Ett ord eller uttryck per rad.",
    "do_now": "Två till fem korta steg ur sidans egna avsnitt, ett per rad, på sidans språk.",
    "review.status": "Utkast och sidor under granskning visas bara i förhandsgranskningen. "
                     "Godkänd kräver Granskad av och Senast granskad.",
    "review.next_review": "Tomt betyder 12 månader efter Senast granskad.",
    "review.note": "Vad granskaren ska kontrollera innan sidan godkänns.",
    "sources": "Varje källa behöver en referens (t.ex. prop. 2019/20:131) eller en https://-adress.",
    "statutes.reference": "Officiell beteckning, t.ex. SFS 1962:700.",
    "statutes.provision": "Kapitel och paragraf, t.ex. 4 kap. 4 c §.",
    "changes": "Nyaste överst. När du ändrar texten på en publicerad sida: lägg till en ändring överst. "
               "Större: läsare bör få veta det (visas under Ändringar och i nyhetsflödena). "
               "Mindre: stavfel och formuleringar. Skriv på sidans språk.",
    "changes.note": "En eller två meningar om vad som ändrades, 3–300 tecken, utan HTML.",
    "body": "Markdown: `## Rubrik`, `- punkt`, `**fetstil**`, `[länktext](adress)`. "
            "Rubrikerna som finns från början måste stå kvar.",
}
# Labels of values that no vocabulary names (vocabularies.yml labels the rest).
VALUE_LABELS = {"hide": {"navigation": "Navigering", "toc": "Innehållsförteckning", "footer": "Sidfot"},
                "changes.kind": {"major": "Större – läsare bör få veta det", "minor": "Mindre – stavfel, formuleringar"}}
# field -> the vocabulary (data/vocabularies.yml) that labels its values
VOCABULARY_OF = {path[0]: name for name, path in SCHEMA_ENUMS.items()} | {"review.status": "review_statuses"}
# Fields with one value for both languages (the rest are written per language).
SHARED = {"id", "type", "audiences", "topics", "owner", "roles", "hide"}
# Long text: a text area rather than one line.
TEXT_FIELDS = {"description", "review.note", "changes.note"}
# Fields the form leaves alone (kept as written): listings are set up once, by a developer.
NOT_IN_FORM = {"listing"}
DATE_FORMAT = "YYYY-MM-DD"
FORMAT = "portal-frontmatter"   # editor/portal.js: the layout the build expects, no empty fields
# What one item of a list is called ("Lägg till källa").
ITEM_LABELS = {"sources": "källa", "statutes": "författning", "keywords": "sökord", "do_now": "steg",
               "changes": "ändring"}
SAMPLE = "…"   # a value that breaks every pattern of the schema, to ask the validator for its message
ROOT_LABEL = "Sidor överst"   # the collection of pages directly under docs/


def _type_only_fields(schema: dict[str, Any]) -> dict[str, str]:
    """Fields the schema allows on one type only ({'statutes': 'legal', 'roles': 'joint-guidance'})."""
    only = {}
    for rule in schema.get("allOf", []):
        page_type = rule.get("if", {}).get("properties", {}).get("type", {}).get("const")
        for name in rule.get("then", {}).get("required", []):
            if page_type and {"required": [name]} == rule.get("else", {}).get("not"):
                only[name] = page_type
    return only


def _sample(schema: dict[str, Any], parts: list[str], value: Any) -> tuple[Any, str]:
    """Front matter holding `value` at the form field `parts` (e.g. ['sources', 'url'], ['keywords', 'item']
    for one item of a list of values), and the path the validator names it by ('.sources[0].url')."""
    if not parts:
        return value, ""
    if schema.get("type") == "array":
        inner, path = _sample(schema["items"], parts[1:] if parts[0] == "item" else parts, value)
        return [inner], "[0]" + path
    inner, path = _sample(schema["properties"][parts[0]], parts[1:], value)
    return {parts[0]: inner}, f".{parts[0]}{path}"


def _build_message(dotted: str, value: Any) -> str:
    """What the build says about `value` in the form field `dotted` (e.g. 'sources.url'), without the value."""
    meta, path = _sample(load_schema(), dotted.split("."), value)
    for finding in schema_check.check_meta(meta):
        if finding.field == path.lstrip("."):
            message = finding.message.replace(f"'{value}' ", "")
            return f"{message} — {finding.fix}" if finding.fix else message
    raise ValueError(f"the validator has no message for {dotted}={value!r}")


def _text_rule(dotted: str, prop: dict[str, Any]) -> list[str] | None:
    """Decap's pattern [regex, message] for a string field's pattern and length, in the build's words."""
    low, high, pattern = prop.get("minLength"), prop.get("maxLength"), prop.get("pattern")
    if not (pattern or low or high):
        return None
    # One message per field (Decap has one): the pattern's when there is one (an id of 81 letters is
    # rare; the save is then refused with the build's line), else what is too short and too long.
    if pattern:
        messages = [_build_message(dotted, SAMPLE)]
    else:
        messages = ([_build_message(dotted, "x" * (low - 1))] if low else []) + \
                   ([_build_message(dotted, "x" * (high + 1))] if high else [])
    # Decap tests RegExp(regex).test(value): the length as a lookahead, then the schema's pattern
    # (JSON Schema patterns search anywhere unless anchored).
    regex = "^" + (f"(?=[\\s\\S]{{{low or 0},{high or ''}}}$)" if (low or high) else "")
    if pattern:
        body = pattern.removeprefix("^").removesuffix("$")
        regex += ("" if pattern.startswith("^") else "[\\s\\S]*?") + f"(?:{body})" + ("$" if pattern.endswith("$") else "")
    return [regex, "; ".join(messages)]


def _options(dotted: str, values: list[str]) -> list[dict[str, str]]:
    vocabulary = VOCABULARY_OF.get(dotted)
    labels = ({term: entry["sv"] for term, entry in vocabularies()[vocabulary].items()} if vocabulary
              else VALUE_LABELS.get(dotted, {}))
    return [{"label": labels.get(value, value), "value": value} for value in values]


def _field(name: str, prop: dict[str, Any], parent: str, required: bool, i18n: Any) -> dict[str, Any]:
    dotted = f"{parent}.{name}" if parent else name
    field: dict[str, Any] = {"name": name, "label": FIELD_LABELS.get(dotted, name), "required": required,
                             "i18n": i18n}
    hint = FIELD_HINTS.get(dotted)
    if hint:
        field["hint"] = hint
    if dotted in ITEM_LABELS:
        field["label_singular"] = ITEM_LABELS[dotted]
    items = prop.get("items", {})
    if "enum" in prop:
        field.update(widget="select", options=_options(dotted, prop["enum"]))
    elif prop.get("type") == "array" and "enum" in items:
        field.update(widget="select", multiple=True, options=_options(dotted, items["enum"]))
        if prop.get("minItems"):
            field["min"] = prop["minItems"]
    elif prop.get("format") == "date":
        field.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT, time_format=False,
                     picker_utc=True)
    elif prop.get("type") == "integer":
        field.update(widget="number", value_type="int", min=prop.get("minimum"), max=prop.get("maximum"))
        field = {k: v for k, v in field.items() if v is not None}
    elif prop.get("type") == "object":
        inner = set(prop.get("required", []))
        field.update(widget="object", collapsed=False, fields=[
            _field(key, sub, dotted, key in inner, i18n) for key, sub in prop.get("properties", {}).items()])
    elif prop.get("type") == "array" and items.get("type") == "object":
        inner = set(items.get("required", []))
        field.update(widget="list", collapsed=False, fields=[
            _field(key, sub, dotted, key in inner, i18n) for key, sub in items.get("properties", {}).items()])
        field.update({key: prop[limit] for key, limit in (("min", "minItems"), ("max", "maxItems")) if limit in prop})
    elif prop.get("type") == "array":
        # One input per item (Decap's list without `field` splits one line at commas).
        item = _field("item", items, dotted, True, i18n)
        item["label"] = ITEM_LABELS.get(dotted, FIELD_LABELS.get(dotted, name))
        field.update(widget="list", field=item)
        field.update({key: prop[limit] for key, limit in (("min", "minItems"), ("max", "maxItems")) if limit in prop})
    else:
        field["widget"] = "text" if dotted in TEXT_FIELDS else "string"
        rule = _text_rule(dotted, prop)
        if rule:
            field["pattern"] = rule
    return field


def _changes_field(prop: dict[str, Any]) -> dict[str, Any]:
    """The change history, per language, newest first: a new change is added at the top. The widget
    (editor/portal.js) starts a new page with its first entry in the pane's language, dated the day it
    is written; `revision` is kept as written and filled in when the file is saved (portal.js), so that
    `make check` can tell whether the text changed after the entry."""
    # Not required, no minimum: Decap checks a list's minimum in every language, so a page written only in
    # Swedish could not be saved. `make check` asks approved pages for their history instead.
    field = _field("changes", prop, "", False, True)
    field.pop("min", None)
    field.update(widget="portal-changes", add_to_top=True, collapsed=True, summary="{{fields.date}} – {{fields.note}}",
                 defaults={lang: [{"kind": changes.MAJOR, "note": NOTE_FIRST[lang]}] for lang in LOCALES})
    field["fields"] = [{"name": "revision", "label": FIELD_LABELS["changes.revision"], "widget": "hidden",
                        "required": False, "i18n": True} if sub["name"] == "revision" else sub
                       for sub in field["fields"]]
    return field


def fields(page_type: str, docs_depth: int) -> list[dict[str, Any]]:
    """The form of one content type, in the schema's order (the order Decap writes the keys in)."""
    schema = load_schema()
    only = _type_only_fields(schema)
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema["properties"].items():
        if name in NOT_IN_FORM or only.get(name, page_type) != page_type:
            continue
        i18n = "duplicate" if name in SHARED else True
        if name == "type":
            out.append({"name": "type", "label": FIELD_LABELS["type"], "widget": "hidden", "default": page_type,
                        "i18n": "duplicate"})
        elif name == "translation":
            # English only: the widget (editor/widgets.js) records which Swedish text the English one
            # translates; a new page starts as a translation of the pre-filled Swedish sections, so it is
            # marked out of date as soon as the Swedish text is written, until the editor marks it.
            out.append({"name": "translation", "label": FIELD_LABELS["translation"], "widget": "portal-translation",
                        "required": False, "i18n": True,
                        "new_page_revision": revision(scaffold.body(page_type, DEFAULT_LOCALE))})
        elif name == "changes":
            out.append(_changes_field(prop))
        else:
            field = _field(name, prop, "", name in required or only.get(name) == page_type, i18n)
            if name == "id":
                # The comment keeps the line editors' YAML support reads ($schema), as `make new` writes it.
                field["comment"] = "yaml-language-server: $schema=" + "../" * docs_depth + "data/frontmatter.schema.json"
            out.append(field)
    out.append({"name": "body", "label": FIELD_LABELS["body"], "widget": "portal-body", "modes": ["raw"],
                "i18n": True, "hint": FIELD_HINTS["body"],
                "defaults": {lang: scaffold.body(page_type, lang).lstrip("\n") for lang in LOCALES}})
    return out


def _other_folders(docs_dir: Path) -> list[tuple[str, str, str]]:
    """(folder under docs/, type, label) for each folder holding pages of a type outside the type's own
    folder (docs/om/, docs/stod/ … for ordinary pages). Listing pages alone do not make a collection:
    they are set up by a developer."""
    types = vocabularies()["types"]
    found: dict[tuple[str, str], str] = {}
    for path in sorted(docs_dir.rglob(f"*.{DEFAULT_LOCALE}.md")):
        folder = path.parent.relative_to(docs_dir).as_posix()
        folder = "" if folder == "." else folder
        doc, _ = read(str(path), str(path), path.name)
        page_type = doc.meta.get("type") if doc is not None else None
        if page_type not in types or folder == types[page_type]["listing"] or "listing" in doc.meta \
                or (folder, page_type) in found:
            continue
        index = path.parent / f"index.{DEFAULT_LOCALE}.md"
        title, _ = read(str(index), str(index), index.name) if index.exists() else (None, None)
        found[(folder, page_type)] = (str(title.meta.get("title")) if title is not None else folder) if folder else ROOT_LABEL
    return [(folder, page_type, label) for (folder, page_type), label in sorted(found.items())]


def _collection(name: str, label: str, folder: str, page_type: str, create: bool,
                preview_url: str | None) -> dict[str, Any]:
    depth = folder.count("/") + 1
    statuses = load_schema()["properties"]["review"]["properties"]["status"]["enum"]
    collection = {
        "name": name, "label": label, "label_singular": label, "folder": folder, "create": create,
        "delete": False, "extension": "md", "format": FORMAT, "i18n": True,
        "filter": {"field": "type", "value": page_type},
        "slug": "{{fields.id}}", "identifier_field": "title",
        # The lists filter by the editorial state under its Swedish names. (Decap's summaries and groups
        # would show the raw values, "approved", so the state is not in them.)
        "summary": "{{title}}",
        "sortable_fields": ["title", "review.last_reviewed"],
        "view_filters": [{"label": option["label"], "field": "review.status", "pattern": f"^{option['value']}$"}
                         for option in _options("review.status", statuses)],
        "editor": {"preview": False},
        "fields": fields(page_type, depth),
    }
    if preview_url:
        collection["preview_path"] = folder.removeprefix("docs").strip("/") + ("/" if folder != "docs" else "") + "{{slug}}/"
    return collection


def collections(docs_dir: Path = ROOT / "docs", preview_url: str | None = None) -> list[dict[str, Any]]:
    """One collection per content type, then one per other folder holding pages of a type."""
    types = vocabularies()["types"]
    out = [_collection(page_type, entry["sv"], f"docs/{entry['listing']}", page_type, True, preview_url)
           for page_type, entry in types.items()]
    for folder, page_type, label in _other_folders(docs_dir):
        name = ("sidor" if page_type == "page" else page_type) + "-" + (re.sub(r"[^a-z0-9]+", "-", folder) or "start")
        out.append(_collection(name, f"{types[page_type]['sv']}: {label}", f"docs/{folder}".rstrip("/"), page_type,
                               False, preview_url))
    return out


def _common(docs_dir: Path, preview_url: str | None) -> dict[str, Any]:
    return {
        "locale": DEFAULT_LOCALE,
        "i18n": {"structure": "multiple_files", "locales": LOCALES, "default_locale": DEFAULT_LOCALE},
        "media_folder": MEDIA_FOLDER, "public_folder": "/" + MEDIA_FOLDER.removeprefix("docs/"),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(docs_dir, preview_url),
    }


def local_config(proxy_url: str, preview_url: str | None = None, docs_dir: Path = ROOT / "docs") -> dict[str, Any]:
    """`make edit`: the working copy through the local endpoint, saved straight into docs/."""
    config = {"backend": {"name": "proxy", "proxy_url": proxy_url, "branch": "main"}, **_common(docs_dir, preview_url)}
    if preview_url:
        config["site_url"] = config["display_url"] = preview_url
    return config


def production_config(repo: str, branch: str = "main", base_url: str | None = None,
                      auth_endpoint: str | None = None, docs_dir: Path = ROOT / "docs") -> dict[str, Any]:
    """The hosted editor: GitHub backend, editorial workflow (every change becomes a pull request)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo):
        raise ValueError(f"--repo {repo!r} is not ORG/NAME — give the GitHub repository, e.g. nationellt-centrum/portal")
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch,
                               "squash_merges": True, "cms_label_prefix": "redaktion/"}
    if base_url:
        backend["base_url"] = base_url
    if auth_endpoint:
        backend["auth_endpoint"] = auth_endpoint
    return {"backend": backend, "publish_mode": "editorial_workflow", **_common(docs_dir, None)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.content.cms_config", description=__doc__.split("\n")[0])
    parser.add_argument("--production", action="store_true", help="the hosted editor's configuration")
    parser.add_argument("--repo", help="GitHub repository ORG/NAME (production)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--base-url", help="the OAuth server's address (production)", type=lambda v: v or None)
    parser.add_argument("--auth-endpoint", help="its path, e.g. auth (production)")
    parser.add_argument("--proxy-url", default="/api/v1", help="the local endpoint (local)")
    parser.add_argument("--out", help="write the hosted editor (page, scripts, Decap CMS, config.yml) into this folder")
    args = parser.parse_args(argv)
    try:
        if args.production:
            if not args.repo:
                parser.error("--production needs --repo ORG/NAME")
            config = production_config(args.repo, args.branch, args.base_url, args.auth_endpoint)
        else:
            config = local_config(args.proxy_url)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.out:
        from . import cms_server   # it serves the same files to `make edit`
        try:
            written = cms_server.write_bundle(Path(args.out), config)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Wrote the editor to {args.out}/ ({len(written)} files): serve it over HTTPS on its own address.")
        return 0
    json.dump(config, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
