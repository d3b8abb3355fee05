"""Record a data folder as a dated edition in data/editions (its date: the tables' date_compiled).

Run: python -m scripts.record_edition DIR. For an edition built before editions were kept, recover its folder
from the repository's history first: `git archive <commit> data | tar -x -C /tmp/old`, then record /tmp/old/data.
`scripts/build_data.py` records each new edition itself.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_loaders.editions import EditionError, record_edition


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        edition = record_edition(args.folder)
    except (EditionError, OSError, ValueError) as error:
        print(error)
        return 1
    print(f"edition of {edition.day.isoformat()} recorded: {len(edition.tables())} tables, id {edition.id}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
