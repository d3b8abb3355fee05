"""The one way the product writes HTML and SVG: Jinja2 templates with autoescaping on for every file.

Each package keeps its templates in its own `templates/` folder and gets its environment here. A value
from data is escaped unless it is already `Markup` (markup another template made); no markup is built
by string formatting.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


@cache
def environment(folder: Path) -> Environment:
    """The template environment of one `templates/` folder: autoescaped (HTML and SVG alike), strict about
    undefined names, and with whitespace between block tags trimmed."""
    return Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(folder: Path, name: str, **context: object) -> str:
    return environment(folder).get_template(name).render(**context)
