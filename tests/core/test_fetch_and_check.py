"""Fetch and check in one call (decision 0038), read from the source.

A resident's page or a public page reads an object named by the URL only through an
``access_<thing>_for_<role>`` selector, which returns it or raises Http404. A view that fetched
it itself (``get_object_or_404``, ``Model.objects.get(...)``, ``.filter(pk=pk)``) would carry its
own ownership check, or none: this test fails on it, so the next page copies the selector.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import tenantvoice

PACKAGE = Path(tenantvoice.__file__).parent
# The keyword arguments that name an object by the URL's id.
ID_LOOKUPS = ("pk", "id", "slug")


def _resident_facing_modules() -> list[Path]:
    views = sorted(PACKAGE.glob("*/views/*.py"))
    return [
        path
        for path in views
        if path.name in ("resident.py", "public.py") or path.name.startswith("resident_")
    ]


def _fetches_by_url_id(source: str) -> Iterator[tuple[int, str]]:
    """Each call in ``source`` that fetches an object itself: ``get_object_or_404``, any
    ``….objects.get(…)``, or a query whose id lookup is one of the view's own arguments."""
    tree = ast.parse(source)
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        arguments = {a.arg for a in function.args.args + function.args.kwonlyargs}
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            if isinstance(called, ast.Name) and called.id in ("get_object_or_404", "get_list_or_404"):
                yield node.lineno, called.id
            elif isinstance(called, ast.Attribute):
                receiver = called.value
                if (
                    called.attr == "get"
                    and isinstance(receiver, ast.Attribute)
                    and receiver.attr == "objects"
                ):
                    yield node.lineno, "objects.get"
                    continue
                for keyword in node.keywords:
                    name = (keyword.arg or "").split("__")[0]
                    if (
                        name in ID_LOOKUPS
                        and isinstance(keyword.value, ast.Name)
                        and keyword.value.id in arguments
                    ):
                        yield node.lineno, f".{called.attr}({keyword.arg}={keyword.value.id})"


def test_the_rule_finds_each_way_of_fetching_by_id() -> None:
    source = """
def a(request, pk):
    return get_object_or_404(Thing, pk=pk)

def b(request, pk):
    return Thing.objects.get(pk=pk)

def c(request, resident, slug):
    return Thing.objects.filter(slug=slug, owner=resident).first()

def d(request, resident, pk):
    return resident.things.exclude(id=pk).first()

def fine(request, resident, pk):
    state = request.session.get("state")
    return access_thing_for_resident(resident, pk), Other.objects.filter(pk=state["id"])
"""
    assert [line for line, _ in _fetches_by_url_id(source)] == [3, 6, 9, 12]


def test_resident_and_public_pages_fetch_by_id_only_through_access_selectors() -> None:
    modules = _resident_facing_modules()
    assert len(modules) > 10, "the resident-facing view modules were not found"
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {what}"
        for path in modules
        for line, what in _fetches_by_url_id(path.read_text())
    ]
    assert not found, (
        "A resident's or a public page fetches an object by the URL's id itself. Add an "
        "access_<thing>_for_<role>(…) function to the app's selectors.py that returns the object "
        "or raises Http404 (copy activities.selectors.access_place_for_resident; decision 0038):\n"
        + "\n".join(found)
    )
