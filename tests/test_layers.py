"""The layers stay apart: only dashboard.py, app_pages/ and ui/ may import Streamlit."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_FREE = ["domain", "data_loaders", "charts", "scripts", "store", "pack", "i18n", "config.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("part", STREAMLIT_FREE)
def test_domain_loaders_scripts_and_store_never_import_streamlit(part):
    target = ROOT / part
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    offenders = [str(f.relative_to(ROOT)) for f in files if "streamlit" in _imports(f)]
    assert offenders == []


def test_only_the_normaliser_uses_country_libraries():
    users = {
        str(f.relative_to(ROOT))
        for f in ROOT.rglob("*.py")
        if ".venv" not in f.parts and "tests" not in f.parts and {"pycountry", "country_converter"} & _imports(f)
    }
    assert users == {"domain/countries.py"}
