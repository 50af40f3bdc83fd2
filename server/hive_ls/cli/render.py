"""Drawing the impact graph as Mermaid or Graphviz DOT text, with the target highlighted."""

from __future__ import annotations

from hive_ls.cli.impact_view import ImpactView, ViewNode

#: the colour of an arrow by dependency kind (shared with the HTML page)
EDGE_COLOURS = {
    "calls": "#2563eb",
    "references": "#059669",
    "inherits": "#7c3aed",
    "imports": "#d97706",
    "def-use": "#dc2626",
}
OTHER_EDGE = "#9ca3af"
TARGET_FILL, TARGET_STROKE = "#fde68a", "#b45309"
TEST_FILL, TEST_STROKE = "#dcfce7", "#15803d"
NODE_FILL, NODE_STROKE = "#f8fafc", "#475569"


def edge_colour(kind: str, tree: bool) -> str:
    """The colour of an arrow: by kind on reason paths, grey for the other dependencies."""
    return EDGE_COLOURS.get(kind, NODE_STROKE) if tree else OTHER_EDGE


def describe(view: ImpactView) -> str:
    """One line saying what the arrows mean."""
    if view.direction == "up":
        return f"what depends on {view.target.qname} (arrows: a change travels this way)"
    return f"what {view.target.qname} depends on (arrows: depends on)"


def _mermaid_text(text: str) -> str:
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


def _mermaid_node(node: ViewNode) -> str:
    label = f"{_mermaid_text(node.local)}<br/>{_mermaid_text(node.where)}"
    return f'    {node.id}["{label}"]'


def mermaid(view: ImpactView) -> str:
    """A Mermaid flowchart, left to right by distance."""
    lines = ["flowchart LR", f"    %% hive-ls impact: {describe(view)}"]
    lines.extend(_mermaid_node(node) for node in view.nodes)
    styles = []
    for number, edge in enumerate(view.edges):
        arrow = "-->" if edge.tree else "-.->"
        lines.append(f'    {edge.source} {arrow}|"{edge.kind}"| {edge.target}')
        styles.append(f"    linkStyle {number} stroke:{edge_colour(edge.kind, edge.tree)}")
    lines.extend(styles)
    lines.append(f"    classDef default fill:{NODE_FILL},stroke:{NODE_STROKE}")
    lines.append(f"    classDef target fill:{TARGET_FILL},stroke:{TARGET_STROKE},stroke-width:3px")
    lines.append(f"    classDef test fill:{TEST_FILL},stroke:{TEST_STROKE}")
    lines.append("    classDef guess stroke-dasharray:4 3")
    lines.append(f"    class {view.target.id} target")
    tests = [node.id for node in view.nodes if node.test and not node.target]
    if tests:
        lines.append(f"    class {','.join(tests)} test")
    guesses = [node.id for node in view.nodes if node.guess]
    if guesses:
        lines.append(f"    class {','.join(guesses)} guess")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_node(node: ViewNode) -> str:
    attrs = {
        "label": _dot_text(f"{node.local}\n{node.where}"),
        "tooltip": _dot_text(f"{node.qname}\n{node.where} · {node.kind}"),
    }
    if node.target:
        attrs.update(fillcolor=_dot_text(TARGET_FILL), color=_dot_text(TARGET_STROKE))
        attrs["penwidth"] = "3"
    elif node.test:
        attrs.update(fillcolor=_dot_text(TEST_FILL), color=_dot_text(TEST_STROKE))
    if node.guess:
        attrs["style"] = _dot_text("rounded,filled,dashed")
    body = ", ".join(f"{name}={value}" for name, value in attrs.items())
    return f"    {node.id} [{body}];"


def dot(view: ImpactView) -> str:
    """A Graphviz digraph, left to right, one rank per distance."""
    lines = [
        "digraph impact {",
        f"    label={_dot_text('hive-ls impact: ' + describe(view))};",
        "    labelloc=t;",
        "    rankdir=LR;",
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", '
        f'fillcolor="{NODE_FILL}", color="{NODE_STROKE}"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    lines.extend(_dot_node(node) for node in view.nodes)
    for edge in view.edges:
        attrs = f'label="{edge.kind}", color="{edge_colour(edge.kind, edge.tree)}"'
        if not edge.tree:
            attrs += ", style=dashed, constraint=false"
        lines.append(f"    {edge.source} -> {edge.target} [{attrs}];")
    layers: dict[int, list[str]] = {}
    for node in view.nodes:
        layers.setdefault(node.distance, []).append(node.id)
    for distance in sorted(layers):
        lines.append(f"    {{ rank=same; {'; '.join(layers[distance])}; }}")
    lines.append("}")
    return "\n".join(lines) + "\n"
