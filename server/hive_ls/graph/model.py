"""Nodes and edges of the program dependence graph, as plain values."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

UNRESOLVED = "unresolved"
MODULE = "module"


class EdgeKind(str, Enum):
    """How the source of an edge depends on its target."""

    CONTAINS = "contains"  # a module or type holds a definition
    IMPORTS = "imports"  # a module imports a module or a definition
    CALLS = "calls"  # a function calls a function (or constructs a type)
    INHERITS = "inherits"  # a type extends or implements a type
    REFERENCES = "references"  # a definition uses a type or a name without calling it
    DEF_USE = "def-use"  # data flows: arguments to parameters, results to call sites


class Node(NamedTuple):
    """A vertex: a file's module, one of its definitions, or a name nothing defines.

    ``key`` is stable while the definition exists (``path::qualified.name::kind#n``); ``n``
    tells apart definitions of the same name and kind in one file.
    """

    key: str
    kind: str  # a SymbolKind value, "module", or "unresolved"
    name: str
    qname: str
    path: str
    ordinal: int = 0


class Edge(NamedTuple):
    """An arc, and where in the code it comes from.

    ``origin`` is the piece of code it was read from (a ChunkFacts, or a file's facts for its
    structure), ``site`` the index of the reference (``>= 0``) or import (``-1 - i``) in it;
    ``flow`` says which way data goes for def-use edges; ``guess`` marks an edge to one of
    several definitions a name could mean (a method called on a value of unknown type).
    """

    kind: EdgeKind
    path: str
    origin: object
    site: int
    flow: str = ""
    guess: bool = False


def module_key(path: str) -> str:
    """The key of a file's module node."""
    return f"{path}::"


def symbol_key(path: str, qname: str, kind: str, ordinal: int) -> str:
    """The key of a definition's node."""
    return f"{path}::{qname}::{kind}#{ordinal}"


def unresolved_key(name: str) -> str:
    """The key of the node standing for a name nothing in the workspace defines."""
    return f"?{name}"
