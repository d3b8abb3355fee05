"""No SQL text in the store: every statement is a SQLAlchemy expression, so values are always bound."""
import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "store"


def test_the_store_builds_no_sql_from_strings():
    offenders = []
    for path in sorted(STORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy" and "text" in {a.name for a in node.names}:
                offenders.append(f"{path.name}: imports sqlalchemy.text")
            if isinstance(node, ast.Attribute) and node.attr in ("exec_driver_sql", "text"):
                offenders.append(f"{path.name}:{node.lineno}: {node.attr}")
    assert offenders == []
