"""The import contract (pyproject.toml, [tool.importlinter]) holds on the real tree, and can fail.

The second test copies the project's Python files to a scratch tree, adds upward imports there and
checks `lint-imports` names the contracts they break: a contract that could never fail would prove nothing.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".venv", "node_modules", "tests", ".git"}


def _lint_imports(cwd: Path) -> tuple[int, str]:
    command = Path(sys.executable).with_name("lint-imports")
    program = str(command) if command.exists() else shutil.which("lint-imports")
    assert program, "lint-imports is not installed (requirements-dev.txt)"
    # cwd comes first on lint-imports' path, so the scratch tree's packages are the ones analysed.
    run = subprocess.run([program, "--no-logo", "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120)
    return run.returncode, " ".join((run.stdout + run.stderr).split())  # one line: the report wraps long names


def _contract_line(output: str, name: str, verdict: str) -> bool:
    return re.search(re.escape(" ".join(name.split())) + r"\s+" + verdict, output) is not None


def test_the_real_tree_keeps_every_contract():
    code, output = _lint_imports(ROOT)
    assert code == 0, output
    assert "0 broken" in output


def test_an_upward_import_breaks_the_contract(tmp_path):
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts):
            continue
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tmp_path / relative)
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    with (tmp_path / "domain" / "gaps.py").open("a", encoding="utf-8") as domain_module:
        domain_module.write("\nimport ui.cached  # deliberate: domain reaching up to the Streamlit caches\n")
    with (tmp_path / "charts" / "legend.py").open("a", encoding="utf-8") as charts_module:
        charts_module.write("\nimport streamlit  # deliberate: a figure factory importing Streamlit\n")

    code, output = _lint_imports(tmp_path)
    assert code != 0, output
    assert _contract_line(output, "Layers: scripts | bench -> app_pages -> ui | pack -> charts | store -> data_loaders "
                                  "-> domain -> i18n", "BROKEN"), output
    assert _contract_line(output, "domain is pure: no front end, no charts, no store or loaders, no Streamlit or SQL",
                          "BROKEN"), output
    assert _contract_line(output, "Only dashboard.py, serve.py, app_pages and ui import Streamlit (directly or through "
                                  "another module)", "BROKEN"), output
    assert "domain.gaps -> ui.cached" in output
    assert "charts.legend -> streamlit" in output
    # The imports nobody broke still pass: the failure is the two added lines, not the copy.
    assert _contract_line(output, "data_loaders and store never import ui, app_pages, charts or pack", "KEPT"), output
