"""What a name can stand for besides a symbol: a local variable, a module, a library value."""

from __future__ import annotations

from typing import NamedTuple

from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.span import Span


class LocalTarget(NamedTuple):
    """A local variable or parameter: where it is defined, and its declared type if known."""

    path: str
    span: Span
    name: str
    type_hint: tuple[str, ...]


class ModuleTarget(NamedTuple):
    """A module (or package), and the files it is made of."""

    module: str
    paths: tuple[str, ...]


class LibraryType(NamedTuple):
    """A value of a container type from outside the workspace (``Map<K, V>``, ``list[T]``).

    Known only for what its language's container table says its items are: the type
    ``arguments`` (chains seen from ``offset`` of ``path``) give the item an index, a loop or
    a member's result takes. With ``member``, that member of such a value (``m.get``). It
    only ever stands between links of a chain: no answer names one. An object type written in
    place (``{ a: A; b: B }``) is one too, named ``OBJECT_TYPE``: ``arguments`` are the types
    its ``fields`` declare.
    """

    name: str
    arguments: tuple[tuple[str, ...], ...]
    path: str
    offset: int
    member: str = ""
    fields: tuple[str, ...] = ()  # an object type written in place: its members' names


OBJECT_TYPE = "{}"  # the name of a LibraryType standing for an object type written in place

Target = SymbolRef | LocalTarget | ModuleTarget
#: what a link of a chain can stand for on the way: a target, or a library container value
Owner = Target | LibraryType
