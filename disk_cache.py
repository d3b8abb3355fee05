"""Results derived from shipped files, kept on disk between server starts and rebuilt when any input changes.

The key is a hash of the bytes of every input file (the data file and the code that reads it) and of
the library versions involved, so an edited CSV or loader is checked again from scratch: the cache
never holds a result its inputs would not produce now. Folder: MBC_CACHE_DIR, else ~/.cache/mbc-dashboard.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(os.environ.get("MBC_CACHE_DIR") or Path.home() / ".cache" / "mbc-dashboard").expanduser()


def content_key(paths: Iterable[Path], packages: Iterable[str] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    for package in sorted(packages):
        digest.update(f"{package}=={version(package)}\0".encode())
    return digest.hexdigest()[:32]


def load_or_build(name: str, key: str, build: Callable[[], T], write: Callable[[T, Path], None],
                  read: Callable[[Path], T]) -> T:
    """`read` the file kept for (name, key), else `build`, keep and return the result.

    A folder that cannot be written only costs the rebuild next time; a build error propagates and keeps nothing."""
    path = cache_dir() / f"{name}-{key}"
    if path.exists():
        try:
            return read(path)
        except Exception:  # a truncated or foreign file: build again and replace it (any reader error means the same)
            path.unlink(missing_ok=True)
    result = build()
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as handle:
            temporary = Path(handle.name)
        write(result, temporary)
        os.replace(temporary, path)  # whole or absent, even with two servers starting at once
        for stale in path.parent.glob(f"{name}-*"):  # results of inputs that have changed since
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return result
