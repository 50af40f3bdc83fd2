"""Query positions for the peer comparison, drawn with bare tree-sitter from a corpus (seeded)."""

from __future__ import annotations

import builtins
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node, Parser
from tree_sitter_language_pack import get_language

SEED = 20261121

# node types that define a callable or a class, and the field holding the name
_DEFS = {
    "python": {"function_definition", "class_definition"},
    "typescript": {
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
        "class_declaration",
        "abstract_class_declaration",
    },
}
_CALLABLE_VALUES = {"arrow_function", "function_expression", "function"}


@dataclass(frozen=True)
class Site:
    """A call of a function defined in the corpus: where to ask, and what is known about it.

    ``line``/``character`` are LSP positions (UTF-16), inside the called name. ``real`` is the
    one definition of that name in the corpus (relative path, line) when there is exactly one:
    the name-based ground truth.
    """

    path: str  # relative to the workspace
    line: int
    character: int
    name: str
    form: str  # "bare" f() or "attribute" obj.f()
    real: tuple[str, int] | None
    defined: tuple[tuple[str, int], ...]  # every definition of the name (for the name check)


def utf16_column(line: bytes, byte_column: int) -> int:
    """The UTF-16 column of a byte column in a line."""
    return len(line[:byte_column].decode("utf-8", "replace").encode("utf-16-le")) // 2


def _def_name(node: Node) -> Node | None:
    if node.type == "variable_declarator":
        value = node.child_by_field_name("value")
        if value is None or value.type not in _CALLABLE_VALUES:
            return None
    return node.child_by_field_name("name")


def _callee(node: Node, language: str) -> tuple[Node, str] | None:
    fn = node.child_by_field_name("function")
    if fn is None:
        return None
    if fn.type == "identifier":
        return fn, "bare"
    if language == "python" and fn.type == "attribute":
        name = fn.child_by_field_name("attribute")
        return (name, "attribute") if name is not None else None
    if language == "typescript" and fn.type == "member_expression":
        name = fn.child_by_field_name("property")
        return (name, "attribute") if name is not None else None
    return None


def _walk(root: Node, language: str) -> tuple[list[Node], list[tuple[Node, str]]]:
    defs, calls = [], []
    kinds = _DEFS[language] | ({"variable_declarator"} if language == "typescript" else set())
    call = "call" if language == "python" else "call_expression"
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in kinds:
            name = _def_name(node)
            if name is not None:
                defs.append(name)
        elif node.type == call:
            found = _callee(node, language)
            if found is not None:
                calls.append(found)
        stack.extend(node.children)
    return defs, calls


def sites(root: Path, files: list[Path], language: str, count: int, seed: int = SEED) -> list[Site]:
    """``count`` call sites of the corpus's own functions, stratified.

    Strata: the call form, and whether the name is defined once (its real definition known).

    Dunder names, builtins' names and names shorter than three characters are left out.
    """
    parser = Parser(get_language(language))  # type: ignore[arg-type]
    defined: dict[str, list[tuple[str, int]]] = defaultdict(list)
    calls: list[tuple[str, int, int, str, str]] = []
    for path in files:
        data = path.read_bytes()
        lines = data.split(b"\n")
        rel = str(path.relative_to(root))
        defs, found = _walk(parser.parse(data).root_node, language)
        for name in defs:
            defined[name.text.decode("utf-8", "replace")].append((rel, name.start_point.row))  # type: ignore[union-attr]
        for name, form in found:
            row, col = name.start_point
            text = name.text.decode("utf-8", "replace")  # type: ignore[union-attr]
            calls.append((rel, row, utf16_column(lines[row], col), text, form))
    skip = set(dir(builtins)) if language == "python" else set()
    strata: dict[tuple[str, bool], list[Site]] = defaultdict(list)
    for rel, row, col, name, form in calls:
        if name not in defined or name in skip or len(name) < 3 or name.startswith("__"):
            continue
        places = defined[name]
        real = places[0] if len(places) == 1 else None
        site = Site(rel, row, col + 1, name, form, real, tuple(places))
        strata[(form, real is not None)].append(site)
    rng = random.Random(seed)
    picked: list[Site] = []
    keys = sorted(strata)
    for i, key in enumerate(keys):
        want = (count - len(picked)) // (len(keys) - i)
        pool = strata[key]
        picked += rng.sample(pool, min(want, len(pool)))
    rng.shuffle(picked)
    return picked
