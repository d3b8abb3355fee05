"""The team's reference (../shared/reference): where it is, and its edition, as the tests need them.

Outside CI a checkout without ../shared skips the checks against it; in CI (CI or REFERENCE_REQUIRED set)
its absence fails them, as a missing browser fails the browser tests.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import config
from scripts.build_data import reference_edition


def reference_dir() -> Path:
    reference = Path(config.REFERENCE_DIR)
    if not (reference / "EDITION").is_file():
        message = f"the team's reference data is not at {reference}"
        if os.environ.get("CI") or os.environ.get("REFERENCE_REQUIRED"):
            pytest.fail(f"{message}, and CI needs it beside the checkout")
        pytest.skip(message)
    return reference


def edition() -> str:
    return reference_edition(reference_dir())
