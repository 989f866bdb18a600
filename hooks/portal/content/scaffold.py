"""New pages from the content model: `make new TYPE=typology SLUG=resan-i-sommar`.

Writes the Swedish and the English file with valid front matter, the sections the
type requires (data/content-types.yml), the first change entry ("Sidan publicerades." /
"Page published.", today, recording the text as written here: when the page is approved,
`make changed PAGE=…` moves it to the published text and date) and the schema line for
editors' YAML support.
"""
from __future__ import annotations

from pathlib import Path

from .change_entry import NOTE_FIRST, entry_text
from .safety import SLUG
from .datafiles import CONTENT_TYPES_PATH, load_yaml
from .review import today
from .translation import revision
from .vocabulary import terms, vocabularies

TYPE_FIELDS = {
    "legal": "statutes:\n  - reference: SFS 1962:700\n    name: Brottsbalken\n    provision: 4 kap. 4 e §\n    in_force: 2022-06-01\n",
    "joint-guidance": "roles: [social-services, school, health-care, police]\n",
}
PLACEHOLDER = {"sv": "Skriv här.", "en": "Write here."}
INTRO = {"sv": "Skriv en kort inledning: vad sidan hjälper läsaren med.",
         "en": "Write a short introduction: what the page helps the reader with."}


def body(page_type: str, lang: str) -> str:
    sections = (load_yaml(CONTENT_TYPES_PATH).get(page_type) or {}).get(lang, [])
    return "\n" + INTRO[lang] + "\n" + "".join(f"\n## {s}\n\n{PLACEHOLDER[lang]}\n" for s in sections)


def front_matter(page_type: str, slug: str, lang: str, depth: int, text: str) -> str:
    schema = "../" * depth + "data/frontmatter.schema.json"
    translation = f'translation:\n  source_revision: "{revision(text)}"\n' if lang == "en" else ""
    return (f"---\n# yaml-language-server: $schema={schema}\n"
            f"id: {slug}\ntype: {page_type}\n"
            f"title: \"{'Rubrik' if lang == 'sv' else 'Title'}\"\n"
            f"description: \"{'En eller två meningar om vad sidan handlar om (högst 160 tecken).' if lang == 'sv' else 'One or two sentences on what the page is about (at most 160 characters).'}\"\n"
            f"audiences: [all-professionals]\ntopics: [honour-oppression]\nowner: nationellt-centrum\n"
            f"review:\n  status: draft\n  note: \"{'Skriv vad som ska granskas.' if lang == 'sv' else 'Say what must be reviewed.'}\"\n"
            f"sources:\n  - title: Ökat skydd mot hedersrelaterad brottslighet\n    issuer: Regeringen\n"
            f"    year: 2020\n    reference: prop. 2019/20:131\n"
            f"{TYPE_FIELDS.get(page_type, '')}{translation}"
            f"changes:\n{entry_text(today(), 'major', NOTE_FIRST[lang], revision(body(page_type, lang)))}---\n")


def create(docs_dir: Path, page_type: str, slug: str) -> list[Path]:
    """Create both language files; refuses to overwrite and explains what is wrong."""
    if page_type not in terms("types"):
        raise ValueError(f"TYPE={page_type!r} is not a content type — use one of: {', '.join(terms('types'))}")
    if not SLUG.match(slug):
        raise ValueError(f"SLUG={slug!r} is not valid — use lowercase a-z, digits and single hyphens")
    section = vocabularies()["types"][page_type]["listing"]
    folder = docs_dir / section
    paths = [folder / f"{slug}.sv.md", folder / f"{slug}.en.md"]
    for path in paths:
        if path.exists():
            raise ValueError(f"{path} already exists — choose another SLUG")
    folder.mkdir(parents=True, exist_ok=True)
    depth = len(paths[0].relative_to(docs_dir.parent).parts) - 1
    swedish = body(page_type, "sv")
    paths[0].write_text(front_matter(page_type, slug, "sv", depth, swedish) + swedish, encoding="utf-8")
    paths[1].write_text(front_matter(page_type, slug, "en", depth, swedish) + body(page_type, "en"), encoding="utf-8")
    return paths
