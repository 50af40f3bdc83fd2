"""Call sites that no longer fit a definition whose parameter list the edits changed."""

from __future__ import annotations

from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import FileFacts, SymbolKind
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.params import Arguments, Parameters, arguments_at, parameters_of
from hive_ls.features.ai_edits import MAX_NAMED, EditedFile, line_at, relpath_in
from hive_ls.graph.model import EdgeKind
from hive_ls.parse.document import parse_document


def _self_bound(
    spec: LanguageSpec, params: Parameters, facts: FileFacts, index: int, data: bytes
) -> bool:
    """Whether a method's first parameter is the object it is called on (Python's ``self``)."""
    sym = facts.symbols[index]
    if sym.parent < 0 or not facts.symbols[sym.parent].kind.is_type:
        return False
    if not params.positional or params.positional[0] not in spec.self_names:
        return False
    return b"@staticmethod" not in data[sym.span.start : sym.name_span.start]


def _mismatch(params: Parameters, args: Arguments, drop_self: bool) -> str:
    """Why a call does not fit a parameter list ('' when it does)."""
    if args.unpacked:
        return ""  # `*args` or `**kwargs` at the call: the count is unknown
    positional = params.positional[1:] if drop_self else params.positional
    required = max(params.required - (1 if drop_self else 0), 0)
    given = args.positional
    passes = f"passes {given} positional argument{'s' if given != 1 else ''}"
    if given > len(positional) and not params.variadic:
        return f"{passes} where at most {len(positional)} can be taken"
    missing = [n for n in positional[given:required] if n not in args.keywords]
    if missing:
        return f"{passes} and no `{missing[0]}`, which is required"
    absent = [k for k in params.required_keywords if k not in args.keywords]
    if absent:
        return f"does not pass the required keyword argument `{absent[0]}`"
    if not params.keywords:
        known = set(positional) | set(params.keyword_only)
        unknown = [k for k in args.keywords if k and k not in known]
        if unknown:
            return f"passes the keyword argument `{unknown[0]}`, which is no parameter"
    return ""


def call_site_problems(sync: GraphSync, snap: Snapshot, files: dict[str, EditedFile]) -> list[str]:
    """One problem per changed parameter list with call sites the edits leave unmatched.

    Only definitions the edits touch are compared; call sites come from the graph's exact
    ``calls`` edges (a Python ``__init__`` also through its class), and sites inside the
    edits are taken as updated.
    """
    problems: list[str] = []
    for edited in files.values():
        old, new, spec = edited.old_facts, edited.new_facts, edited.spec
        if old is None or new is None or spec is None or edited.new_doc is None:
            continue
        keys = symbol_keys(old)
        for index, sym in enumerate(old.symbols):
            if not sym.kind.is_callable or not edited.touched(sym.span):
                continue
            before_group = [i for i in old.by_qname[sym.qname] if old.symbols[i].kind.is_callable]
            after = [i for i in new.by_qname.get(sym.qname, ()) if new.symbols[i].kind.is_callable]
            if len(after) != 1 or len(before_group) != 1:
                continue  # gone (another check's business), or overloads: which one is called?
            if new.symbols[after[0]].signature == sym.signature:
                continue
            new_sym = new.symbols[after[0]]
            doc = edited.new_doc
            params = parameters_of(doc.tree, doc.data, spec, new_sym.span)
            before = _old_parameters(snap, edited, index)
            if params is None or before is None or params == before:
                continue
            drop = _self_bound(spec, params, new, after[0], edited.new)
            sites = _sites_of(sync, keys[index], old, index)
            bad: list[str] = []
            for path, span, constructor in sites:
                other = files.get(path)
                if other is not None and other.touched(span):
                    continue  # the edits update this call themselves
                args = _arguments(sync, snap, path, span)
                if args is None:
                    continue
                class_name = old.symbols[sym.parent].name if sym.parent >= 0 else ""
                explicit = not constructor and args.receiver.rsplit(".", 1)[-1] == class_name
                reason = _mismatch(params, args, drop and not explicit)
                if reason:
                    place = f"{relpath_in(snap, path)}:{line_at(_data(snap, path), span.start)}"
                    bad.append(f"{place} `{_short(args.text)}` {reason}")
            if bad:
                named = "; ".join(bad[:MAX_NAMED])
                more = f"; and {len(bad) - MAX_NAMED} more" if len(bad) > MAX_NAMED else ""
                count = f"{len(bad)} call{'s' if len(bad) != 1 else ''}"
                problems.append(
                    f"The edit changes the parameters of {sym.qname} to `{new_sym.signature}`, "
                    f"but {count} not updated by the edit do not match: {named}{more}."
                )
    return problems


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _data(snap: Snapshot, path: str) -> bytes:
    entry = snap.entry(path)
    return entry.data if entry is not None else b""


def _old_parameters(snap: Snapshot, edited: EditedFile, index: int) -> Parameters | None:
    facts, spec = edited.old_facts, edited.spec
    if facts is None or spec is None:
        return None
    sym = facts.symbols[index]
    if edited.entry is not None:
        parsed = snap.parsed_at(edited.entry, sym.span.start)
    else:
        parsed = parse_document(spec, edited.old)
    return parameters_of(parsed.tree, parsed.data, spec, sym.span)


def _sites_of(
    sync: GraphSync, key: str, facts: FileFacts, index: int
) -> list[tuple[str, Span, bool]]:
    """Where a callable is called: ``(path, name span, through its class)``.

    A Python ``__init__`` is called through its class: ``Cart(owner)``.
    """
    found: list[tuple[str, Span, bool]] = []
    sym = facts.symbols[index]
    targets = [(key, False)]
    if (
        sym.name in ("__init__", "constructor")
        and sym.parent >= 0
        and facts.symbols[sym.parent].kind is not SymbolKind.MODULE
    ):
        targets.append((symbol_keys(facts)[sym.parent], True))
    for target, constructor in targets:
        for _, edge in sync.graph.in_edges(target):
            if edge.kind is not EdgeKind.CALLS or edge.guess:
                continue
            where = sync.site(edge)
            if where is not None:
                found.append((where[0], where[1], constructor))
    return list(dict.fromkeys(found))


def _arguments(sync: GraphSync, snap: Snapshot, path: str, span: Span) -> Arguments | None:
    entry = snap.entry(path)
    facts = sync.facts_of(path)
    if entry is None or (facts is not None and entry.facts is not facts):
        return None  # the file changed since the graph saw it: its sites moved
    parsed = snap.parsed_at(entry, span.start)
    return arguments_at(parsed.tree, parsed.data, snap.spec(entry), span)
