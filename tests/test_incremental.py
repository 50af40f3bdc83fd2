"""Property: edits applied incrementally give the same tree and facts as parsing from scratch.

Seeds are every language's caret fixtures; edits insert and delete text with non-ASCII
characters at character boundaries, several per change as editors send them. For valid text the
incremental tree is the fresh tree. With syntax errors tree-sitter may recover differently after
reusing old subtrees, so the server settles such documents with a fresh parse once typing pauses
(``parse.document.settle``): the settled tree must equal the fresh one. Extraction with the
per-item cache must always equal extraction without it, on the same tree.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hive_ls.base.edits import ByteEdit
from hive_ls.base.facts import FileFacts
from hive_ls.extract.chunks import SPLIT_BYTES
from hive_ls.extract.facts import ChunkCache, extract_facts
from hive_ls.parse.document import apply_edits, parse_document, settle
from hive_ls.parse.registry import default_registry, grammars_dir

EXAMPLES = int(os.environ.get("HIVE_PROPERTY_EXAMPLES", "25"))  # raise it for a stress run
SEEDS = sorted(p for p in grammars_dir().glob("*/tests/*") if p.is_file())
PIECES = [
    "x",
    "é",
    "✓",
    "🎉",
    "日本",
    " ",
    "\n",
    "\n    ",
    "(",
    ")",
    "{",
    "}",
    ":",
    ";",
    ",",
    ".",
    '"',
    "'",
    "#",
    "//",
    "/*",
    "*/",
    "def f():\n    return 1\n",
    "class C:\n    pass\n",
    "function g() { return 1; }\n",
    "fn h() {}\n",
    "int k(void) { return 0; }\n",
    "import os\n",
    "self.x()",
    "this.y()",
    "return",
    "=",
    "Foo",
    "bar",
    "\t",
    "\\",
    "<",
    ">",
    "$",
    "@",
]


def _boundaries(text: str) -> list[int]:
    offsets, total = [0], 0
    for char in text:
        total += len(char.encode("utf-8"))
        offsets.append(total)
    return offsets


@st.composite
def edit_batches(draw: st.DrawFn, text: str) -> list[list[tuple[int, int, str]]]:
    """Batches of (start fraction, delete length in characters, inserted text)."""
    batch = st.tuples(
        st.floats(min_value=0, max_value=1),
        st.integers(min_value=0, max_value=12),
        st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    )
    return draw(st.lists(st.lists(batch, min_size=1, max_size=3), min_size=1, max_size=6))


def _to_edits(data: bytes, batch: list[tuple[int, int, str]]) -> tuple[list[ByteEdit], bytes]:
    edits = []
    for fraction, delete, insert in batch:
        text = data.decode("utf-8")
        bounds = _boundaries(text)
        at = int(fraction * (len(bounds) - 1))
        end = min(at + delete, len(bounds) - 1)
        edit = ByteEdit(bounds[at], bounds[end], insert.encode("utf-8"))
        edits.append(edit)
        data = data[: edit.start] + edit.text + data[edit.end :]
    return edits, data


def _meaning(facts: FileFacts) -> tuple[object, ...]:
    return facts.symbols, facts.references, facts.imports, facts.errors, facts.module


@pytest.mark.parametrize("split", [SPLIT_BYTES, 48], ids=["pieces", "tiny-pieces"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_incremental_equals_fresh(seed: Path, split: int) -> None:
    """Any sequence of edits: incremental parse + cached extraction == fresh parse + extraction.

    With ``tiny-pieces`` every container is split into member pieces, as big classes are.
    """
    spec = default_registry().languages[seed.parent.parent.name]
    original = seed.read_bytes()

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        batches = data.draw(edit_batches(original.decode("utf-8")))
        doc = parse_document(spec, original)
        cache = ChunkCache(split)
        extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache)
        text = original
        for batch in batches:
            edits, text = _to_edits(text, batch)
            doc = apply_edits(doc, edits)
            assert doc.data == text
            cached = extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache, None, doc.changed)
            assert cached == extract_facts(doc.tree, doc.data, spec, "/w/f", "f")
            fresh_doc = parse_document(spec, text)
            fresh = extract_facts(fresh_doc.tree, text, spec, "/w/f", "f")
            if not fresh_doc.tree.root_node.has_error:
                # the same definitions and uses; where a comment belongs may differ until settle
                assert _meaning(cached) == _meaning(fresh)
            doc = settle(doc)
            assert str(doc.tree.root_node) == str(fresh_doc.tree.root_node)
            settled = extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache, None, doc.changed)
            assert settled == fresh

    check()


def test_a_namespace_member_read_from_a_sibling_piece_stays_a_reference() -> None:
    """Found by the property test: `g` inside `module Legacy { ... }` read from another member.

    With tiny pieces the definition of `g` lies in a sibling piece; the read must still be a
    reference to it, as in one whole piece.
    """
    spec = default_registry().languages["typescript"]
    original = (grammars_dir() / "typescript" / "tests" / "ambient.d.ts").read_bytes()
    doc = parse_document(spec, original)
    cache = ChunkCache(48)
    extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache)
    batch = [(0.9502620245361835, 0, "function g() { return 1; }\n" * 2), (0.9375, 0, "x")]
    edits, _ = _to_edits(original, batch)
    doc = apply_edits(doc, edits)
    cached = extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache, None, doc.changed)
    assert cached == extract_facts(doc.tree, doc.data, spec, "/w/f", "f")
    assert "g" in {r.name for r in cached.references}


def test_a_name_in_a_namespace_binds_as_with_the_whole_file_read() -> None:
    """Found by the property test: an edit inside `module Legacy { ... }` read alone.

    The namespace's body is a scope around the edited piece: its names (defined in sibling
    pieces) bind the same as when the whole file is read.
    """
    spec = default_registry().languages["typescript"]
    original = (grammars_dir() / "typescript" / "tests" / "ambient.d.ts").read_bytes()
    doc = parse_document(spec, original)
    cache = ChunkCache(48)
    extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache)
    edits, _ = _to_edits(original, [(0.96875, 0, "\nclass C:\n    pass\n")])
    doc = apply_edits(doc, edits)
    cached = extract_facts(doc.tree, doc.data, spec, "/w/f", "f", cache, None, doc.changed)
    assert cached == extract_facts(doc.tree, doc.data, spec, "/w/f", "f")
