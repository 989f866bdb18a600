"""Alt text: every image on a built page has a text alternative that says what it shows.

In Markdown the alt text is the part in brackets: `![Karta över Sveriges län](karta.png)`. A purely
decorative image in the page text is marked so: `![](ram.svg){ role=presentation }`. An alt text that
is only a file name or a word like "bild"/"image" tells a screen-reader user nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..content.datafiles import ROOT
from ..content.findings import Finding
from . import built_site
from .html_outline import Outline, Problem

NAME = "image-alt"
GENERIC = {"bild", "image", "img", "foto", "photo", "picture", "figur", "figure", "logo", "logotyp", "icon",
           "ikon", "grafik", "graphic", "diagram", "screenshot", "skärmbild"}
FILE_NAME = re.compile(r"^[\w.-]+\.(png|jpe?g|gif|svg|webp|avif)$", re.I)


def inspect(outline: Outline, page: built_site.BuiltPage | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for image in outline.images:
        name = image.src.rsplit("/", 1)[-1]
        needles = (f"]({image.src}", name) if name else ()
        if image.alt is None:
            problems.append(Problem("img alt", f"image {name or image.src!r} has no alt text",
                                    "write what the image shows in the brackets: ![what it shows](file.png)",
                                    image.in_content, needles))
        elif not image.alt.strip():
            if image.in_content and not image.decorative:
                problems.append(Problem("img alt", f"image {name!r} has an empty alt text",
                                        "write what the image shows in the brackets, or mark a purely decorative "
                                        "image with { role=presentation }", True, needles))
        elif image.in_content and (image.alt.strip().lower() in GENERIC or FILE_NAME.match(image.alt.strip())):
            problems.append(Problem("img alt", f"image {name!r} has the alt text {image.alt!r}, which says nothing "
                                    "about what it shows", "describe the image: what a sighted reader learns from it",
                                    True, (f"![{image.alt}]", *needles)))
    return problems


def run(site_dir: Path, docs_dir: Path | None = None, root: Path = ROOT) -> list[Finding]:
    return built_site.static_findings(site_dir, docs_dir or root / "docs", root, inspect)
