"""Each reference table as its loader returns it, validated once per content and kept on disk (disk_cache).

A server start then reads the tables instead of checking every cell again: a second saved of the first
visit. The key covers the data file, its provenance, the loaders and the country names they resolve
with, and the libraries' versions, so any change there is validated from scratch (and refused if bad).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from config import DATA_DIR, ROOT
from disk_cache import content_key, load_or_build

LOADER_CODE = (*sorted((ROOT / "data_loaders").glob("*.py")), ROOT / "domain" / "countries.py", ROOT / "config.py")
PACKAGES = ("pandas", "pandera", "pyarrow", "country_converter", "pycountry")


def table_names(data_dir: Path = DATA_DIR) -> list[str]:
    """Every reference table: each CSV in data/ is one (tests/test_data_provenance.py holds the registry to that)."""
    return sorted(path.stem for path in data_dir.glob("*.csv"))


def table_inputs(name: str, data_dir: Path = DATA_DIR) -> tuple[Path, ...]:
    """What decides a table's validated content: its files and the code that reads them."""
    return (data_dir / f"{name}.csv", data_dir / f"{name}.provenance.json", *LOADER_CODE)


def load_validated(name: str, data_dir: Path = DATA_DIR, cache_name: str | None = None) -> pd.DataFrame:
    """The table as its loader returns it; a file that breaks its rules raises as the loader does, and is not kept.
    `cache_name` keeps a second folder's table (an older edition) beside data/'s rather than in its place."""
    def validate() -> pd.DataFrame:
        from data_loaders.registry import LOADERS  # pandera and the schemas load only when a table is checked

        return LOADERS[name](data_dir / f"{name}.csv")

    key = content_key(table_inputs(name, data_dir), PACKAGES)
    return load_or_build(cache_name or f"table-{name}", key, validate, write_frame, pd.read_parquet)


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path)  # parquet keeps pandas' nullable dtypes: the frame read back equals this one
