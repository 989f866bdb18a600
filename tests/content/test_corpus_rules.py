"""Rules across pages, review dates, vocabularies and the editor commands."""
from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import given, settings, strategies as st

from portal import cli
from portal.content import corpus, review, schema_check, vocabulary
from portal.content.translation import revision

GOOD = (Path(__file__).parents[1] / "fixtures" / "frontmatter" / "good" / "guidance.sv.md").read_text(encoding="utf-8")
GOOD_EN = (Path(__file__).parents[1] / "fixtures" / "frontmatter" / "good" / "english-guidance.en.md").read_text(encoding="utf-8")


def write(docs: Path, rel: str, text: str) -> None:
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_text(text, encoding="utf-8")


def messages(docs: Path) -> list[str]:
    return [f.format() for f in corpus.load(docs, docs.parent).findings]


def test_duplicate_id_in_one_language_is_an_error(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, "a/first.sv.md", GOOD)
    write(docs, "b/second.sv.md", GOOD)
    assert messages(docs) == ["docs/b/second.sv.md:3: id: 'fixture-page' is already used by docs/a/first.sv.md "
                              "— give this page its own id"]


def test_english_page_needs_a_swedish_original_with_the_same_id(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, "x/only-english.en.md", GOOD_EN)
    assert any("English page has no Swedish original docs/x/only-english.sv.md" in m for m in messages(docs))
    write(docs, "x/only-english.sv.md", GOOD.replace("id: fixture-page", "id: other-id"))
    assert any("id: 'fixture-page' differs from the Swedish page's id 'other-id'" in m for m in messages(docs))


def test_mark_translated_records_the_current_swedish_revision(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, "p.sv.md", GOOD)
    write(docs, "p.en.md", GOOD_EN)
    cli.main(["mark-translated", str(docs / "p.en.md")])
    expected = revision(corpus.load(docs).get("p", "sv").body)
    assert f'source_revision: "{expected}"' in (docs / "p.en.md").read_text(encoding="utf-8")
    assert messages(docs) == []


def test_revision_ignores_line_endings_and_trailing_spaces() -> None:
    assert revision("Text.\n\nMer text.\n") == revision("Text.  \r\n\r\nMer text.")
    assert revision("Text.") != revision("Annan text.")


def test_next_review_defaults_to_twelve_months_after_last_review() -> None:
    meta = {"review": {"status": "approved", "last_reviewed": "2026-05-01"}}
    assert review.next_review(meta) == datetime.date(2027, 5, 1)
    assert review.next_review({"review": {"last_reviewed": "2024-02-29"}}) == datetime.date(2025, 2, 28)
    assert not review.is_overdue(meta, datetime.date(2027, 5, 1))
    assert review.is_overdue(meta, datetime.date(2027, 5, 2))
    assert not review.is_overdue({"review": {"status": "draft", "last_reviewed": "2020-01-01"}}, datetime.date(2027, 1, 1))


def test_schema_enums_and_vocabulary_labels_agree() -> None:
    assert vocabulary.check_against_schema() == []
    for kind in ("types", "audiences", "topics", "roles", "owners"):
        for term in vocabulary.terms(kind):
            assert vocabulary.label(kind, term, "sv") and vocabulary.label(kind, term, "en")


def test_every_audience_and_topic_has_its_own_swedish_address() -> None:
    assert vocabulary.check_slugs() == []
    assert vocabulary.slug("topics", "child-marriage") == "barnaktenskap"


def test_a_missing_invalid_or_shared_slug_is_reported_with_its_fix() -> None:
    data = {"audiences": {"police": {"sv": "Polis", "en": "Police", "slug": "polis"},
                          "school": {"sv": "Skola", "en": "School", "slug": "polis"}},
            "topics": {"fgm": {"sv": "Könsstympning", "en": "FGM"},
                       "abroad": {"sv": "Utlandsresor", "en": "Abroad", "slug": "Utlandsresor och kvarlämnande"}}}
    found = [f.format() for f in vocabulary.check_slugs(data)]
    assert found == [
        "data/vocabularies.yml: audiences.school.slug: 'polis' is already the slug of 'police' — give each term its own slug",
        "data/vocabularies.yml: topics.fgm.slug: has no slug, the address of its listing page — add slug: with a "
        "Swedish address, e.g. {sv: Barnäktenskap, slug: barnaktenskap}",
        "data/vocabularies.yml: topics.abroad.slug: 'Utlandsresor och kvarlämnande' is not a valid address — use "
        "lowercase a-z, digits and single hyphens, e.g. barnaktenskap",
    ]


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.floats(allow_nan=False))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=3) |
                           st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)
known_keys = st.sampled_from(["id", "type", "title", "description", "audiences", "topics", "owner", "review",
                              "sources", "statutes", "roles", "translation", "listing", "keywords", "hide"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.one_of(known_keys, st.text(max_size=10)), yaml_values, max_size=10))
def test_random_front_matter_never_crashes_the_validator(meta: dict) -> None:
    for finding in schema_check.check_meta(meta, "docs/random.sv.md"):
        assert finding.format().startswith("docs/random.sv.md")


def test_new_page_scaffold_is_valid_in_both_languages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for page_type in vocabulary.terms("types"):
        assert cli.main(["new", page_type, f"ny-{page_type}", "--docs", str(docs)]) == 0
    assert messages(docs) == []
    text = (docs / "typfall" / "ny-typology.sv.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../../data/frontmatter.schema.json" in text
    assert "## Varningssignaler" in text and "status: draft" in text


def test_new_page_refuses_unknown_type_and_existing_files(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    assert cli.main(["new", "typo", "x", "--docs", str(docs)]) == 2
    assert "TYPE='typo' is not a content type — use one of: guidance" in capsys.readouterr().err
    assert cli.main(["new", "guidance", "x", "--docs", str(docs)]) == 0
    assert cli.main(["new", "guidance", "x", "--docs", str(docs)]) == 2
    assert "already exists — choose another SLUG" in capsys.readouterr().err


def test_an_approved_typology_must_link_the_law_and_the_guidance(tmp_path: Path) -> None:
    """Read as a case, a typology needs the law it turns on and what to do next (issue 13)."""
    docs = tmp_path / "docs"
    real = Path(__file__).parents[2] / "docs"
    for rel in ("typfall/sommarresan.sv.md", "vagledning/orosanmalan.sv.md",
                "lagstiftning/barnaktenskapsbrott.sv.md"):
        write(docs, rel, (real / rel).read_text(encoding="utf-8"))
    page = (real / "typfall/sommarresan.sv.md").read_text(encoding="utf-8")
    head, body = page.split("\n---\n", 1)

    def typology_findings(new_body: str) -> list[str]:
        write(docs, "typfall/sommarresan.sv.md", head + "\n---\n" + new_body)
        return [m for m in messages(docs) if m.startswith("docs/typfall/sommarresan.sv.md") and "typology links" in m]

    # only links in code, comments or to other sites: none counts
    hidden = ("Se `[Orosanmälan](../vagledning/orosanmalan.md)`.\n\n<!-- [x](../lagstiftning/barnaktenskapsbrott.md) -->\n\n"
              "[Extern](https://example.org/lagstiftning/x.md)\n")
    found = typology_findings("## Situation\n\nText.\n\n" + hidden)
    assert len(found) == 2, found
    assert any("links to no legal summary — link the page in lagstiftning/" in m for m in found)
    assert any("links to no guidance or joint-guidance page — link the page in vagledning/ or samverkan/" in m for m in found)
    # a reference-style link to the law and an inline link to guidance satisfy it
    linked = "Se [lagen][l] och [Orosanmälan](../vagledning/orosanmalan.md#gor-sa-har).\n\n[l]: ../lagstiftning/barnaktenskapsbrott.md\n"
    assert typology_findings(body + "\n" + linked) == []
    # a draft is not held to it yet
    draft = head.replace("status: approved", "status: draft")
    write(docs, "typfall/sommarresan.sv.md", draft + "\n---\nNo links.\n")
    assert not [m for m in messages(docs) if "typology links" in m]
