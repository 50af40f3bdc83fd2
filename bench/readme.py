"""Keeps the Benchmarks section of the project README in step with the latest full run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.report_peers import summary_table

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def section(r: dict[str, Any]) -> str:
    """The generated part: date, machine, revision, and the table over every corpus."""
    m, git = r["machine"], r["git"]
    dirty = " with uncommitted changes" if git["dirty"] else ""
    return "\n".join(
        [
            BEGIN,
            f"Latest full run: {r['date']}, git `{git['rev']}`{dirty}; {m['cpu']}, "
            f"{m['cpus']} CPUs, {m['ram_gb']} GB RAM. p50 / p95 in ms over sampled call "
            "sites of each corpus's own functions; accuracy against the strongest peer "
            "(basedpyright; tsgo for TypeScript) over sites it resolves in the workspace, and "
            "the name check (does the answer "
            "contain the one definition of a name defined once). Every number and the "
            "spec's targets: [bench/results/latest.md](bench/results/latest.md).",
            "",
            *summary_table(r),
            END,
        ]
    )


def update_readme(r: dict[str, Any], path: Path = README) -> None:
    """Replace the generated part of ``## Benchmarks`` (added at its end the first time)."""
    text = path.read_text(encoding="utf-8")
    block = section(r)
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        match = re.search(r"^## Benchmarks\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
        if match is None:
            text = text.rstrip("\n") + "\n\n## Benchmarks\n\n" + block + "\n"
        else:
            body = match.group(1).rstrip("\n")
            text = text[: match.start(1)] + body + "\n\n" + block + "\n" + text[match.end(1) :]
    path.write_text(text, encoding="utf-8")
