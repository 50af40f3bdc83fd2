"""The store's rows for one file: a chunk per definition worth searching, with its context.

Chunks are the graph's nodes, not fixed windows: a function or method with its source, a type
with its head and the names of its members, and the module's head (what comes before its
first definition, and the names it defines). Each chunk starts with where it lives, so that a
query naming a file or class finds it, and is capped so the embedding model sees the start of
the code (the model reads about 256 tokens).
"""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.graph_sync import symbol_keys
from hive_ls.base.facts import Symbol, SymbolKind
from hive_ls.base.lines import LineIndex
from hive_ls.extract.facts import file_digest
from hive_ls.graph.model import module_key
from hive_ls.store import NodeRow

MAX_CHUNK_BYTES = 1600
MAX_MEMBERS = 40
MODULE_HEAD_BYTES = 1200


def _text(data: bytes, start: int, end: int, limit: int = MAX_CHUNK_BYTES) -> str:
    return data[start : min(end, start + limit)].decode("utf-8", "replace")


def _searchable(symbol: Symbol) -> bool:
    kind = symbol.kind
    return kind.is_callable or kind.is_type or kind in (SymbolKind.MODULE, SymbolKind.NAMESPACE)


def _type_text(entry: FileEntry, index: int, symbol: Symbol) -> str:
    """A type's head (up to its first member) and the names of its members."""
    facts = entry.facts
    members = [facts.symbols[i] for i in facts.children(index)]
    head_end = min((m.span.start for m in members), default=symbol.span.end)
    text = _text(entry.data, symbol.span.start, head_end)
    if members:
        names = ", ".join(m.signature or m.name for m in members[:MAX_MEMBERS])
        text = f"{text.rstrip()}\n    members: {names}"
    return text


def _module_text(entry: FileEntry) -> str:
    """What a file says before its first definition, and the names it defines at top level."""
    symbols = entry.facts.symbols
    first = min((s.span.start for s in symbols), default=len(entry.data))
    head = _text(entry.data, 0, first, MODULE_HEAD_BYTES).strip()
    top = [s.name for s in symbols if s.parent == -1][:MAX_MEMBERS]
    return f"{head}\n# defines: {', '.join(top)}" if top else head


def node_rows(entry: FileEntry) -> list[NodeRow]:
    """Rows for the searchable definitions of ``entry`` and its module head."""
    facts = entry.facts
    lines = LineIndex(entry.data)
    keys = symbol_keys(facts)
    rows = []
    module_text = f"{entry.relpath} · module {facts.module}\n{_module_text(entry)}"
    rows.append(
        NodeRow(
            id=module_key(facts.path),
            file=entry.relpath,
            language=facts.language,
            kind="module",
            name=facts.module.rsplit(".", 1)[-1],
            qname=facts.module,
            start_byte=0,
            end_byte=len(entry.data),
            start_line=0,
            end_line=max(0, lines.line_count - 1),
            signature="",
            doc="",
            text=module_text,
            hash=file_digest(module_text.encode()),
        )
    )
    for index, symbol in enumerate(facts.symbols):
        if not _searchable(symbol):
            continue
        if symbol.kind.is_type:
            body = _type_text(entry, index, symbol)
        else:
            body = _text(entry.data, symbol.span.start, symbol.span.end)
        text = f"{entry.relpath} · {symbol.kind.value} {symbol.qname}\n{body}"
        rows.append(
            NodeRow(
                id=keys[index],
                file=entry.relpath,
                language=facts.language,
                kind=symbol.kind.value,
                name=symbol.name,
                qname=symbol.qname,
                start_byte=symbol.span.start,
                end_byte=symbol.span.end,
                start_line=lines.position(symbol.span.start)[0],
                end_line=lines.position(symbol.span.end)[0],
                signature=symbol.signature,
                doc=symbol.doc,
                text=text,
                hash=file_digest(text.encode()),
            )
        )
    return rows
