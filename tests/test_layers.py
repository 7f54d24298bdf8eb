"""The layers: gui → rules → forms. Qt is imported only under gui/, and nothing below gui imports it.

import-linter checks the same contracts in CI (`lint-imports`, contracts in pyproject.toml); this test
reads the source itself (an AST walk of every .py file), so it runs with pytest alone and also
catches `importlib.import_module("PySide6…")` and imports hidden inside functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
# package -> packages it must never import (directly, lazily or dynamically)
FORBIDDEN = {
    "forms": (*QT, "gui", "rules"),
    "rules": (*QT, "gui"),
}


def imported_modules(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in a file, relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # `from forms import gui`-style names are modules too
                yield node.lineno, f"{module}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


def violations(package: str, root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / package).rglob("*.py")):
        for line, module in imported_modules(path, root):
            if module.split(".")[0] in FORBIDDEN[package]:
                found.append(f"{path.relative_to(root)}:{line} importe {module}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_qt_nor_upper_layers(package):
    if not (ROOT / package).is_dir():
        pytest.skip(f"{package}/ n'existe pas encore")
    assert violations(package) == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scanner itself: each way of importing Qt is caught."""
    pkg = tmp_path / "forms"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "import PySide6.QtCore\n"
        "from shiboken6 import isValid\n"
        "def later():\n"
        "    import importlib\n"
        "    importlib.import_module('PySide6.QtWidgets')\n"
        "    from gui import app\n",
        encoding="utf-8",
    )
    found = violations("forms", tmp_path)
    assert sorted(f.split(" importe ")[1] for f in found) == sorted([
        "PySide6.QtCore", "shiboken6", "shiboken6.isValid", "PySide6.QtWidgets", "gui", "gui.app"])


def test_contracts_are_declared_for_import_linter():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'layers = ["gui", "rules", "forms"]' in text
    assert 'forbidden_modules = ["PySide6", "shiboken6"]' in text
