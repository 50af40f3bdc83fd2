"""What a name can stand for besides a symbol: a local variable, or a module."""

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


Target = SymbolRef | LocalTarget | ModuleTarget
