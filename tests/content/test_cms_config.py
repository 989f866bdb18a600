"""The editor's configuration follows the content model: every field, option, pattern and pre-filled
section comes from data/, and its messages are the build's own."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from portal.content import cms_config, scaffold, schema_check
from portal.content.datafiles import load_schema, load_yaml, CONTENT_TYPES_PATH
from portal.content.translation import revision
from portal.content.vocabulary import vocabularies

SCHEMA = load_schema()


def local() -> dict:
    return cms_config.local_config("/api/v1")


def collection(name: str, config: dict | None = None) -> dict:
    return next(c for c in (config or local())["collections"] if c["name"] == name)


def field(fields: list[dict], dotted: str) -> dict:
    head, _, rest = dotted.partition(".")
    found = next(f for f in fields if f["name"] == head)
    return field(found["fields"], rest) if rest else found


def test_one_collection_per_content_type_in_the_folder_make_new_uses() -> None:
    for page_type, entry in vocabularies()["types"].items():
        c = collection(page_type)
        assert c["folder"] == f"docs/{entry['listing']}" and c["create"] is True
        assert c["filter"] == {"field": "type", "value": page_type}
        assert c["label"] == entry["sv"]


def test_two_languages_as_sibling_files_side_by_side() -> None:
    config = local()
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["sv", "en"], "default_locale": "sv"}
    assert config["locale"] == "sv"
    assert all(c["i18n"] is True and c["format"] == "portal-frontmatter" for c in config["collections"])


def test_every_schema_field_is_in_the_form_in_schema_order() -> None:
    names = [f["name"] for f in collection("typology")["fields"]]
    expected = [name for name in SCHEMA["properties"] if name not in cms_config.NOT_IN_FORM
                and name not in ("statutes", "roles")]
    assert names == expected + ["body"]


def test_fields_of_one_type_only_appear_on_that_type() -> None:
    assert "statutes" in [f["name"] for f in collection("legal")["fields"]]
    assert "roles" in [f["name"] for f in collection("joint-guidance")["fields"]]
    for other in ("guidance", "typology", "page"):
        names = [f["name"] for f in collection(other)["fields"]]
        assert "statutes" not in names and "roles" not in names
    assert field(collection("legal")["fields"], "statutes")["required"] is True


def test_required_fields_follow_the_schema() -> None:
    fields = collection("guidance")["fields"]
    for name in SCHEMA["required"]:
        if name != "type":
            assert field(fields, name)["required"] is True, name
    assert field(fields, "keywords")["required"] is False
    assert field(fields, "review.status")["required"] is True
    assert field(fields, "review.reviewed_by")["required"] is False
    assert field(fields, "sources.title")["required"] is True and field(fields, "sources.url")["required"] is False


def test_vocabularies_are_select_widgets_with_swedish_labels() -> None:
    fields = collection("joint-guidance")["fields"]
    for name, vocabulary in (("audiences", "audiences"), ("topics", "topics"), ("roles", "roles")):
        f = field(fields, name)
        assert f["widget"] == "select" and f["multiple"] is True
        assert [o["value"] for o in f["options"]] == list(vocabularies()[vocabulary])
        assert [o["label"] for o in f["options"]] == [t["sv"] for t in vocabularies()[vocabulary].values()]
    assert field(fields, "roles")["min"] == 2 and field(fields, "audiences")["min"] == 1
    assert field(fields, "owner")["options"][0]["value"] == "nationellt-centrum"


def test_review_status_is_the_editorial_state() -> None:
    c = collection("typology")
    status = field(c["fields"], "review.status")
    values = SCHEMA["properties"]["review"]["properties"]["status"]["enum"]
    assert [o["value"] for o in status["options"]] == values
    assert [o["label"] for o in status["options"]] == [vocabularies()["review_statuses"][v]["sv"] for v in values], \
        "every status of the schema has its labels in data/vocabularies.yml (review_statuses)"
    assert [f["pattern"] for f in c["view_filters"]] == [f"^{v}$" for v in values]


def test_every_field_has_a_swedish_label() -> None:
    def walk(fields: list[dict]) -> None:
        for f in fields:
            assert f["label"] != f["name"], f"no Swedish label for {f['name']}: add it to cms_config.FIELD_LABELS"
            walk(f.get("fields", []))
    for c in local()["collections"]:
        walk(c["fields"])


def test_shared_fields_are_duplicated_and_the_rest_written_per_language() -> None:
    fields = collection("legal")["fields"]
    for name in ("id", "type", "audiences", "topics", "owner"):
        assert field(fields, name)["i18n"] == "duplicate", name
    for name in ("title", "description", "keywords", "review", "review.status", "sources", "sources.title",
                 "statutes", "statutes.name", "translation", "body"):
        assert field(fields, name)["i18n"] is True, name


def test_dates_are_written_as_yyyy_mm_dd() -> None:
    for dotted in ("review.last_reviewed", "review.next_review", "statutes.in_force"):
        f = field(collection("legal")["fields"], dotted)
        assert (f["widget"], f["format"], f["time_format"]) == ("datetime", "YYYY-MM-DD", False)
        assert "default" not in f, "an empty default would be written as ''"


def test_the_change_history_is_a_list_per_language_newest_first() -> None:
    for c in local()["collections"]:
        changes = field(c["fields"], "changes")
        assert (changes["widget"], changes["i18n"], changes["add_to_top"], changes["max"]) == \
            ("portal-changes", True, True, 100)
        assert [f["name"] for f in changes["fields"]] == ["date", "kind", "note", "revision"]
        date = field(c["fields"], "changes.date")
        assert (date["widget"], date["format"], date["required"]) == ("datetime", "YYYY-MM-DD", True)
        kind = field(c["fields"], "changes.kind")
        assert [o["value"] for o in kind["options"]] == ["major", "minor"]
        assert all(o["label"] != o["value"] for o in kind["options"])   # in Swedish
        note = field(c["fields"], "changes.note")
        assert note["widget"] == "text" and note["pattern"][0] == "^(?=[\\s\\S]{3,300}$)"
        assert field(c["fields"], "changes.revision")["widget"] == "hidden"   # written by portal.js, kept
        assert changes["defaults"] == {"sv": [{"kind": "major", "note": "Sidan publicerades."}],
                                       "en": [{"kind": "major", "note": "Page published."}]}


def test_new_pages_start_with_the_required_sections_in_each_language() -> None:
    types = load_yaml(CONTENT_TYPES_PATH)
    for page_type in types:
        body = field(collection(page_type)["fields"], "body")
        assert body["widget"] == "portal-body" and body["modes"] == ["raw"]
        for lang in ("sv", "en"):
            headings = re.findall(r"^## (.+)$", body["defaults"][lang], re.M)
            assert headings == list(types[page_type][lang]), (page_type, lang)


def test_a_new_english_page_translates_the_pre_filled_swedish_text() -> None:
    translation = field(collection("guidance")["fields"], "translation")
    assert translation["widget"] == "portal-translation"
    assert translation["new_page_revision"] == revision(scaffold.body("guidance", "sv"))


def test_the_schema_line_for_editors_yaml_support_matches_the_folder_depth() -> None:
    assert field(collection("typology")["fields"], "id")["comment"] == \
        "yaml-language-server: $schema=../../data/frontmatter.schema.json"
    start = collection("sidor-start")
    assert start["folder"] == "docs"
    assert field(start["fields"], "id")["comment"] == "yaml-language-server: $schema=../data/frontmatter.schema.json"


@pytest.mark.parametrize("dotted,value", [
    ("id", "Hot Om Resa"), ("title", "ab"), ("title", "x" * 121), ("description", "kort"),
    ("description", "x" * 200), ("sources.url", "http://example.org/"), ("review.reviewed_by", "A"),
])
def test_pattern_messages_are_the_builds_words(dotted: str, value: str) -> None:
    """A value the form rejects is rejected by the build, which says what the form says."""
    f = field(collection("guidance")["fields"], dotted)
    regex, message = f["pattern"]
    assert not re.search(regex, value), f"the form accepts {value!r} for {dotted}"
    build = " ".join(cms_config._build_message(dotted, value).split())
    for part in message.split("; "):
        if re.sub(r"\d+", "", part.split(" — ")[-1]) == re.sub(r"\d+", "", build.split(" — ")[-1]):
            break
    else:
        pytest.fail(f"{dotted}: the form says {message!r}, the build {build!r}")


@pytest.mark.parametrize("dotted,value", [
    ("id", "hot-om-resa"), ("title", "Resan"), ("description", "En flicka berättar om en resa i sommar."),
    ("sources.url", "https://www.riksdagen.se/"), ("review.reviewed_by", "Portalredaktionen"),
])
def test_the_form_accepts_what_the_build_accepts(dotted: str, value: str) -> None:
    regex, _ = field(collection("guidance")["fields"], dotted)["pattern"]
    assert re.search(regex, value), f"the form rejects {value!r} for {dotted}"


def test_the_form_message_for_an_id_is_the_line_the_build_prints() -> None:
    _, message = field(collection("typology")["fields"], "id")["pattern"]
    finding = next(f for f in schema_check.check_meta({"id": "Hot Om Resa"}) if f.field == "id")
    assert message == f"{finding.message} — {finding.fix}".replace("'Hot Om Resa' ", "")
    assert not re.search(regex_of("id"), "x" * 81), "the length limit is checked too"


def regex_of(dotted: str) -> str:
    return field(collection("typology")["fields"], dotted)["pattern"][0]


def test_ordinary_pages_outside_the_type_folders_get_their_own_collection(tmp_path: Path) -> None:
    docs = tmp_path / "docs"

    def page(rel: str, page_id: str, title: str, page_type: str = "page", extra: str = "") -> None:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f'---\nid: {page_id}\ntype: {page_type}\ntitle: "{title}"\n{extra}---\n', encoding="utf-8")

    page("om/index.sv.md", "om", "Om portalen", extra="listing: {of: types}\n")
    page("om/kakor.sv.md", "kakor", "Kakor")
    page("typfall/index.sv.md", "typfall", "Typfall", extra="listing: {of: type, term: typology}\n")
    page("typfall/resan.sv.md", "resan", "Resan", "typology")
    page("amnen/index.sv.md", "amnen", "Ämnen", extra="listing: {of: topics}\n")
    names = {c["name"]: c for c in cms_config.collections(docs)}
    assert names["sidor-om"]["folder"] == "docs/om" and names["sidor-om"]["create"] is False
    assert names["sidor-om"]["label"] == "Sida: Om portalen"
    extra = sorted(set(names) - set(vocabularies()["types"]))
    assert extra == ["sidor-om"], "a type's own folder is its collection; listings alone make none"


def test_a_page_outside_its_types_folder_is_still_editable(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "utkast.sv.md").write_text("---\nid: utkast\ntype: guidance\ntitle: \"Ett utkast\"\n---\n", encoding="utf-8")
    found = {c["name"]: c for c in cms_config.collections(docs)}["guidance-start"]
    assert found["folder"] == "docs" and found["filter"] == {"field": "type", "value": "guidance"}
    assert "Vem vägledningen är för" in field(found["fields"], "body")["defaults"]["sv"]


def test_production_uses_github_and_the_editorial_workflow() -> None:
    config = cms_config.production_config("nationellt-centrum/kunskapsportal", base_url="https://auth.example.se")
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "nationellt-centrum/kunskapsportal"
    assert config["backend"]["base_url"] == "https://auth.example.se"
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config and "site_url" not in config
    assert config["collections"] == local()["collections"]


@pytest.mark.parametrize("repo", ["kunskapsportal", "https://github.com/a/b", "a/b/c", "a b/c", ""])
def test_a_wrong_repository_is_refused_with_the_fix(repo: str, capsys) -> None:
    with pytest.raises(ValueError, match="is not ORG/NAME"):
        cms_config.production_config(repo)
    assert cms_config.main(["--production", "--repo", repo or "x"]) == 2
    err = capsys.readouterr().err
    assert "ORG/NAME" in err and "Traceback" not in err


def test_the_command_line_prints_json(capsys) -> None:
    assert cms_config.main(["--production", "--repo", "org/portal"]) == 0
    assert json.loads(capsys.readouterr().out)["backend"]["repo"] == "org/portal"


def test_the_production_build_never_imports_the_editor() -> None:
    """hooks/*.py (what mkdocs.yml loads) and everything they import leave cms_config and cms_server alone."""
    import ast
    hooks = [p for p in (ROOT / "hooks").glob("*.py")]
    modules = list((ROOT / "hooks" / "portal").rglob("*.py"))
    for path in hooks + modules:
        if path.name in ("cms_config.py", "cms_server.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            assert not any("cms_" in n for n in names), f"{path.relative_to(ROOT)} imports the editor"


def test_the_hosted_editor_is_the_same_page_with_the_production_configuration(tmp_path: Path) -> None:
    from portal.content import cms_server
    if not (cms_server.DECAP_DIST / "decap-cms.js").exists():
        pytest.skip("node_modules has no decap-cms (npm ci)")
    out = tmp_path / "site-editor"
    assert cms_config.main(["--production", "--repo", "org/portal", "--base-url", "https://auth.example.se",
                            "--out", str(out)]) == 0
    config = json.loads((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github" and config["publish_mode"] == "editorial_workflow"
    for name in cms_server.EDITOR_FILES:
        assert (out / name).read_bytes() == (ROOT / "editor" / name).read_bytes()
    page = (out / "index.html").read_text(encoding="utf-8")
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert (out / src).exists(), f"index.html loads {src}, which the bundle lacks"
    decap = {p.name for p in cms_server.DECAP_DIST.glob("*decap-cms.js")}
    assert decap and decap == {p.name for p in (out / "decap").iterdir()}, "every chunk of decap-cms.js, nothing else"
    assert not list(out.rglob("*.map"))
    for script in ("portal.js", "manual-init.js", "index.html"):
        assert not re.search(r"https?://", (out / script).read_text(encoding="utf-8")), f"{script} names another host"
