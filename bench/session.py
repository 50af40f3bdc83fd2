"""One server on one corpus over stdio: cold start to first answer, then timed requests."""

from __future__ import annotations

import contextlib
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from bench.lsp import Client, Failed, Timeout
from bench.rss import Sampler
from bench.sample import Site
from bench.servers import Server
from bench.stats import summary_ms

LANGUAGE_IDS = {
    ".py": "python",
    ".ts": "typescript",
    ".tsx": "typescriptreact",
    ".js": "javascript",
}

CLIENT_CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {
        "configuration": True,
        "workspaceFolders": True,
        "symbol": {"dynamicRegistration": False},
        "didChangeConfiguration": {"dynamicRegistration": False},
    },
    "window": {"workDoneProgress": True},
    "textDocument": {
        "synchronization": {"dynamicRegistration": False, "didSave": True},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
        "definition": {"linkSupport": False},
        "references": {},
        "callHierarchy": {"dynamicRegistration": False},
        "publishDiagnostics": {},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
}

# how long one request may take before it counts as a timeout, per kind
TIMEOUTS = {
    "documentSymbol": 30.0,
    "definition": 30.0,
    "references": 60.0,
    "incomingCalls": 60.0,
    "workspaceSymbol": 60.0,
}
GIVE_UP_AFTER = 3  # timeouts of one kind before the rest of that kind is skipped


@dataclass
class Plan:
    """What to ask: the sites (the first ``deep`` also get references and incoming calls)."""

    sites: list[Site]
    deep: int
    first_query: str
    symbol_queries: tuple[str, ...]
    symbol_repeats: int = 3
    repeats: int = 1  # times each site's request is sent (the shortest counts)
    first_answer_limit_s: float = 180.0


@dataclass
class _Kind:
    times: list[float] = field(default_factory=list)
    timeouts: int = 0
    errors: int = 0
    skipped: int = 0
    examples: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = summary_ms(self.times)
        for key in ("timeouts", "errors", "skipped"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.examples:
            out["error_examples"] = self.examples
        return out


class _Recorder:
    """Times requests of each kind, counting timeouts and errors instead of failing."""

    def __init__(self, client: Client, repeats: int = 1) -> None:
        self.client = client
        self.repeats = repeats
        self.kinds: dict[str, _Kind] = defaultdict(_Kind)

    def ask(self, kind: str, method: str, params: Any) -> tuple[bool, Any, float]:
        """Ask; (answered, result, seconds). Timeouts and errors are counted, not raised.

        With ``repeats`` > 1 the request is sent that many times: the first result, the
        shortest time (the regression check wants the cost, not the noise around it).
        """
        stats = self.kinds[kind]
        best, first = float("inf"), None
        for attempt in range(self.repeats):
            if stats.timeouts >= GIVE_UP_AFTER:
                stats.skipped += 1
                return False, None, 0.0
            try:
                took, result = self.client.timed(method, params, TIMEOUTS[kind])
            except Timeout as exc:
                stats.timeouts += 1
                stats.examples = [*stats.examples, str(exc)][:3]
                return False, None, 0.0
            except Failed as exc:
                stats.errors += 1
                stats.examples = [*stats.examples, str(exc)[:200]][:3]
                return False, None, 0.0
            best = min(best, took)
            if attempt == 0:
                first = result
        return True, first, best

    def timed(self, kind: str, method: str, params: Any) -> tuple[bool, Any]:
        """Ask and record the duration under ``kind``."""
        ok, result, took = self.ask(kind, method, params)
        if ok:
            self.kinds[kind].times.append(took)
        return ok, result


class Paths:
    """Turns URIs into workspace-relative paths (outside the workspace: ``<external>/name``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))

    def rel(self, uri: str) -> str:
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            return f"<external>/{uri}"
        path = Path(os.path.realpath(unquote(parsed.path)))
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return f"<external>/{path.name}"

    def loc(self, item: dict[str, Any]) -> tuple[str, int, int]:
        """(path, line, character) of a Location or a LocationLink."""
        uri = item.get("uri") or item.get("targetUri", "")
        rng = item.get("range") or item.get("targetSelectionRange") or item["targetRange"]
        start = rng["start"]
        return (self.rel(uri), start["line"], start["character"])


def _locations(paths: Paths, result: Any) -> list[tuple[str, int, int]]:
    if not result:
        return []
    items = result if isinstance(result, list) else [result]
    return sorted({paths.loc(i) for i in items})


def _count_symbols(result: Any) -> int:
    todo, count = list(result or []), 0
    while todo:
        item = todo.pop()
        count += 1
        todo.extend(item.get("children") or [])
    return count


class Session:
    """A started server: open/close documents, ask, and keep what it answered."""

    def __init__(self, server: Server, root: Path, log: Path) -> None:
        self.server, self.root = server, root
        self.paths = Paths(root)
        uri = root.resolve().as_uri()
        folders = [{"uri": uri, "name": root.name}]
        self.client = Client(
            list(server.argv),
            cwd=root,
            stderr=log,
            settings=lambda section: server.settings.get(section or ""),
            folders=folders,
        )
        self.sampler = Sampler(self.client.proc.pid, interval=0.05).start()
        self.recorder = _Recorder(self.client)
        began = time.perf_counter()
        init = self.client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "clientInfo": {"name": "hive-ls bench"},
                "rootUri": uri,
                "rootPath": str(root),
                "workspaceFolders": folders,
                "capabilities": CLIENT_CAPABILITIES,
                "initializationOptions": server.init_options,
            },
            timeout=120,
        )
        self.initialize_s = time.perf_counter() - began
        self.capabilities: dict[str, Any] = init.get("capabilities", {})
        self.client.notify("initialized", {})
        self.opened: set[str] = set()

    def supports(self, provider: str) -> bool:
        method = {
            "workspaceSymbolProvider": "workspace/symbol",
            "callHierarchyProvider": "textDocument/prepareCallHierarchy",
        }.get(provider, "")
        return bool(self.capabilities.get(provider)) or method in self.client.registered

    def uri(self, rel: str) -> str:
        return (self.root / rel).resolve().as_uri()

    def open(self, rel: str) -> None:
        if rel in self.opened:
            return
        path = self.root / rel
        self.client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": self.uri(rel),
                    "languageId": LANGUAGE_IDS.get(path.suffix, "plaintext"),
                    "version": 1,
                    "text": path.read_text(encoding="utf-8", errors="replace"),
                }
            },
        )
        self.opened.add(rel)

    def close_document(self, rel: str) -> None:
        if rel in self.opened:
            self.client.notify("textDocument/didClose", {"textDocument": {"uri": self.uri(rel)}})
            self.opened.discard(rel)

    def position(self, site: Site) -> dict[str, Any]:
        return {
            "textDocument": {"uri": self.uri(site.path)},
            "position": {"line": site.line, "character": site.character},
        }

    def elapsed(self) -> float:
        return time.perf_counter() - self.client.started


def first_answer(s: Session, plan: Plan) -> dict[str, Any]:
    """Poll the first useful request until it answers something (not counted as latency)."""
    anchor = plan.sites[0]
    by_symbols = s.supports("workspaceSymbolProvider")
    method = "workspace/symbol" if by_symbols else "textDocument/definition"
    params = {"query": plan.first_query} if by_symbols else s.position(anchor)
    polls, found, problems = 0, None, []
    while s.elapsed() < plan.first_answer_limit_s:
        polls += 1
        try:
            if s.client.request(method, params, timeout=plan.first_answer_limit_s):
                found = s.elapsed()
                break
        except (Failed, Timeout) as exc:  # "No Project" and the like, while it starts
            problems = ([*problems, str(exc)[:200]])[-2:]
        time.sleep(0.1)
    out: dict[str, Any] = {"method": method, "s": round(found, 3) if found else None}
    out["polls"] = polls
    if problems:
        out["errors_while_starting"] = problems
    return out


def hive_ready(s: Session, limit_s: float) -> float | None:
    """hive-ls: seconds from start until ``hive/status`` says the initial index is complete."""
    while s.elapsed() < limit_s:
        status = s.client.request("hive/status", None)
        if status["indexing"]["complete"] and status["files"]:
            return round(s.elapsed(), 3)
        time.sleep(0.05)
    return None


def graph_ready(s: Session, plan: Plan, methods: list[str]) -> float | None:
    """hive-ls: seconds from start until its dependence graph answers (None: not served).

    ``hive/status`` may say so (a ``graph`` entry); otherwise ``hive/impact`` answers without
    the "still being built" error, or a call hierarchy item is found at the first site.
    """
    probe = s.position(plan.sites[0])
    if "hive/impact" in methods:
        method, params = "hive/impact", {**probe, "depth": 1}
    elif s.supports("callHierarchyProvider"):
        method, params = "textDocument/prepareCallHierarchy", probe
    else:
        return None
    while s.elapsed() < plan.first_answer_limit_s:
        try:
            graph = (s.client.request("hive/status", None) or {}).get("graph")
            if isinstance(graph, dict) and (graph.get("complete") or graph.get("ready")):
                return round(s.elapsed(), 3)
            if graph is None and s.client.request(method, params, timeout=60):
                return round(s.elapsed(), 3)
        except (Failed, Timeout):
            pass
        time.sleep(0.1)
    return None


def _call_sites(s: Session, result: Any) -> dict[str, Any]:
    sites, callers = set(), set()
    for call in result or []:
        caller = call["from"]
        rel = s.paths.rel(caller["uri"])
        callers.add((rel, caller["selectionRange"]["start"]["line"]))
        for rng in call.get("fromRanges", []):
            sites.add((rel, rng["start"]["line"], rng["start"]["character"]))
    return {"sites": sorted(sites), "callers": sorted(callers)}


def _ask_site(s: Session, site: Site, deep: bool) -> dict[str, Any]:
    rec, answer = s.recorder, {}
    ok, result = rec.timed("definition", "textDocument/definition", s.position(site))
    if ok:
        answer["definition"] = _locations(s.paths, result)
    if not deep:
        return answer
    params = {**s.position(site), "context": {"includeDeclaration": True}}
    ok, result = rec.timed("references", "textDocument/references", params)
    if ok:
        answer["references"] = _locations(s.paths, result)
    if not s.supports("callHierarchyProvider"):
        return answer
    # prepare + incomingCalls are one user action: "incomingCalls" is timed as their sum
    ok, items, prepared = rec.ask(
        "incomingCalls", "textDocument/prepareCallHierarchy", s.position(site)
    )
    if not ok:
        return answer
    rec.kinds["prepareCallHierarchy"].times.append(prepared)
    if not items:
        rec.kinds["incomingCalls"].times.append(prepared)
        answer["calls"] = {"item": None, "sites": [], "callers": []}
        return answer
    item = items[0]
    ok, result, took = rec.ask("incomingCalls", "callHierarchy/incomingCalls", {"item": item})
    if ok:
        rec.kinds["incomingCalls"].times.append(prepared + took)
        item_loc = (s.paths.rel(item["uri"]), item["selectionRange"]["start"]["line"])
        answer["calls"] = {"item": item_loc, **_call_sites(s, result)}
    return answer


Extra = Callable[["Session", "Plan", list[str]], dict[str, Any]]


def run(
    server: Server, root: Path, plan: Plan, log: Path, extra: Extra | None = None
) -> dict[str, Any]:
    """Start ``server`` on ``root``, measure, shut it down; every answer is kept for accuracy.

    ``extra`` asks more of the running server (given the custom methods it lists).
    """
    s = Session(server, root, log)
    out: dict[str, Any] = {"server": server.name, "version": server.version}
    try:
        out["initialize_s"] = round(s.initialize_s, 3)
        out["capabilities"] = {
            k: s.supports(k)
            for k in (
                "documentSymbolProvider",
                "workspaceSymbolProvider",
                "definitionProvider",
                "referencesProvider",
                "callHierarchyProvider",
            )
        }
        out["hive_methods"] = (
            (s.capabilities.get("experimental") or {}).get("hive", {}).get("methods", [])
        )
        anchor = plan.sites[0].path
        s.open(anchor)
        out["first_answer"] = first_answer(s, plan)
        if server.is_hive:
            out["index_complete_s"] = hive_ready(s, plan.first_answer_limit_s)
            out["graph_ready_s"] = graph_ready(s, plan, out["hive_methods"])
        # background work announced with $/progress (tsserver loading its project behind a
        # syntax-only server, basedpyright analysing) must end before latencies are measured
        quiet = s.client.wait_quiet(1.0, plan.first_answer_limit_s)
        out["ready_s"] = round(s.elapsed(), 3) if quiet else None
        out.update(_measure(s, plan))
        if extra is not None:
            out.update(extra(s, plan, out["hive_methods"]))
    finally:
        out["memory"] = s.sampler.stop().as_mb()
        out["notifications"] = dict(s.client.notifications)
        s.client.close()
    out["session_s"] = round(s.elapsed(), 1)
    return out


def _measure(s: Session, plan: Plan) -> dict[str, Any]:
    """The timed part: per file an outline, then the sites in it; then workspace symbols."""
    rec = s.recorder
    first = plan.sites[0]
    # one untimed references request first: servers that analyse lazily do it now
    params = {**s.position(first), "context": {"includeDeclaration": True}}
    warmup: float | None = None
    with contextlib.suppress(Failed, Timeout):
        warmup = s.client.timed("textDocument/references", params, 3 * TIMEOUTS["references"])[0]
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, site in enumerate(plan.sites):
        by_file[site.path].append(i)
    answers: list[dict[str, Any]] = [{} for _ in plan.sites]
    outline: dict[str, int] = {}
    rec.repeats = plan.repeats
    for rel, indices in by_file.items():
        s.open(rel)
        ok, result = rec.timed(
            "documentSymbol", "textDocument/documentSymbol", {"textDocument": {"uri": s.uri(rel)}}
        )
        if ok:
            outline[rel] = _count_symbols(result)
        for i in indices:
            answers[i] = _ask_site(s, plan.sites[i], i < plan.deep)
        if rel != first.path:
            s.close_document(rel)
    rec.repeats = 1
    symbols: dict[str, Any] = {}
    if s.supports("workspaceSymbolProvider"):
        for query in plan.symbol_queries:
            times, count = [], 0
            for _ in range(plan.symbol_repeats):
                ok, result, took = rec.ask("workspaceSymbol", "workspace/symbol", {"query": query})
                if ok:
                    times.append(took)
                    count = len(result or [])
            symbols[query] = {**summary_ms(times), "results": count}
    s.close_document(first.path)
    return {
        "first_references_s": round(warmup, 3) if warmup is not None else None,
        "latency": {k: v.report() for k, v in rec.kinds.items()},
        "workspace_symbol": symbols,
        "outline_symbols": outline,
        "answers": answers,
    }
