"""An impact report as plain nodes, edges and test rows, ready to print, serialise or draw."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hive_ls.cli.graph_workspace import Workspace, module_of, place
from hive_ls.features.results import Dependent, GraphItem, ImpactReport, TestHit
from hive_ls.graph.model import EdgeKind
from hive_ls.graph.traverse import DEPENDS, FLOWS


@dataclass(frozen=True)
class ViewNode:
    """A definition in the impact graph: the target (distance 0) or a dependent."""

    id: str
    key: str
    name: str
    local: str  # the qualified name without its module, for labels
    qname: str
    kind: str
    path: str
    line: int
    distance: int
    via: str
    reason: tuple[str, ...]
    guess: bool
    rank: float
    test: bool
    target: bool

    @property
    def where(self) -> str:
        """``path:line``, as compilers print places."""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class ViewEdge:
    """An arrow between two nodes; ``tree`` when it lies on a reason path."""

    source: str
    target: str
    kind: str
    tree: bool
    guess: bool


@dataclass(frozen=True)
class TestRow:
    """A test that reaches the target."""

    test_id: str
    qname: str
    path: str
    line: int
    distance: int
    reason: tuple[str, ...]
    guess: bool = False


@dataclass(frozen=True)
class ImpactView:
    """Everything the impact command shows; ``nodes[0]`` is the target."""

    direction: str
    depth: int
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    tests: tuple[TestRow, ...]
    truncated: bool
    total: int  # dependents found, shown or not

    @property
    def target(self) -> ViewNode:
        """The node asked about."""
        return self.nodes[0]


def _node(space: Workspace, index: int, found: GraphItem, dep: Dependent | None) -> ViewNode:
    path, line = place(space, found)
    module = module_of(space, found)
    local = found.qname
    if module and found.qname.startswith(module + ".") and found.kind != "module":
        local = found.qname[len(module) + 1 :]
    return ViewNode(
        f"n{index}",
        found.key,
        found.name,
        local or found.name,
        found.qname or found.name,
        found.kind,
        path,
        line,
        dep.distance if dep else 0,
        dep.via if dep else "",
        dep.reason if dep else (found.qname,),
        dep.guess if dep else False,
        dep.rank if dep else 0.0,
        False,
        dep is None,
    )


def _tree_edges(nodes: list[ViewNode]) -> list[ViewEdge]:
    """The arrows of the reason paths: from each node's predecessor on its path to it."""
    by_step: dict[tuple[int, str], ViewNode] = {}
    for node in nodes:
        by_step.setdefault((node.distance, node.qname), node)
    edges = []
    for node in nodes[1:]:
        if len(node.reason) < 2:
            continue
        parent = by_step.get((node.distance - 1, node.reason[-2]))
        if parent is not None:
            edges.append(ViewEdge(parent.id, node.id, node.via, True, node.guess))
    return edges


def _other_edges(
    space: Workspace, nodes: list[ViewNode], upward: bool, flows: bool, tree: set[tuple[str, str]]
) -> list[ViewEdge]:
    """The other dependencies between drawn nodes, each in the direction impact travels."""
    ids = {node.key: node.id for node in nodes}
    kinds = DEPENDS | FLOWS if flows else DEPENDS
    found: dict[tuple[str, str], ViewEdge] = {}
    for node in nodes:
        for other, edge in space.sync.graph.out_edges(node.key):
            if other.key not in ids or other.key == node.key or edge.kind not in kinds:
                continue
            source, target = node.id, ids[other.key]
            if upward == (edge.kind != EdgeKind.DEF_USE):
                source, target = target, source
            pair = (source, target)
            if pair not in tree and pair not in found:
                found[pair] = ViewEdge(source, target, edge.kind.value, False, edge.guess)
    return list(found.values())


def build_view(space: Workspace, report: ImpactReport, data_flow: bool) -> ImpactView:
    """The drawable form of ``report``: numbered nodes, reason-path and other edges, tests."""
    test_keys = {hit.item.key for hit in report.tests}
    nodes = [_node(space, 0, report.target, None)]
    for index, dep in enumerate(report.dependents, start=1):
        node = _node(space, index, dep.item, dep)
        if node.key in test_keys:
            node = replace(node, test=True)
        nodes.append(node)
    tree = _tree_edges(nodes)
    pairs = {(edge.source, edge.target) for edge in tree}
    other = _other_edges(space, nodes, report.direction == "up", data_flow, pairs)
    return ImpactView(
        report.direction,
        report.depth,
        tuple(nodes),
        (*tree, *other),
        tuple(test_row(space, hit) for hit in report.tests),
        report.truncated,
        report.total,
    )


def test_row(space: Workspace, hit: TestHit) -> TestRow:
    """A test hit placed in the code."""
    path, line = place(space, hit.item)
    return TestRow(hit.test_id, hit.item.qname, path, line, hit.distance, hit.reason, hit.guess)


def node_json(node: ViewNode) -> dict[str, object]:
    """A node as JSON-ready values."""
    return {
        "name": node.name,
        "qualified_name": node.qname,
        "kind": node.kind,
        "path": node.path,
        "line": node.line,
        "distance": node.distance,
        "via": node.via,
        "reason": list(node.reason),
        "guess": node.guess,
        "rank": round(node.rank, 6),
        "test": node.test,
    }


def test_json(row: TestRow) -> dict[str, object]:
    """A test row as JSON-ready values."""
    return {
        "test_id": row.test_id,
        "qualified_name": row.qname,
        "path": row.path,
        "line": row.line,
        "distance": row.distance,
        "reason": list(row.reason),
        "guess": row.guess,
    }


def view_json(view: ImpactView) -> dict[str, object]:
    """The whole view as JSON-ready values (edges name their ends by qualified name)."""
    names = {node.id: node.qname for node in view.nodes}
    return {
        "target": node_json(view.target),
        "direction": view.direction,
        "depth": view.depth,
        "truncated": view.truncated,
        "total": view.total,
        "dependents": [node_json(node) for node in view.nodes[1:]],
        "tests": [test_json(row) for row in view.tests],
        "edges": [
            {
                "from": names[edge.source],
                "to": names[edge.target],
                "kind": edge.kind,
                "reason_path": edge.tree,
                "guess": edge.guess,
            }
            for edge in view.edges
        ],
    }
