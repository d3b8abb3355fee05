"""requirements.txt pins what the product imports, and nothing it does not use.

A package imported but not pinned installs whatever version another package drags in (pyarrow was); one
pinned but never used is weight and a false promise (charset-normalizer was, until the CSV reader used it).
Packages used without an import statement are listed below, each with where it is used.
"""
import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ["app_pages", "ui", "charts", "domain", "data_loaders", "store", "pack", "i18n", "scripts",
           "dashboard.py", "serve.py", "config.py", "disk_cache.py", "spreadsheets.py"]
# Needed at run time, never imported by name.
USED_WITHOUT_IMPORT = {
    "pyarrow": "pandas keeps validated tables on disk as Parquet with it (data_loaders/validated.py, disk_cache.py)",
    "pyogrio": "geopandas reads data/boundaries_50m.geojson with it",
    "kaleido": "plotly draws slide images with it (charts/slide_images.py)",
    "authlib": "streamlit's st.login loads it (ui/auth.py, [auth] in secrets.toml)",
    "psycopg": "SQLAlchemy's postgresql+psycopg driver for DATABASE_URL",
    "argon2-cffi": "imported as argon2 (store/users.py)",
}


def _pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==", line.strip())
        if match:
            names.add(match.group(1).lower().replace("_", "-"))
    return names


def _imported_distributions() -> set[str]:
    files = [p for part in PRODUCT for p in ([ROOT / part] if part.endswith(".py") else (ROOT / part).rglob("*.py"))]
    modules = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    distributions = packages_distributions()
    own = {p.stem for p in ROOT.iterdir() if (p.is_dir() and any(p.glob("*.py"))) or p.suffix == ".py"}
    third_party = modules - set(sys.stdlib_module_names) - own - {"__future__"}
    return {name.lower().replace("_", "-") for module in third_party for name in distributions.get(module, [module])}


def test_every_imported_package_is_pinned():
    pinned = _pinned(ROOT / "requirements.txt") | _pinned(ROOT / "requirements-dev.txt")
    assert sorted(_imported_distributions() - pinned) == []


def test_every_pinned_runtime_package_is_used():
    used = _imported_distributions() | set(USED_WITHOUT_IMPORT)
    assert sorted(_pinned(ROOT / "requirements.txt") - used) == []
