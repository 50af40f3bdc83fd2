"""Command line entry point: parses arguments and dispatches to a command."""

from __future__ import annotations

import argparse
import logging
import sys

from hive_ls import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hive-ls",
        description="A language server that keeps the whole codebase as a live dependence graph.",
    )
    parser.add_argument("--version", action="version", version=f"hive-ls {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (-v info, -vv debug) to stderr"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    trust = argparse.ArgumentParser(add_help=False)
    trust.add_argument(
        "--trust",
        action="store_true",
        help="trust the folder: let its .hive/config.toml choose endpoints, keys, paths, tests",
    )

    serve = sub.add_parser(
        "serve", help="run the language server (stdio by default)", parents=[trust]
    )
    channel = serve.add_mutually_exclusive_group()
    channel.add_argument("--tcp", action="store_true", help="listen on TCP instead of stdio")
    channel.add_argument(
        "--stdio", action="store_true", help="talk over stdin/stdout (the default; for clients)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="TCP address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    serve.add_argument("--log-file", help="write the server log here instead of stderr")
    serve.add_argument(
        "--token-file",
        help="TCP: clients must send this file's token in initializationOptions.token "
        "(default: $HIVE_LS_TOKEN when set)",
    )

    index = sub.add_parser(
        "index", help="index a folder and summarise what was found", parents=[trust]
    )
    index.add_argument("path", help="the workspace folder")
    index.add_argument("--format", choices=("text", "json"), default="text")
    index.add_argument(
        "--index-dir",
        help="keep the index under this folder (default: $HIVE_LS_INDEX_DIR or the cache)",
    )
    index.add_argument(
        "--embed", action="store_true", help="also embed every chunk now (slow on a CPU)"
    )

    search = sub.add_parser(
        "search", help="find code by meaning (vector + text + graph)", parents=[trust]
    )
    search.add_argument("query", help="what the code does, in words, or names")
    search.add_argument("--root", default=".", help="the workspace folder (default: here)")
    search.add_argument("--k", type=int, default=10, help="how many results (default 10)")
    search.add_argument(
        "--mode",
        choices=("graph", "hybrid", "vector", "text"),
        default="graph",
        help="graph: hybrid expanded through the graph (default); hybrid: vector+text fused",
    )
    search.add_argument("--language", action="append", default=[], help="only this language")
    search.add_argument("--kind", action="append", default=[], help="only this kind (function ...)")
    search.add_argument("--path", default="", help="only files matching this glob (src/*)")
    search.add_argument("--index-dir", help="where the index is kept")
    search.add_argument("--format", choices=("text", "json"), default="text")

    symbols = sub.add_parser("symbols", help="search the symbols of a folder", parents=[trust])
    symbols.add_argument("path", help="the workspace folder")
    symbols.add_argument("query", help="a name, part of one, or Class.member")
    symbols.add_argument("--limit", type=int, default=20)
    symbols.add_argument("--format", choices=("text", "json"), default="text")

    doctor = sub.add_parser("doctor", help="check the installation: versions, grammars, CPU")
    doctor.add_argument("--format", choices=("text", "json"), default="text")
    _graph_parsers(sub, trust)
    return parser


def _graph_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], trust: argparse.ArgumentParser
) -> None:
    """The commands over the dependence graph: impact, tests-for, hotspots."""
    impact = sub.add_parser(
        "impact",
        help="what depends on a definition (or what it depends on), with its tests",
        parents=[trust],
    )
    impact.add_argument(
        "target", help="FILE:LINE (1-based; the symbol defined or called there) or a.qualified.name"
    )
    impact.add_argument("--root", default=".", help="the workspace folder (default: here)")
    impact.add_argument("--depth", type=int, default=5, help="steps to follow (default 5)")
    impact.add_argument(
        "--direction",
        choices=("up", "down"),
        default="up",
        help="up: who depends on it (default); down: what it depends on",
    )
    impact.add_argument(
        "--data-flow", action="store_true", help="also follow data flow (def-use) edges"
    )
    impact.add_argument(
        "--no-guesses",
        action="store_true",
        help="leave out what is reached only through a guess (a call on a value of unknown type)",
    )
    impact.add_argument(
        "--format", choices=("text", "json", "mermaid", "dot", "html"), default="text"
    )

    tests_for = sub.add_parser(
        "tests-for", help="the tests to run for a symbol, files or a diff", parents=[trust]
    )
    tests_for.add_argument("--root", default=".", help="the workspace folder (default: here)")
    what = tests_for.add_mutually_exclusive_group(required=True)
    what.add_argument("--symbol", help="a qualified name (or FILE:LINE)")
    what.add_argument("--files", nargs="+", metavar="FILE", help="changed files")
    what.add_argument("--git-diff", metavar="REV", help="what changed since a git revision")
    tests_for.add_argument(
        "--no-guesses",
        action="store_true",
        help="leave out tests reached only through a guess (marked ? otherwise)",
    )
    tests_for.add_argument(
        "--format",
        choices=("text", "json", "pytest"),
        default="text",
        help="pytest: node ids only, one per line",
    )

    context = sub.add_parser(
        "context", help="the token-budgeted context AI actions send models", parents=[trust]
    )
    context.add_argument("target", help="FILE:LINE (1-based) or a.qualified.name")
    context.add_argument("--root", default=".", help="the workspace folder (default: here)")
    context.add_argument("--budget", type=int, default=2000, help="tokens (default 2000)")
    context.add_argument("--format", choices=("text", "json"), default="text")

    ask = sub.add_parser(
        "ask", help="run the AI pipeline on a place and print the proposed diff", parents=[trust]
    )
    ask.add_argument("instruction", help="what to do (or the question, with --kind explain)")
    ask.add_argument("--at", required=True, help="FILE:LINE (1-based) or a.qualified.name")
    ask.add_argument("--root", default=".", help="the workspace folder (default: here)")
    ask.add_argument(
        "--kind",
        default="ask",
        choices=("ask", "explain", "fix", "refactor", "docstring", "tests", "callers"),
    )
    ask.add_argument(
        "--apply", action="store_true", help="write the change (only if it passed validation)"
    )
    ask.add_argument(
        "--allow-risky",
        action="store_true",
        help="with --apply: also write a change that adds network, process or file-writing calls",
    )
    ask.add_argument("--format", choices=("text", "json"), default="text")

    spots = sub.add_parser(
        "hotspots", help="the most central, most depended-on definitions", parents=[trust]
    )
    spots.add_argument("--root", default=".", help="the workspace folder (default: here)")
    spots.add_argument("--limit", type=int, default=20)
    spots.add_argument("--format", choices=("text", "json"), default="text")


def _run_graph_command(args: argparse.Namespace) -> int:
    """Run impact, tests-for or hotspots; a reader that stops early (``| head``) is no error."""
    try:
        return _dispatch_graph_command(args)
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _dispatch_graph_command(args: argparse.Namespace) -> int:
    from hive_ls.cli import graph_commands

    if args.command == "impact":
        return graph_commands.run_impact(
            args.root,
            args.target,
            args.depth,
            args.direction,
            args.data_flow,
            args.format,
            trust=args.trust,
            guesses=not args.no_guesses,
        )
    if args.command in ("context", "ask"):
        from hive_ls.cli import ai_commands

        if args.command == "context":
            return ai_commands.run_context(
                args.root, args.target, args.budget, args.format, trust=args.trust
            )
        return ai_commands.run_ask(
            args.root,
            args.instruction,
            args.at,
            args.kind,
            args.apply,
            args.format,
            trust=args.trust,
            allow_risky=args.allow_risky,
        )
    if args.command == "tests-for":
        return graph_commands.run_tests_for(
            args.root,
            args.symbol,
            args.files,
            args.git_diff,
            args.format,
            trust=args.trust,
            guesses=not args.no_guesses,
        )
    return graph_commands.run_hotspots(args.root, args.limit, args.format, trust=args.trust)


def main(argv: list[str] | None = None) -> int:
    """Run ``hive-ls`` with ``argv``; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    if args.command is None:
        parser.print_help()
        return 2
    from hive_ls.cli.logs import configure_logging
    from hive_ls.cli.workspace import UsageError

    try:
        if args.command == "serve":
            from hive_ls.cli.serve import run_serve

            return run_serve(
                args.tcp, args.host, args.port, args.log_file, level, args.trust, args.token_file
            )
        configure_logging(level, short=True)
        from hive_ls.cli import commands

        if args.command == "index":
            return commands.run_index(
                args.path, args.format, args.index_dir, args.embed, trust=args.trust
            )
        if args.command == "search":
            from hive_ls.cli.search_command import run_search
            from hive_ls.store import Filters

            filters = Filters(tuple(args.language), tuple(args.kind), args.path)
            return run_search(
                args.root,
                args.query,
                args.k,
                args.format,
                args.mode,
                filters,
                args.index_dir,
                trust=args.trust,
            )
        if args.command == "symbols":
            return commands.run_symbols(
                args.path, args.query, args.limit, args.format, trust=args.trust
            )
        if args.command in ("impact", "tests-for", "hotspots", "context", "ask"):
            return _run_graph_command(args)
        return commands.run_doctor(args.format)
    except UsageError as exc:
        print(f"hive-ls: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
