"""Extraction of one file's facts, re-using those of top-level items whose bytes are unchanged."""

from __future__ import annotations

import logging

from blake3 import blake3
from tree_sitter import Tree

from hive_ls.base.facts import FileFacts, Import, Reference, Symbol
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.chunks import top_level_chunks
from hive_ls.extract.modules import module_name
from hive_ls.extract.queries import QueryError, query
from hive_ls.extract.tags import ChunkFacts, collect, shift
from hive_ls.parse.errors import syntax_errors

log = logging.getLogger(__name__)


class ChunkCache:
    """Facts of one file's top-level items, keyed by the blake3 hash of their bytes.

    Keep one per open document: the next edit re-extracts only the items whose bytes changed.
    """

    def __init__(self) -> None:
        self.module = ""
        self.entries: dict[bytes, ChunkFacts] = {}


def file_digest(data: bytes) -> str:
    """The blake3 hash identifying one version of a file's content."""
    return blake3(data).hexdigest()


def extract_facts(
    tree: Tree,
    data: bytes,
    spec: LanguageSpec,
    path: str,
    relpath: str,
    cache: ChunkCache | None = None,
    digest: str | None = None,
) -> FileFacts:
    """All facts of one parsed file; never raises on broken code.

    ``path`` identifies the file; ``relpath`` (relative to its workspace root) names its module.
    With a ``cache``, items whose bytes are unchanged since the last call are not re-extracted.
    """
    digest = digest or file_digest(data)
    root = tree.root_node
    problems: list[str] = []
    errors = syntax_errors(root, data)
    try:
        tags = query(spec, "tags")
    except QueryError as exc:
        log.error("%s", exc)
        tags, problems = None, [str(exc)]
    if tags is None or root.child_count == 0:
        return FileFacts(
            path,
            spec.name,
            digest,
            len(data),
            module_name(spec, relpath),
            errors=errors,
            problems=tuple(problems),
        )

    chunks = top_level_chunks(root, spec.prefix_nodes)
    keys = [blake3(data[c.start : c.end]).digest() for c in chunks]
    # error-free items are cached by content; items holding errors are always re-read
    erroneous = {
        i
        for i, c in enumerate(chunks)
        if any(e.span.start < c.end and c.start < e.span.end for e in errors)
    }
    if cache is None:
        cache = ChunkCache()
    old = cache.entries
    wanted = [i for i, key in enumerate(keys) if key not in old or i in erroneous]
    collected = collect(tags, root, data, chunks, wanted)
    wanted_set = set(wanted)

    # a package or namespace declaration, changed or not, names the module
    package = collected.package() or next(
        (
            old[keys[i]].package
            for i in range(len(chunks))
            if i not in wanted_set and old[keys[i]].package
        ),
        "",
    )
    module = module_name(spec, relpath, package)
    if module != cache.module and old:  # the cached facts carry the old module's names
        cache.module = module
        old = {}
        wanted = list(range(len(chunks)))
        wanted_set = set(wanted)
        collected = collect(tags, root, data, chunks, wanted)

    cache.module = module
    symbols: list[Symbol] = []
    references: list[Reference] = []
    imports: list[Import] = []
    fresh: dict[bytes, ChunkFacts] = {}
    for i, chunk in enumerate(chunks):
        if i in wanted_set:
            facts = collected.build(i, chunk.start, data, spec, module, len(symbols))
        else:
            facts = shift(old[keys[i]], chunk.start, len(symbols))
        if i not in erroneous:
            fresh[keys[i]] = facts
        symbols.extend(facts.symbols)
        references.extend(facts.references)
        imports.extend(facts.imports)
    cache.entries = fresh
    return FileFacts(
        path=path,
        language=spec.name,
        digest=digest,
        size=len(data),
        module=module,
        symbols=tuple(symbols),
        references=tuple(references),
        imports=tuple(imports),
        chunks=tuple(Span(c.start, c.end) for c in chunks),
        errors=errors,
        problems=tuple(problems),
    )
