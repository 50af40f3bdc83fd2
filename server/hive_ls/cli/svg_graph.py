"""The impact graph drawn as inline SVG: one column per distance, boxes joined by curved arrows."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from hive_ls.cli.impact_view import ImpactView, ViewEdge, ViewNode
from hive_ls.cli.render import (
    EDGE_COLOURS,
    NODE_FILL,
    NODE_STROKE,
    OTHER_EDGE,
    TARGET_FILL,
    TARGET_STROKE,
    TEST_FILL,
    TEST_STROKE,
    edge_colour,
)

MAX_DRAWN = 120  # nearest nodes drawn; the tables below the drawing list every one
MAX_OTHER_EDGES = 40  # beyond this many, edges off the reason paths are left out of the drawing
ROWS = 30  # a column holding more boxes than this wraps into several
BOX_H, ROW_GAP, COL_GAP, MARGIN = 40, 14, 96, 24
NAME_PX, PLACE_PX = 7.9, 6.7  # advance of one monospace character at 13px and 11px
MIN_W, MAX_W = 130, 330


@dataclass(frozen=True)
class Box:
    """Where a node is drawn."""

    node: ViewNode
    x: float
    y: float
    w: float
    column: int

    @property
    def mid(self) -> float:
        """The vertical middle of the box."""
        return self.y + BOX_H / 2


def _fit(text: str, px: float, width: float) -> str:
    """``text`` shortened from the left (keeping its informative end) to fit ``width``."""
    room = int((width - 16) / px)
    return text if len(text) <= room else "…" + text[-(room - 1) :]


def _place(node: ViewNode) -> str:
    """The second line of a box: where the node is defined and what it is."""
    return f"{node.where} · {node.kind}"


def _columns(view: ImpactView, nodes: list[ViewNode]) -> list[list[ViewNode]]:
    """Nodes grouped by distance, each group ordered under its reason-path parents."""
    parents = {edge.target: edge.source for edge in view.edges if edge.tree}
    layers: dict[int, list[ViewNode]] = {}
    for node in nodes:
        layers.setdefault(node.distance, []).append(node)
    order: dict[str, int] = {}
    columns: list[list[ViewNode]] = []
    for distance in sorted(layers):
        layer = sorted(
            layers[distance],
            key=lambda n: (order.get(parents.get(n.id, ""), len(order)), -n.rank, n.qname),
        )
        for start in range(0, len(layer), ROWS):
            columns.append(layer[start : start + ROWS])
        order.update((node.id, index) for index, node in enumerate(layer))
    return columns


def layout(view: ImpactView) -> tuple[dict[str, Box], float, float]:
    """Boxes for the nearest ``MAX_DRAWN`` nodes, and the width and height of the drawing."""
    columns = _columns(view, list(view.nodes[:MAX_DRAWN]))
    tallest = max(len(column) for column in columns)
    height = 2 * MARGIN + tallest * BOX_H + (tallest - 1) * ROW_GAP
    boxes: dict[str, Box] = {}
    x = float(MARGIN)
    for number, column in enumerate(columns):
        width = max(max(len(n.local) * NAME_PX, len(_place(n)) * PLACE_PX) + 20 for n in column)
        width = min(max(width, MIN_W), MAX_W)
        used = len(column) * BOX_H + (len(column) - 1) * ROW_GAP
        y = (height - used) / 2
        for node in column:
            boxes[node.id] = Box(node, x, y, width, number)
            y += BOX_H + ROW_GAP
        x += width + COL_GAP
    return boxes, x - COL_GAP + MARGIN, height


def _bezier(x1: float, y1: float, c1: float, c2: float, x2: float, y2: float) -> str:
    """A cubic curve from (x1, y1) to (x2, y2) leaving and arriving horizontally."""
    return f"M{x1:.1f},{y1:.1f} C{c1:.1f},{y1:.1f} {c2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _curve(start: Box, end: Box) -> str:
    """The path of an arrow: forward between columns, or looping back or within a column."""
    if end.column > start.column:
        x1, x2 = start.x + start.w, end.x - 2
        bend = (x2 - x1) / 2
        return _bezier(x1, start.mid, x1 + bend, x2 - bend, x2, end.mid)
    if end.column < start.column:
        x1, x2 = start.x, end.x + end.w + 2
        bend = max((x1 - x2) / 2, 30)
        return _bezier(x1, start.mid, x1 - bend, x2 + bend, x2, end.mid)
    reach = _reach(start, end)
    return _bezier(start.x + start.w, start.mid, reach, reach, end.x + end.w + 2, end.mid)


def _reach(start: Box, end: Box) -> float:
    """How far right a loop between two boxes of one column bulges."""
    return max(start.x + start.w, end.x + end.w) + 24 + abs(end.mid - start.mid) / 6


def _markers() -> list[str]:
    colours = dict(EDGE_COLOURS)
    colours["other"] = OTHER_EDGE
    return [
        f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
        for kind, colour in colours.items()
    ]


def _edge(edge: ViewEdge, boxes: dict[str, Box]) -> str:
    start, end = boxes[edge.source], boxes[edge.target]
    colour = edge_colour(edge.kind, edge.tree)
    marker = edge.kind if edge.tree and edge.kind in EDGE_COLOURS else "other"
    dash = ' stroke-dasharray="5 4"' if not edge.tree or edge.guess else ""
    width = "1.8" if edge.tree else "1.2"
    title = f"{start.node.qname} → {end.node.qname} ({edge.kind})"
    return (
        f'<path class="edge" d="{_curve(start, end)}" stroke="{colour}" '
        f'stroke-width="{width}" fill="none"{dash} marker-end="url(#arrow-{marker})">'
        f"<title>{escape(title)}</title></path>"
    )


def _box(box: Box) -> str:
    node = box.node
    fill, stroke, width = NODE_FILL, NODE_STROKE, 1.2
    if node.target:
        fill, stroke, width = TARGET_FILL, TARGET_STROKE, 3.0
    elif node.test:
        fill, stroke = TEST_FILL, TEST_STROKE
    dash = ' stroke-dasharray="5 3"' if node.guess else ""
    how = f" · via {node.via}, distance {node.distance}" if not node.target else " · the target"
    title = f"{node.qname}\n{node.where} · {node.kind}{how}\n{' → '.join(node.reason)}"
    return (
        f'<a href="#{node.id}"><g class="node">'
        f"<title>{escape(title)}</title>"
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{BOX_H}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>'
        f'<text x="{box.x + 10:.1f}" y="{box.y + 17:.1f}" class="name">'
        f"{escape(_fit(node.local, NAME_PX, box.w))}</text>"
        f'<text x="{box.x + 10:.1f}" y="{box.y + 32:.1f}" class="place">'
        f"{escape(_fit(_place(node), PLACE_PX, box.w))}</text>"
        "</g></a>"
    )


def drawn_edges(view: ImpactView) -> list[ViewEdge]:
    """The edges between drawn nodes; only the reason paths when the others are too many."""
    ids = {node.id for node in view.nodes[:MAX_DRAWN]}
    edges = [e for e in view.edges if e.source in ids and e.target in ids]
    if sum(not e.tree for e in edges) > MAX_OTHER_EDGES:
        return [e for e in edges if e.tree]
    return edges


def svg(view: ImpactView) -> str:
    """The drawing: columns by distance, the target highlighted, every box titled."""
    boxes, width, height = layout(view)
    edges = drawn_edges(view)
    for edge in edges:
        start, end = boxes[edge.source], boxes[edge.target]
        if start.column == end.column:
            width = max(width, _reach(start, end) + MARGIN)
    edges.sort(key=lambda e: e.tree)  # reason paths drawn last, on top
    parts = [
        f'<svg width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape("impact graph of " + view.target.qname)}">',
        "<defs>",
        *_markers(),
        "</defs>",
        *(_edge(edge, boxes) for edge in edges),
        *(_box(box) for box in boxes.values()),
        "</svg>",
    ]
    return "\n".join(parts)
