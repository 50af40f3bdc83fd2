"""Plain results the features return; the LSP layer turns them into protocol types."""

from __future__ import annotations

from dataclasses import dataclass, field

from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span


class UnknownFile(LookupError):
    """A request named a file hive-ls has neither indexed nor seen opened."""


@dataclass(frozen=True)
class Location:
    """A place in a file."""

    path: str
    span: Span


@dataclass(frozen=True)
class OutlineItem:
    """One entry of a file's outline, with the entries nested in it."""

    name: str
    kind: SymbolKind
    detail: str
    span: Span
    selection: Span
    children: tuple[OutlineItem, ...] = field(default=())


@dataclass(frozen=True)
class SymbolMatch:
    """A workspace symbol matching a search, with its score (higher is better)."""

    name: str
    kind: SymbolKind
    qname: str
    container: str
    location: Location
    score: float


@dataclass(frozen=True)
class HoverInfo:
    """What to show over a name: markdown, and the span of the name."""

    markdown: str
    span: Span


@dataclass(frozen=True)
class Problem:
    """A diagnostic: where, what, and how bad (1 error, 2 warning, 3 information, 4 hint)."""

    span: Span
    message: str
    severity: int = 1


@dataclass(frozen=True)
class GraphItem:
    """A node of the dependence graph placed in the code: where it is defined and named."""

    key: str
    name: str
    kind: str
    qname: str
    path: str
    span: Span
    selection: Span
    detail: str = ""


@dataclass(frozen=True)
class CallLink:
    """A caller or callee, and where the calls are (in the caller's file)."""

    item: GraphItem
    sites: tuple[Span, ...]


@dataclass(frozen=True)
class Dependent:
    """A node found by impact analysis: how far, how, and by which way (names, start first)."""

    item: GraphItem
    distance: int
    via: str
    reason: tuple[str, ...]
    guess: bool
    rank: float


@dataclass(frozen=True)
class TestHit:
    """A test that reaches what changed: its runner id and how far it is from the change."""

    item: GraphItem
    test_id: str
    distance: int
    reason: tuple[str, ...]
    guess: bool = False  # reached through a guess (a call on a value of unknown type)


@dataclass(frozen=True)
class ImpactReport:
    """The dependents (or dependencies) of a definition, and the tests that reach it."""

    target: GraphItem
    direction: str
    depth: int
    dependents: tuple[Dependent, ...]
    tests: tuple[TestHit, ...]
    truncated: bool  # some dependents are left out
    # dependents found, shown or not (a lower bound when the walk stopped at its node limit)
    total: int = 0
