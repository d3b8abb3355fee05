"""Read the provenance sidecars that `scripts/build_data.py` writes beside each data file."""
from __future__ import annotations

import json
from pathlib import Path

from config import DATA_DIR


def sidecar_path(data_file: Path) -> Path:
    return data_file.with_name(f"{data_file.stem}.provenance.json")


def read_provenance(name: str, data_dir: Path = DATA_DIR) -> dict:
    return json.loads(sidecar_path(data_dir / f"{name}.csv").read_text(encoding="utf-8"))
