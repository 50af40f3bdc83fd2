"""The ``index``, ``symbols`` and ``doctor`` commands."""

from __future__ import annotations

import json
import os
import platform
import sys
from collections import Counter
from importlib import metadata

from hive_ls import __version__
from hive_ls.base.lines import LineIndex
from hive_ls.cli.progress import ProgressBar
from hive_ls.cli.workspace import index_folder
from hive_ls.features.symbol_search import search_symbols


def run_index(
    path: str, fmt: str, index_dir: str | None = None, embed: bool = False, trust: bool = False
) -> int:
    """Index ``path`` (warm from its store), save it, and print a summary (text or JSON)."""
    _, report = index_folder(path, fmt == "text", index_dir, keep_store=embed, trust=trust)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    embedded = 0
    if report.store is not None:
        bar = ProgressBar("embedding") if fmt == "text" else None
        try:
            embedded = report.store.embed_all(bar)
        finally:
            report.store.close()
            if bar:
                bar.close()
    reasons = Counter(s.reason for s in report.skipped)
    if fmt == "json":
        print(
            json.dumps(
                {
                    "files": report.files,
                    "symbols": report.symbols,
                    "languages": dict(sorted(report.languages.items())),
                    "skipped": len(report.skipped),
                    "skip_reasons": dict(sorted(reasons.items())),
                    "seconds": round(report.seconds, 3),
                    "reused": report.reused,
                    "parsed": report.parsed,
                    "index_dir": report.store_dir,
                    "embedded": embedded,
                }
            )
        )
        return 0
    print(f"{report.files} files, {report.symbols} symbols in {report.seconds:.2f}s")
    if report.store_dir:
        print(
            f"  index kept in {report.store_dir} ({report.reused} files unchanged since the last "
            f"run, {report.parsed} parsed{f', {embedded} chunks embedded' if embed else ''})"
        )
    for language, count in sorted(report.languages.items(), key=lambda kv: -kv[1]):
        print(f"  {language:<12} {count} files")
    if report.skipped:
        detail = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        print(f"skipped {len(report.skipped)} ({detail}); run with -v for each path")
    return 0


def run_symbols(path: str, query: str, limit: int, fmt: str, trust: bool = False) -> int:
    """Index ``path`` and print the symbols best matching ``query``."""
    host, _ = index_folder(path, show_progress=False, trust=trust)
    snap = host.snapshot()
    matches = search_symbols(snap, query, limit=limit)
    rows = []
    for match in matches:
        entry = snap.files[match.location.path]
        line, column = LineIndex(entry.data).position(match.location.span.start)
        rows.append(
            {
                "name": match.name,
                "kind": match.kind.value,
                "qualified_name": match.qname,
                "path": entry.relpath,
                "line": line + 1,
                "column": column + 1,
                "score": round(match.score, 2),
            }
        )
    if fmt == "json":
        print(json.dumps(rows))
    else:
        for row in rows:
            print(f"{row['kind']:<11} {row['qualified_name']}  {row['path']}:{row['line']}")
        if not rows:
            print(f"no symbol matches {query!r}", file=sys.stderr)
    return 0 if rows else 1


def _cpu_flags() -> list[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return [f for f in ("sse4_2", "avx", "avx2", "fma", "avx512f") if f in flags]
    except OSError:
        pass
    return []


def run_doctor(fmt: str) -> int:
    """Print versions, grammars and CPU features; non-zero when a grammar or query is broken."""
    from hive_ls.extract.queries import QueryError, query
    from hive_ls.parse.grammar import language
    from hive_ls.parse.registry import default_registry, grammars_dir

    packages = {}
    for name in (
        "pygls",
        "lsprotocol",
        "tree-sitter",
        "tree-sitter-language-pack",
        "blake3",
        "pathspec",
    ):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "missing"
    grammars = {}
    broken = 0
    for name, spec in sorted(default_registry().languages.items()):
        status = "ok"
        try:
            language(spec.grammar)
            for kind in ("tags", "locals"):
                query(spec, kind)
        except (QueryError, LookupError, ValueError) as exc:
            status, broken = f"broken: {exc}", broken + 1
        grammars[name] = {
            "grammar": spec.grammar,
            "extensions": list(spec.extensions),
            "status": status,
        }
    flags = _cpu_flags()
    info = {
        "hive-ls": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpu_features": flags,
        "packages": packages,
        "grammars_dir": str(grammars_dir()),
        "grammars": grammars,
    }
    if fmt == "json":
        print(json.dumps(info, indent=2))
    else:
        print(f"hive-ls {__version__} on Python {info['python']} ({info['platform']})")
        print(f"CPUs: {info['cpus']}; features: {', '.join(flags) or 'unknown'}")
        for name, version in packages.items():
            print(f"  {name:<26} {version}")
        print(f"grammars in {info['grammars_dir']}:")
        for name, grammar in grammars.items():
            print(f"  {name:<12} {grammar['status']:<4} .{' .'.join(grammar['extensions'])}")
    return 1 if broken or "missing" in packages.values() else 0
