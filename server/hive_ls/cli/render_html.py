"""The impact report as one self-contained HTML page: the graph drawn, a legend, and tables."""

from __future__ import annotations

from html import escape

from hive_ls.cli.impact_view import ImpactView
from hive_ls.cli.render import (
    EDGE_COLOURS,
    NODE_FILL,
    NODE_STROKE,
    OTHER_EDGE,
    TARGET_FILL,
    TARGET_STROKE,
    TEST_FILL,
    TEST_STROKE,
    describe,
)
from hive_ls.cli.svg_graph import MAX_DRAWN, drawn_edges, svg

_STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 24px; color: #1f2937; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h1 code { background: #fef3c7; padding: 1px 6px; border-radius: 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.sub { color: #4b5563; margin: 0 0 12px; }
.warn { color: #b45309; font-weight: 600; }
.drawing { overflow: auto; border: 1px solid #e5e7eb; border-radius: 8px; background: #fff; }
.drawing svg { display: block; }
svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
           fill: #111827; }
svg text.name { font-size: 13px; font-weight: 600; }
svg text.place { font-size: 11px; fill: #4b5563; }
svg .node:hover rect { stroke-width: 3; }
svg .edge:hover { stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 0; padding: 0;
          list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 22px; height: 14px; border-radius: 3px; border: 1.5px solid; }
.line { width: 26px; height: 0; border-top: 2px solid; }
table { border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #e5e7eb;
         vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; }
td code, li code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
tr:target { background: #fef3c7; }
.reason { color: #4b5563; }
.foot { margin-top: 24px; }
"""


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _legend(view: ImpactView) -> str:
    def swatch(fill: str, stroke: str, label: str, style: str = "solid") -> str:
        css = f"background:{fill};border-color:{stroke};border-style:{style}"
        return f'<li><span class="swatch" style="{css}"></span>{label}</li>'

    def line(colour: str, label: str, style: str = "solid") -> str:
        css = f"border-top-color:{colour};border-top-style:{style}"
        return f'<li><span class="line" style="{css}"></span>{label}</li>'

    kinds = {edge.kind for edge in view.edges if edge.tree}
    items = [
        swatch(TARGET_FILL, TARGET_STROKE, "the target"),
        swatch(TEST_FILL, TEST_STROKE, "a test"),
        swatch(NODE_FILL, NODE_STROKE, "a definition"),
        swatch(NODE_FILL, NODE_STROKE, "reached through a guess (dashed)", "dashed"),
        *(line(colour, escape(kind)) for kind, colour in EDGE_COLOURS.items() if kind in kinds),
    ]
    drawn = drawn_edges(view)
    if any(not edge.tree for edge in drawn):
        items.append(line(OTHER_EDGE, "another dependency between shown definitions", "dashed"))
    elif any(not edge.tree for edge in view.edges):
        items.append("<li>(other dependencies between them: too many to draw)</li>")

    return '<ul class="legend">' + "".join(items) + "</ul>"


def _dependents(view: ImpactView) -> str:
    if len(view.nodes) == 1:
        return "<p>None within this depth.</p>"
    rows = [
        "<tr><th>distance</th><th>via</th><th>kind</th><th>definition</th><th>where</th>"
        "<th>reason</th></tr>"
    ]
    for node in view.nodes[1:]:
        via = node.via + (" (guess)" if node.guess else "")
        rows.append(
            f'<tr id="{node.id}"><td class="num">{node.distance}</td><td>{escape(via)}</td>'
            f"<td>{escape(node.kind)}</td><td>{_code(node.qname)}</td>"
            f"<td>{_code(node.where)}</td>"
            f'<td class="reason">{escape(" → ".join(node.reason))}</td></tr>'
        )
    return "<table>" + "\n".join(rows) + "</table>"


def _tests(view: ImpactView) -> str:
    if view.direction != "up":
        return "<p>Tests are looked for upward only (<code>--direction up</code>).</p>"
    if not view.tests:
        return "<p>No test reaches the target.</p>"
    rows = ["<tr><th>test</th><th>distance</th><th>where</th><th>reason</th></tr>"]
    for row in view.tests:
        where = f"{row.path}:{row.line}"
        rows.append(
            f"<tr><td>{_code(row.test_id)}</td><td class='num'>{row.distance}</td>"
            f"<td>{_code(where)}</td>"
            f'<td class="reason">{escape(" → ".join(row.reason))}</td></tr>'
        )
    return "<table>" + "\n".join(rows) + "</table>"


def html_page(view: ImpactView) -> str:
    """A page that needs nothing but a browser: no scripts, fonts or other files."""
    target = view.target
    count = len(view.nodes) - 1
    way = "dependents" if view.direction == "up" else "dependencies"
    notes = []
    if view.truncated:
        notes.append(
            f'<p class="warn">Showing the nearest {count} of {view.total} or more {way}.</p>'
        )
    if len(view.nodes) > MAX_DRAWN:
        notes.append(
            f'<p class="warn">The drawing shows the nearest {MAX_DRAWN - 1} of {count} {way}; '
            "the table lists all of them.</p>"
        )
    title = f"Impact of {target.qname}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{escape(title)} · hive-ls</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>Impact of {_code(target.qname)}</h1>
<p class="sub">{escape(target.kind)} at {_code(target.where)} · {escape(describe(view))} ·
depth {view.depth} · {count} {way} · {len(view.tests)} test{"" if len(view.tests) == 1 else "s"}</p>
{"".join(notes)}
{_legend(view)}
<div class="drawing">
{svg(view)}
</div>
<h2>{way.capitalize()}</h2>
{_dependents(view)}
<h2>Tests</h2>
{_tests(view)}
<p class="sub foot">Made by hive-ls. Hover a box for its full name and place; click it for
its row.</p>
</body>
</html>
"""
