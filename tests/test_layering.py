"""store/ and handlers/ import no chat SDK and nothing from bot/ (checked on the source with ast)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"telegram", "slack_bolt", "slack_sdk", "aiohttp", "bot"}
FILES = sorted([*(ROOT / "store").rglob("*.py"), *(ROOT / "handlers").rglob("*.py")])


def _dynamic_import(node: ast.Call) -> bool:
    """importlib.import_module("x") or __import__("x") with a literal name."""
    called = getattr(node.func, "attr", getattr(node.func, "id", ""))
    literal = node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    return called in ("import_module", "__import__") and bool(literal)


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module imported anywhere in the file (also inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and _dynamic_import(node):
            names.add(node.args[0].value.split(".")[0])
    return names


def test_there_are_files_to_check():
    assert len(FILES) > 20
    assert ROOT / "handlers" / "__init__.py" in FILES


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_no_chat_sdk_and_no_bot(path):
    assert imported_modules(path) & FORBIDDEN == set()


def test_store_does_not_import_handlers():
    for path in (ROOT / "store").rglob("*.py"):
        assert "handlers" not in imported_modules(path), path


def test_the_check_catches_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom telegram.ext import Application\ndef f():\n    import bot.config\n"
        "    importlib.import_module('slack_bolt')\n",
        encoding="utf-8",
    )
    assert imported_modules(sample) & FORBIDDEN == {"telegram", "bot", "slack_bolt"}
