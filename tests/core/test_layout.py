"""The layout's two rules, read from the source (decision 0031).

``staff`` and ``portal`` are shells (a home, navigation, layouts): a domain app's pages live in
the app, so nothing outside the shells imports them. ``core`` is what every app shares, so it
imports no other app: a page, a form or a rule of a domain app lives in that app.

An import only for the type checker (under ``if TYPE_CHECKING:``) does not run, so it does not
count: core may name ``Resident`` in a signature without loading the residents app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import tenantvoice

PACKAGE = Path(tenantvoice.__file__).parent
SHELLS = ("tenantvoice.portal", "tenantvoice.staff")
# The root URL table mounts every app's pages, the shells' included; settings name apps as text.
MAY_IMPORT_SHELLS = ("tenantvoice.urls", "tenantvoice.portal", "tenantvoice.staff")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports when it runs, as absolute names, with the line."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return _imports_in(path.read_text(), package)


def _imports_in(source: str, package: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            skipped.update(id(child) for statement in node.body for child in ast.walk(statement))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name
            # "from tenantvoice import portal" imports the shell itself.
            for alias in node.names:
                yield node.lineno, f"{name}.{alias.name}"


def _sources() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield _module_name(path), path


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(f"{p}.") for p in packages)


def test_no_app_imports_the_staff_or_portal_shell() -> None:
    offending = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for module, path in _sources()
        if not _within(module, MAY_IMPORT_SHELLS)
        for line, name in _imports(path)
        if _within(name, SHELLS)
    ]
    assert not offending, "Move the page or helper into its app (decision 0031):\n" + "\n".join(offending)


def test_core_imports_no_other_app() -> None:
    offending = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for module, path in _sources()
        if _within(module, ("tenantvoice.core",))
        for line, name in _imports(path)
        if name.startswith("tenantvoice.") and not _within(name, ("tenantvoice.core",))
    ]
    assert not offending, "core imports no other app (decision 0031):\n" + "\n".join(offending)


def test_the_rules_see_imports_inside_functions_and_relative_ones() -> None:
    """The walk finds an import however it is written, and leaves out type-only ones."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from tenantvoice.residents.models import Resident\n"
        "def f():\n"
        "    from ..portal import views\n"
        "    import tenantvoice.staff.work\n"
    )
    found = [name for _, name in _imports_in(source, "tenantvoice.core")]
    assert "tenantvoice.portal" in found
    assert "tenantvoice.staff.work" in found
    assert not any(name.startswith("tenantvoice.residents") for name in found)
