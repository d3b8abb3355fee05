"""The layers of the top-level single modules, which import-linter cannot check (it takes packages only).

The packages' layers, the Streamlit ban and the one country-name mapper are contracts in pyproject.toml
([tool.importlinter]), run by `lint-imports` in CI and by tests/test_import_contract.py.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL_MODULES = sorted(p.name for p in ROOT.glob("*.py"))
PROJECT = {p.stem for p in ROOT.glob("*.py")} | {p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.py"))}
BOTTOM = ["config.py", "disk_cache.py", "spreadsheets.py"]  # below every package: import nothing of the project but config


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_the_bottom_modules_are_all_there():
    assert set(BOTTOM) <= set(TOP_LEVEL_MODULES)


@pytest.mark.parametrize("module", BOTTOM)
def test_bottom_modules_import_no_streamlit_and_nothing_above_config(module):
    imports = _imports(ROOT / module)
    assert "streamlit" not in imports
    assert imports & PROJECT <= ({"config"} - {module.removesuffix(".py")})


@pytest.mark.parametrize("module", TOP_LEVEL_MODULES)
def test_no_top_level_module_uses_the_country_libraries(module):
    assert not {"pycountry", "country_converter"} & _imports(ROOT / module)
