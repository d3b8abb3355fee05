"""Message catalogues: `python -m scripts.i18n extract` updates i18n/locales from the code; `check` lists gaps.

extract: every `_("...")` and `N_("...")` in the interface and domain code -> messages.pot, then each
language's messages.po keeps its translations, gains the new msgids (empty, to translate) and drops
the ones no longer in the code. check: exits 1 naming each msgid with no translation.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from config import ROOT
from i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR, catalogue_path

SOURCES = ("app_pages", "ui", "charts", "domain", "store", "data_loaders", "i18n", "pack", "config.py", "dashboard.py")
KEYWORDS = {"_": None, "N_": None}
METHODS = [("**.py", "python")]
TEMPLATE = LOCALES_DIR / "messages.pot"
PROJECT = "Mine Ban Convention dashboard"
HEADER = "# {language} messages of the Mine Ban Convention dashboard. Update with: python -m scripts.i18n extract"


def extract_messages() -> Catalog:
    """Every marked msgid in SOURCES, with the files it appears in."""
    template = Catalog(project=PROJECT, fuzzy=False, header_comment=HEADER.format(language="Interface"))
    if TEMPLATE.exists():  # keep the date of the first extraction, so an unchanged extraction changes no file
        with TEMPLATE.open("rb") as file:
            template.creation_date = read_po(file).creation_date
    for source in SOURCES:
        path = ROOT / source
        if path.is_dir():
            found = ((f"{source}/{name}", line, message, comments)
                     for name, line, message, comments, _context in extract_from_dir(path, METHODS, KEYWORDS))
        else:
            found = ((source, line, message, comments)
                     for line, message, comments, _context in extract_from_file("python", path, KEYWORDS))
        for name, line, message, comments in found:
            template.add(message, locations=[(name, line)], auto_comments=comments)
    return template


def _write(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        # No line numbers: they would change the files on every edit of the code around a string.
        write_po(file, catalogue, width=100, include_lineno=False, sort_output=True)


def extract() -> None:
    template = extract_messages()
    _write(template, TEMPLATE)
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        path = catalogue_path(language)
        if path.exists():
            with path.open("rb") as file:
                catalogue = read_po(file, locale=language)
        else:
            catalogue = Catalog(locale=language, project=PROJECT, fuzzy=False,
                                header_comment=HEADER.format(language=LANGUAGES[language]))
        # No fuzzy matching: a guessed translation of a changed string would be shown as if reviewed.
        catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
        catalogue.obsolete.clear()
        _write(catalogue, path)
        missing = sum(1 for m in catalogue if m.id and not m.string)
        print(f"{path.relative_to(ROOT)}: {len(template)} msgids, {missing} to translate")


def missing_translations() -> dict[str, list[str]]:
    """Per language: the extracted msgids its catalogue lacks, leaves empty, or marks fuzzy."""
    template = extract_messages()
    gaps = {}
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        with catalogue_path(language).open("rb") as file:
            catalogue = read_po(file, locale=language)
        gaps[language] = sorted(m.id for m in template if m.id and (
            catalogue.get(m.id) is None or not catalogue.get(m.id).string or catalogue.get(m.id).fuzzy))
    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "check"))
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract()
        return 0
    gaps = missing_translations()
    for language, msgids in gaps.items():
        for msgid in msgids:
            print(f"{language}: {msgid!r}")
    return 1 if any(gaps.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
