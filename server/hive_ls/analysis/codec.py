"""A file's facts as bytes for the store, and back: what makes a restart a warm start.

The blob is data only: a format line naming the extractor that made it
(``extract.fingerprint``), then JSON arrays of strings, integers and booleans (no pickle,
nothing that can run code when read). Only the fields of ``FileFacts`` travel,
never its computed caches. Reading validates every value's type and shape; a blob of another
format, or one that does not read back exactly, means "unknown" and the file is parsed again.
The index folder may be shared or predictable, so nothing read from it is trusted further.
"""

from __future__ import annotations

import json
from array import array
from typing import Any

from hive_ls.base.facts import (
    Binding,
    ChunkFacts,
    FileFacts,
    Frame,
    Import,
    Placed,
    Reference,
    RefKind,
    Symbol,
    SymbolKind,
    SyntaxIssue,
)
from hive_ls.base.span import Span
from hive_ls.extract.fingerprint import extractor_fingerprint

VERSION = b"hivefacts2 "
_SYMBOL_KINDS = {kind.value: kind for kind in SymbolKind}
_REF_KINDS = {kind.value: kind for kind in RefKind}
_MAX_OFFSET = 2**32 - 1  # inert spans are stored as unsigned 32-bit offsets


class BadBlob(ValueError):
    """A stored blob whose content does not have the shape of facts."""


def encode_facts(facts: FileFacts, inert: array[int] | None) -> bytes:
    """The bytes stored for one file's facts and inert spans."""
    body = [
        facts.path,
        facts.language,
        facts.digest,
        facts.size,
        facts.module,
        [_encode_part(part) for part in facts.parts],
        [value for span in facts.chunks for value in span],
        [[e.span.start, e.span.end, e.message] for e in facts.errors],
        list(facts.problems),
        None if inert is None else inert.tolist(),
    ]
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _format() + text


def decode_facts(blob: bytes) -> tuple[FileFacts, array[int] | None] | None:
    """The facts and inert spans stored in ``blob``; None when it cannot be read exactly."""
    head = _format()
    if not isinstance(blob, bytes) or not blob.startswith(head):
        return None  # another format, or facts another extractor made: parse the file again
    try:
        body = json.loads(blob[len(head) :])
        return _decode_file(body)
    except (ValueError, TypeError, IndexError, KeyError, RecursionError, OverflowError):
        return None  # a broken write, another version or a planted file: parse it again


def _format() -> bytes:
    """The line every blob starts with: the format and the extractor's fingerprint."""
    return VERSION + extractor_fingerprint().encode() + b"\n"


def _encode_part(part: Placed) -> list[Any]:
    facts = part.facts
    chunk = [
        facts.start,
        facts.base,
        [
            [
                s.name,
                s.kind.value,
                s.qname,
                s.span.start,
                s.span.end,
                s.name_span.start,
                s.name_span.end,
                s.signature,
                s.doc,
                s.parent,
                s.digest,
            ]
            for s in facts.symbols
        ],
        [
            [
                r.name,
                r.kind.value,
                r.span.start,
                r.span.end,
                r.receiver,
                r.scope,
                list(r.chain),
                None
                if r.local is None
                else [r.local.span.start, r.local.span.end, list(r.local.type_hint)],
                r.flow,
                list(r.assigned),
            ]
            for r in facts.references
        ],
        [[i.module, i.name, i.alias, i.span.start, i.span.end, i.wildcard] for i in facts.imports],
        facts.package,
        [[f.end, f.symbol, f.path, f.is_type] for f in facts.frames],
        facts.end,
    ]
    return [
        chunk,
        part.start,
        part.base,
        list(part.outer),
        part.extent,
        [[index, digest] for index, digest in part.digests],
    ]


# ---- reading: every value checked, so nothing odd reaches the analysis ------------------------


def _fail(what: str) -> BadBlob:
    return BadBlob(f"stored facts: {what}")


def _ints(values: Any) -> tuple[int, ...]:
    for value in _list(values):
        if type(value) is not int:
            raise _fail("expected an integer")
    return tuple(values)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _fail("expected an integer")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _fail("expected a string")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _fail("expected a list")
    return value


def _strs(value: Any) -> tuple[str, ...]:
    for item in _list(value):
        _str(item)
    return tuple(value)


def _span(start: Any, end: Any) -> Span:
    if type(start) is not int or type(end) is not int or not 0 <= start <= end:
        raise _fail("expected a byte range")
    return Span(start, end)


def _decode_file(body: Any) -> tuple[FileFacts, array[int] | None]:
    if type(body) is not list or len(body) != 10:
        raise _fail("expected ten fields")
    path, language, digest, size, module, parts, chunks, errors, problems, inert = body
    flat = _list(chunks)
    if len(flat) % 2:
        raise _fail("chunk spans come in pairs")
    facts = FileFacts(
        _str(path),
        _str(language),
        _str(digest),
        _int(size),
        _str(module),
        tuple(_decode_part(part) for part in _list(parts)),
        tuple(_span(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)),
        tuple(_decode_error(error) for error in _list(errors)),
        _strs(problems),
    )
    return facts, _decode_inert(inert)


def _decode_inert(value: Any) -> array[int] | None:
    if value is None:
        return None
    for item in _list(value):
        if type(item) is not int or not 0 <= item <= _MAX_OFFSET:
            raise _fail("inert spans are byte offsets")
    return array("I", value)


def _decode_error(value: Any) -> SyntaxIssue:
    items = _list(value)
    if len(items) != 3:
        raise _fail("a syntax error has three fields")
    return SyntaxIssue(_span(items[0], items[1]), _str(items[2]))


def _decode_part(value: Any) -> Placed:
    items = _list(value)
    if len(items) != 6:
        raise _fail("a placed piece has six fields")
    chunk, start, base, outer, extent, digests = items
    pairs = []
    for pair in _list(digests):
        if type(pair) is not list or len(pair) != 2:
            raise _fail("a digest is an index and a hash")
        pairs.append((_int(pair[0]), _str(pair[1])))
    return Placed(
        _decode_chunk(chunk),
        _int(start),
        _int(base),
        _ints(outer),
        _int(extent),
        tuple(pairs),
    )


def _decode_chunk(value: Any) -> ChunkFacts:
    items = _list(value)
    if len(items) != 8:
        raise _fail("a piece has eight fields")
    start, base, symbols, references, imports, package, frames, end = items
    return ChunkFacts(
        _int(start),
        _int(base),
        tuple(_decode_symbol(s) for s in _list(symbols)),
        tuple(_decode_reference(r) for r in _list(references)),
        tuple(_decode_import(i) for i in _list(imports)),
        _str(package),
        tuple(_decode_frame(f) for f in _list(frames)),
        _int(end),
    )


def _decode_symbol(value: Any) -> Symbol:
    if type(value) is not list or len(value) != 11:
        raise _fail("a symbol has eleven fields")
    name, kind, qname, s0, s1, n0, n1, signature, doc, parent, digest = value
    if not (
        type(name) is str
        and type(qname) is str
        and type(signature) is str
        and type(doc) is str
        and type(digest) is str
        and type(parent) is int
    ):
        raise _fail("a symbol's fields have the wrong types")
    return Symbol(
        name, _SYMBOL_KINDS[kind], qname, _span(s0, s1), _span(n0, n1), signature, doc, parent,
        digest,
    )  # fmt: skip


def _decode_reference(value: Any) -> Reference:
    if type(value) is not list or len(value) != 10:
        raise _fail("a reference has ten fields")
    name, kind, s0, s1, receiver, scope, chain, local, flow, assigned = value
    if not (type(name) is str and type(receiver) is str and type(scope) is int):
        raise _fail("a reference's fields have the wrong types")
    if type(flow) is not int or type(chain) is not list:
        raise _fail("a reference's fields have the wrong types")
    binding = None
    if local is not None:
        if type(local) is not list or len(local) != 3:
            raise _fail("a binding has three fields")
        binding = Binding(_span(local[0], local[1]), _strs(local[2]))
    return Reference(
        name,
        _REF_KINDS[kind],
        _span(s0, s1),
        receiver,
        scope,
        _strs(chain),
        binding,
        flow,
        _strs(assigned),
    )


def _decode_import(value: Any) -> Import:
    items = _list(value)
    if len(items) != 6:
        raise _fail("an import has six fields")
    module, name, alias, s0, s1, wildcard = items
    if type(wildcard) is not bool:
        raise _fail("expected true or false")
    return Import(_str(module), _str(name), _str(alias), _span(s0, s1), wildcard)


def _decode_frame(value: Any) -> Frame:
    items = _list(value)
    if len(items) != 4:
        raise _fail("a frame has four fields")
    end, symbol, path, is_type = items
    if type(is_type) is not bool:
        raise _fail("expected true or false")
    return Frame(_int(end), _int(symbol), _str(path), is_type)
