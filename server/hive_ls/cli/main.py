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

    serve = sub.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--tcp", action="store_true", help="listen on TCP instead of stdio")
    serve.add_argument("--host", default="127.0.0.1", help="TCP address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    serve.add_argument("--log-file", help="write the server log here instead of stderr")

    index = sub.add_parser("index", help="index a folder and summarise what was found")
    index.add_argument("path", help="the workspace folder")
    index.add_argument("--format", choices=("text", "json"), default="text")

    symbols = sub.add_parser("symbols", help="search the symbols of a folder")
    symbols.add_argument("path", help="the workspace folder")
    symbols.add_argument("query", help="a name, part of one, or Class.member")
    symbols.add_argument("--limit", type=int, default=20)
    symbols.add_argument("--format", choices=("text", "json"), default="text")

    doctor = sub.add_parser("doctor", help="check the installation: versions, grammars, CPU")
    doctor.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``hive-ls`` with ``argv``; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    if args.command is None:
        parser.print_help()
        return 2
    from hive_ls.cli.workspace import UsageError

    try:
        if args.command == "serve":
            from hive_ls.cli.serve import run_serve

            return run_serve(args.tcp, args.host, args.port, args.log_file, level)
        logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(message)s")
        from hive_ls.cli import commands

        if args.command == "index":
            return commands.run_index(args.path, args.format)
        if args.command == "symbols":
            return commands.run_symbols(args.path, args.query, args.limit, args.format)
        return commands.run_doctor(args.format)
    except UsageError as exc:
        print(f"hive-ls: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
