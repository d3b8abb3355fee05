"""`python -m pack build OUTDIR [--states ISO3 ...] [--lang en|fr|es]`: write the conference pack from the
reference data alone. `python -m scripts.build_pack` takes the same arguments and adds what the States published
on their own pages and their IA events, read from the store (the pack never opens the store itself)."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from domain.state_page import IAEvent, PublishedPage
from i18n import DEFAULT_LANGUAGE, LANGUAGES
from pack.build import PackError, build_pack

# The States' published pages and IA events (ISO3 -> ...), read by the caller for the states asked (None: all).
StateContentReader = Callable[[list[str] | None], tuple[Mapping[str, PublishedPage], Mapping[str, tuple[IAEvent, ...]]]]


def main(argv: list[str] | None = None, read_state_content: StateContentReader | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pack", description="Static HTML pages that open from disk, offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the overview and the State Party pages into OUTDIR")
    build.add_argument("outdir", type=Path)
    build.add_argument("--states", nargs="+", metavar="ISO3", type=str.upper,
                       help="only these states (default: every state in data/states_parties.csv)")
    build.add_argument("--lang", choices=tuple(LANGUAGES), default=DEFAULT_LANGUAGE,
                       help="the language of every page (default: %(default)s)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    state_pages, ia_events = read_state_content(args.states) if read_state_content else (None, None)
    try:
        pages = build_pack(args.outdir, args.states, language=args.lang, state_pages=state_pages, ia_events=ia_events)
    except PackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    size = sum(f.stat().st_size for f in args.outdir.rglob("*") if f.is_file())
    print(f"wrote {len(pages)} pages to {args.outdir} ({size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s; "
          f"open {args.outdir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
