"""The LanceDB store: round trips, per-file replacement, vectors, searches, recovery."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from hive_ls.store import (
    SCHEMA_VERSION,
    EdgeRow,
    FileRow,
    Filters,
    NodeRow,
    Store,
    StoreError,
    cpu_problem,
    default_index_dir,
)
from hive_ls.store.text import query_terms, split_identifiers

ROOT = "/work/space"
DIM = 8
STORE_DIR = Path(__file__).parent.parent / "server" / "hive_ls" / "store"


def node(
    file: str,
    name: str,
    text: str = "",
    *,
    kind: str = "function",
    language: str = "python",
    doc: str = "",
    start_line: int = 0,
) -> NodeRow:
    text = text or f"def {name}():\n    pass"
    return NodeRow(
        id=f"/w/{file}::{name}::{kind}#0",
        file=file,
        language=language,
        kind=kind,
        name=name,
        qname=f"pkg.{name}",
        start_byte=start_line * 10,
        end_byte=start_line * 10 + len(text),
        start_line=start_line,
        end_line=start_line + text.count("\n"),
        signature=f"def {name}()",
        doc=doc,
        text=text,
        hash=f"h:{text}",
    )


def file_row(relpath: str, digest: str = "d", facts: bytes = b"\x00facts\xff") -> FileRow:
    return FileRow(relpath, "python", digest, facts, len(facts))


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(str(tmp_path / "index"), ROOT, "test_model", DIM) as opened:
        yield opened


def ids(hits) -> list[str]:
    return [hit.id for hit in hits]


def names(hits) -> list[str]:
    return [hit.name for hit in hits]


# ---- round trips ---------------------------------------------------------------------------


def test_write_and_load_round_trip(store: Store) -> None:
    blob = bytes(range(256)) * 40
    files = [file_row("a.py", "da", blob), file_row("pkg/b.py", "db")]
    nodes = {"a.py": [node("a.py", "f"), node("a.py", "g")], "pkg/b.py": [node("pkg/b.py", "h")]}
    edge = EdgeRow(nodes["a.py"][0].id, nodes["pkg/b.py"][0].id, "calls", "a.py")
    store.write(files, nodes, {"a.py": [edge, edge]})  # a repeated edge is stored once
    assert store.load_files() == {row.relpath: row for row in files}
    assert store.all_edges() == [edge]
    assert store.edges_of([edge.dst]) == [edge]
    assert store.edges_of(["nothing"]) == []
    assert store.stats() | {"versions": 0} == {
        "files": 2,
        "nodes": 3,
        "embedded": 0,
        "pending": 3,
        "edges": 1,
        "versions": 0,
    }
    assert store.stats()["versions"] > 0
    hit = store.search_text("h", 5)[0]
    expected = nodes["pkg/b.py"][0]
    assert (hit.id, hit.file, hit.qname, hit.start_line, hit.end_byte, hit.signature) == (
        expected.id,
        "pkg/b.py",
        "pkg.h",
        0,
        expected.end_byte,
        "def h()",
    )


def test_per_file_replace_removes_stale_rows(store: Store) -> None:
    store.write(
        [file_row("a.py", "1"), file_row("b.py", "1")],
        {"a.py": [node("a.py", "old"), node("a.py", "kept")], "b.py": [node("b.py", "other")]},
        {
            "a.py": [EdgeRow("x", "y", "calls", "a.py")],
            "b.py": [EdgeRow("u", "v", "calls", "b.py")],
        },
    )
    store.write(
        [file_row("a.py", "2")],
        {"a.py": [node("a.py", "kept"), node("a.py", "new")]},
        {"a.py": [EdgeRow("x", "z", "calls", "a.py")]},
    )
    assert {row.relpath: row.digest for row in store.load_files().values()} == {
        "a.py": "2",
        "b.py": "1",
    }
    assert sorted(name for _, _, name in _all_nodes(store)) == ["kept", "new", "other"]
    assert sorted((e.src, e.dst) for e in store.all_edges()) == [("u", "v"), ("x", "z")]
    # an empty sequence clears that file's rows in that table only
    store.write([], {"a.py": []}, {})
    assert sorted(name for _, _, name in _all_nodes(store)) == ["other"]
    assert len(store.all_edges()) == 2


def test_edges_can_be_rewritten_without_touching_nodes(store: Store) -> None:
    store.write([file_row("a.py")], {"a.py": [node("a.py", "f")]}, {})
    store.write([], {}, {"a.py": [EdgeRow("s", "d", "imports", "a.py")]})
    assert [name for _, _, name in _all_nodes(store)] == ["f"]
    assert store.all_edges() == [EdgeRow("s", "d", "imports", "a.py")]


def test_removed_files_lose_all_rows(store: Store) -> None:
    store.write(
        [file_row("a.py"), file_row("b.py")],
        {"a.py": [node("a.py", "f")], "b.py": [node("b.py", "g")]},
        {
            "a.py": [EdgeRow("f", "g", "calls", "a.py")],
            "b.py": [EdgeRow("g", "f", "calls", "b.py")],
        },
    )
    # rows given for a removed relpath are ignored: removal wins
    store.write([file_row("a.py", "new")], {"a.py": [node("a.py", "zombie")]}, {}, removed=["a.py"])
    assert list(store.load_files()) == ["b.py"]
    assert [name for _, _, name in _all_nodes(store)] == ["g"]
    assert store.all_edges() == [EdgeRow("g", "f", "calls", "b.py")]


def test_paths_with_quotes_and_sql_characters(store: Store) -> None:
    odd = ["it's/a'b.py", 'q"uote.py', "back\\slash.py", "per%cent_x.py"]
    store.write(
        [file_row(path) for path in odd],
        {path: [node(path, "f")] for path in odd},
        {path: [EdgeRow("s", "d", "calls", path)] for path in odd},
    )
    assert sorted(store.load_files()) == sorted(odd)
    store.write([], {odd[0]: [node(odd[0], "g")]}, {}, removed=[odd[1]])
    assert sorted(store.load_files()) == sorted(set(odd) - {odd[1]})
    assert {hit.file for hit in store.search_text("f g", 10)} == set(odd) - {odd[1]}
    assert ids(store.search_text("f", 10, Filters(path_glob="per%cent_*"))) == [
        f"/w/{odd[3]}::f::function#0"
    ]
    assert store.search_text("f", 10, Filters(path_glob="per_cent*")) == []


def test_write_rejects_rows_under_the_wrong_file(store: Store) -> None:
    with pytest.raises(ValueError):
        store.write([], {"a.py": [node("b.py", "f")]}, {})
    with pytest.raises(ValueError):
        store.write([], {}, {"a.py": [EdgeRow("s", "d", "calls", "b.py")]})


# ---- vectors -------------------------------------------------------------------------------


def test_vectors_kept_for_unchanged_hash_and_cleared_on_change(store: Store) -> None:
    f, g = node("a.py", "f", "def f(): 1"), node("a.py", "g", "def g(): 2")
    store.write([file_row("a.py")], {"a.py": [f, g]}, {})
    assert sorted(store.pending(10)) == sorted([(n.id, n.hash, n.text) for n in (f, g)])
    assert store.set_vectors([(f.id, f.hash, unit(1)), (g.id, g.hash, unit(0, 1))]) == 2
    assert store.count_pending() == 0
    # f moves down (same text, same hash): keeps its vector; g changes: loses it
    moved = node("a.py", "f", "def f(): 1", start_line=7)
    changed = node("a.py", "g", "def g(): 3")
    store.write([file_row("a.py", "2")], {"a.py": [moved, changed]}, {})
    assert store.pending(10) == [(changed.id, changed.hash, changed.text)]
    assert store.stats()["embedded"] == 1
    hit = store.search_vector(unit(1), 1)[0]
    assert (hit.id, hit.start_line) == (f.id, 7)
    assert hit.score == pytest.approx(1.0, abs=1e-5)
    # rewriting everything unchanged keeps the vector too
    store.write([file_row("a.py", "2")], {"a.py": [moved, changed]}, {})
    assert store.stats()["embedded"] == 1


def test_set_vectors_respects_hash(store: Store) -> None:
    f = node("a.py", "f")
    store.write([file_row("a.py")], {"a.py": [f]}, {})
    assert store.set_vectors([(f.id, "stale hash", unit(1))]) == 0
    assert store.set_vectors([("no such id", f.hash, unit(1))]) == 0
    assert store.count_pending() == 1
    with pytest.raises(ValueError):
        store.set_vectors([(f.id, f.hash, np.ones(DIM + 1, dtype=np.float32))])
    with pytest.raises(ValueError):
        store.set_vectors([(f.id, f.hash, np.full(DIM, np.nan, dtype=np.float32))])
    assert store.set_vectors([]) == 0
    assert store.set_vectors([(f.id, f.hash, unit(1)), (f.id, f.hash, unit(0, 1))]) == 1
    assert ids(store.search_vector(unit(0, 1), 1)) == [f.id]  # the last vector given wins


def test_store_without_model_has_no_vectors(tmp_path: Path) -> None:
    with Store.open(str(tmp_path), ROOT, None, None) as plain:
        f = node("a.py", "retry_upload")
        plain.write([file_row("a.py")], {"a.py": [f]}, {})
        assert plain.pending(10) == [] and plain.count_pending() == 0
        assert plain.set_vectors([(f.id, f.hash, unit(1))]) == 0
        assert plain.search_vector(unit(1), 5) == []
        assert ids(plain.search_hybrid("retry", unit(1), 5)) == [f.id]
        assert plain.stats()["embedded"] == 0
        plain.maintain()
    with pytest.raises(ValueError):
        Store.open(str(tmp_path), ROOT, "Bad-Id", 4)
    with pytest.raises(ValueError):
        Store.open(str(tmp_path), ROOT, "model", None)


# ---- search --------------------------------------------------------------------------------


def _search_corpus(store: Store) -> dict[str, NodeRow]:
    rows = {
        "retry_upload": node(
            "net/upload.py", "retry_upload", doc="Send the payload once more after a timeout."
        ),
        "retryDownload": node(
            "net/download.js", "retryDownload", language="javascript", doc="Fetch a file again."
        ),
        "ParseHTTPHeader": node(
            "web/http.py", "ParseHTTPHeader", kind="class", doc="Reads request headers."
        ),
        "compute_checksum": node("util/sums.py", "compute_checksum", doc="Adler32 of a buffer."),
    }
    by_file: dict[str, list[NodeRow]] = {}
    for row in rows.values():
        by_file.setdefault(row.file, []).append(row)
    store.write([file_row(path) for path in by_file], by_file, {})
    vectors = {
        "retry_upload": unit(1, 0.1),
        "retryDownload": unit(1, 0.3),
        "ParseHTTPHeader": unit(0, 1),
        "compute_checksum": unit(0, 0, 1),
    }
    store.set_vectors([(rows[n].id, rows[n].hash, vectors[n]) for n in rows])
    return rows


def test_search_vector_orders_by_cosine(store: Store) -> None:
    _search_corpus(store)
    hits = store.search_vector(unit(1), 3)
    assert names(hits) == ["retry_upload", "retryDownload", "ParseHTTPHeader"]
    assert hits[0].score > hits[1].score > hits[2].score
    assert hits[2].score == pytest.approx(0.0, abs=1e-5)  # orthogonal
    assert names(store.search_vector(unit(0, 0, 1), 1)) == ["compute_checksum"]
    with pytest.raises(ValueError):
        store.search_vector(np.ones(3), 1)


def test_search_text_finds_docstrings_and_identifier_words(store: Store) -> None:
    _search_corpus(store)
    assert names(store.search_text("payload timeout", 5)) == ["retry_upload"]
    assert names(store.search_text("retry upload", 5))[0] == "retry_upload"
    assert names(store.search_text("retry_upload", 5))[0] == "retry_upload"
    assert names(store.search_text("retryUpload", 5))[0] == "retry_upload"
    assert set(names(store.search_text("retry", 5))) == {"retry_upload", "retryDownload"}
    assert names(store.search_text("retrydownload", 5)) == ["retryDownload"]
    assert names(store.search_text("http header", 5)) == ["ParseHTTPHeader"]
    assert names(store.search_text("checksums", 5)) == ["compute_checksum"]  # stemmed
    for hostile in ['"unbalanced', "a AND OR (", "x:y^2 ~1", "*", "checksum)", "\\", "'; DROP"]:
        store.search_text(hostile, 5)  # never raises
    assert names(store.search_text("checksum)", 5)) == ["compute_checksum"]
    assert store.search_text("", 5) == store.search_text("  ?! ", 5) == []
    assert store.search_text("checksum", 0) == []


def test_query_terms_and_identifier_splitting() -> None:
    assert (
        split_identifiers("parseHTTPHeader retryUpload x_y") == "parse HTTP Header retry Upload x_y"
    )
    assert query_terms("retryUpload") == "retryUpload retry Upload"
    assert query_terms("plain words") == "plain words"
    assert query_terms("()") == ""


def test_search_hybrid_fuses_ranks(store: Store) -> None:
    rows = _search_corpus(store)
    # "retry" matches two nodes in text; the vector favours retry_upload then retryDownload
    hits = store.search_hybrid("fetch retry", unit(1, 0.1), 4)
    assert names(hits)[:2] in (["retry_upload", "retryDownload"], ["retryDownload", "retry_upload"])
    both = {hit.name: hit.score for hit in hits}
    # a node found by both lists beats one found by one list only, and scores are RRF sums
    assert both["retry_upload"] > both["ParseHTTPHeader"]
    assert max(both.values()) <= 2 / 61 + 1e-9
    text_only = store.search_hybrid("payload", None, 3)
    assert names(text_only) == ["retry_upload"]
    assert text_only[0].score == pytest.approx(1 / 61)
    # a vector-only match still appears
    assert "compute_checksum" in names(store.search_hybrid("payload", unit(0, 0, 1), 4))
    assert rows  # used above


def test_search_filters(store: Store) -> None:
    _search_corpus(store)
    everything = unit(1, 1, 1)
    assert names(store.search_vector(everything, 9, Filters(languages=("javascript",)))) == [
        "retryDownload"
    ]
    assert names(store.search_vector(everything, 9, Filters(kinds=("class",)))) == [
        "ParseHTTPHeader"
    ]
    assert names(store.search_text("retry", 9, Filters(path_glob="net/up*"))) == ["retry_upload"]
    assert set(names(store.search_vector(everything, 9, Filters(path_glob="*.py")))) == {
        "retry_upload",
        "ParseHTTPHeader",
        "compute_checksum",
    }
    # a character class cannot be a LIKE prefilter: post-filtered
    assert set(names(store.search_vector(everything, 9, Filters(path_glob="[nu]*/*.py")))) == {
        "retry_upload",
        "compute_checksum",
    }
    assert names(store.search_text("retry", 9, Filters(path_glob="net/?ownload.[j]s"))) == [
        "retryDownload"
    ]
    combined = Filters(languages=("python",), kinds=("function",), path_glob="net/*")
    assert names(store.search_hybrid("retry", everything, 9, combined)) == ["retry_upload"]
    assert store.search_text("retry", 9, Filters(languages=("rust",))) == []


# ---- maintenance and stats -----------------------------------------------------------------


def test_maintain_builds_vector_index_only_above_threshold(store: Store) -> None:
    rng = np.random.default_rng(0)
    rows = [node(f"m{i % 10}.py", f"f{i}") for i in range(300)]
    by_file: dict[str, list[NodeRow]] = {}
    for row in rows:
        by_file.setdefault(row.file, []).append(row)
    store.write([file_row(path) for path in by_file], by_file, {})
    vectors = rng.standard_normal((len(rows), DIM)).astype(np.float32)
    store.set_vectors([(row.id, row.hash, vectors[i]) for i, row in enumerate(rows)])
    store.maintain(vector_index_min_rows=1_000)
    assert not _has_vector_index(store)
    before = store.stats()["versions"]
    store.maintain(vector_index_min_rows=1_000)  # nothing changed: a no-op
    assert store.stats()["versions"] == before
    store.write([], {"m0.py": by_file["m0.py"][:-1]}, {})  # a change: maintain runs again
    store.maintain(vector_index_min_rows=200)
    assert _has_vector_index(store)
    assert ids(store.search_vector(vectors[5], 1)) == [rows[5].id]
    assert store.search_text("f5", 1)[0].name == "f5"


def _has_vector_index(store: Store) -> bool:
    return any(list(index.columns) == ["vector"] for index in store._nodes.list_indices())


def test_closed_store_refuses(tmp_path: Path) -> None:
    opened = Store.open(str(tmp_path), ROOT, None, None)
    opened.close()
    with pytest.raises(StoreError):
        opened.load_files()


def test_concurrent_reader_sees_commits(tmp_path: Path) -> None:
    writer = Store.open(str(tmp_path), ROOT, "test_model", DIM)
    reader = Store.open(str(tmp_path), ROOT, "test_model", DIM)
    assert reader.load_files() == {}
    f = node("a.py", "fresh_name")
    writer.write([file_row("a.py")], {"a.py": [f]}, {"a.py": [EdgeRow("s", "d", "calls", "a.py")]})
    assert list(reader.load_files()) == ["a.py"]
    assert names(reader.search_text("fresh", 5)) == ["fresh_name"]
    assert reader.count_pending() == 1
    writer.set_vectors([(f.id, f.hash, unit(1))])
    assert ids(reader.search_vector(unit(1), 1)) == [f.id]
    assert reader.all_edges() == [EdgeRow("s", "d", "calls", "a.py")]
    writer.close()
    reader.close()


# ---- opening, upgrades and recovery --------------------------------------------------------


def test_schema_upgrade_drops_other_versions(tmp_path: Path) -> None:
    import lancedb
    import pyarrow as pa

    db = lancedb.connect(str(tmp_path))
    db.create_table("files_v0", schema=pa.schema([pa.field("path", pa.string())]))
    db.create_table("nodes_v0_old", schema=pa.schema([pa.field("id", pa.string())]))
    (tmp_path / "meta_v0.json").write_text("{}")
    with Store.open(str(tmp_path), ROOT, None, None) as opened:
        assert any("schema v0" in notice for notice in opened.notices)
        assert not (tmp_path / "files_v0.lance").exists()
        assert not (tmp_path / "nodes_v0_old.lance").exists()
        assert not (tmp_path / "meta_v0.json").exists()
        assert (tmp_path / f"files_v{SCHEMA_VERSION}.lance").exists()
        opened.write([file_row("a.py")], {}, {})
    with Store.open(str(tmp_path), ROOT, None, None) as again:
        assert again.notices == []
        assert list(again.load_files()) == ["a.py"]


def test_model_change_keeps_nodes_and_drops_old_table(tmp_path: Path) -> None:
    with Store.open(str(tmp_path), ROOT, "model_a", DIM) as first:
        f = node("a.py", "retry_upload")
        first.write([file_row("a.py")], {"a.py": [f]}, {"a.py": [EdgeRow("s", "d", "c", "a.py")]})
        first.set_vectors([(f.id, f.hash, unit(1))])
    with Store.open(str(tmp_path), ROOT, "model_b", 4) as second:
        assert any("model_a to model_b" in notice for notice in second.notices)
        assert not (tmp_path / "nodes_v1_model_a.lance").exists()
        assert second.pending(5) == [(f.id, f.hash, f.text)]
        assert names(second.search_text("upload", 5)) == ["retry_upload"]
        assert list(second.load_files()) == ["a.py"]
        assert len(second.all_edges()) == 1
        second.set_vectors([(f.id, f.hash, np.ones(4, dtype=np.float32))])
        assert ids(second.search_vector(np.ones(4), 1)) == [f.id]
    with Store.open(str(tmp_path), ROOT, None, None) as third:
        assert third.notices and names(third.search_text("retry", 5)) == ["retry_upload"]
        assert not (tmp_path / "nodes_v1_model_b.lance").exists()


def test_damaged_table_is_reset(tmp_path: Path) -> None:
    with Store.open(str(tmp_path), ROOT, "m", DIM) as first:
        first.write([file_row("a.py")], {"a.py": [node("a.py", "f")]}, {})
    data = tmp_path / "nodes_v1_m.lance" / "data"
    for path in data.iterdir():
        path.unlink()
    with Store.open(str(tmp_path), ROOT, "m", DIM) as second:
        assert any("damaged" in notice for notice in second.notices)
        # the files table is reset too, so the caller re-indexes everything
        assert second.load_files() == {}
        second.write([file_row("a.py")], {"a.py": [node("a.py", "g")]}, {})
        assert names(second.search_text("g", 5)) == ["g"]


def test_garbled_manifest_is_reset(tmp_path: Path) -> None:
    with Store.open(str(tmp_path), ROOT, None, None) as first:
        first.write([file_row("a.py")], {}, {})
    for path in (tmp_path / "files_v1.lance" / "_versions").iterdir():
        path.write_bytes(b"garbage")
    with Store.open(str(tmp_path), ROOT, None, None) as second:
        assert second.notices and second.load_files() == {}


def test_other_workspace_or_lost_metadata_resets(tmp_path: Path) -> None:
    with Store.open(str(tmp_path), ROOT, None, None) as first:
        first.write([file_row("a.py")], {}, {})
    with Store.open(str(tmp_path), "/another/root", None, None) as second:
        assert any("/another/root" in notice for notice in second.notices)
        assert second.load_files() == {}
        second.write([file_row("b.py")], {}, {})
    (tmp_path / "meta_v1.json").write_text("{not json")
    with Store.open(str(tmp_path), "/another/root", None, None) as third:
        assert any("metadata" in notice for notice in third.notices)
        assert third.load_files() == {}


def test_unwritable_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="not writable"):
        Store.open(str(blocker / "index"), ROOT, None, None)
    if os.geteuid() != 0:  # root can write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(StoreError, match="not writable"):
            Store.open(str(locked / "index"), ROOT, None, None)


# ---- small functions -----------------------------------------------------------------------


def test_cpu_problem() -> None:
    assert "AVX2/FMA" in (cpu_problem("flags\t\t: fpu sse sse2") or "")
    assert cpu_problem("flags : fpu sse avx avx2") is not None  # no fma
    assert cpu_problem("flags\t\t: fpu sse avx2 fma bmi2") is None
    assert cpu_problem("avx2 fma") is None
    assert cpu_problem("") is not None
    assert cpu_problem() is None  # this machine runs LanceDB


def test_default_index_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    workspace = tmp_path / "my proj!"
    workspace.mkdir()
    monkeypatch.setenv("HIVE_LS_INDEX_DIR", str(tmp_path / "idx"))
    first = default_index_dir(str(workspace))
    parent, slug = os.path.split(first)
    assert parent == str(tmp_path / "idx")
    assert slug.startswith("my_proj-") and len(slug.rsplit("-", 1)[1]) == 16
    assert default_index_dir(str(workspace / ".." / "my proj!")) == first  # realpath
    assert default_index_dir(str(workspace), str(tmp_path / "conf")) == str(
        tmp_path / "conf" / slug
    )
    monkeypatch.delenv("HIVE_LS_INDEX_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_index_dir(str(workspace)) == str(tmp_path / "cache" / "hive-ls" / slug)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_index_dir(str(workspace)) == str(tmp_path / "home" / ".cache" / "hive-ls" / slug)
    other = tmp_path / "other" / "my proj!"
    other.mkdir(parents=True)
    assert default_index_dir(str(other)) != default_index_dir(str(workspace))


def test_import_is_cheap_and_layered() -> None:
    code = (
        "import sys, hive_ls.store\n"
        "heavy = {'lancedb', 'pyarrow', 'numpy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    allowed_ours = ("hive_ls.base", "hive_ls.store")
    allowed_theirs = {"lancedb", "pyarrow", "numpy", "blake3"}
    for path in STORE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        assert ast.get_docstring(tree), path
        for item in ast.walk(tree):
            if isinstance(item, ast.Import):
                modules = [alias.name for alias in item.names]
            elif isinstance(item, ast.ImportFrom) and item.module:
                modules = [item.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top == "hive_ls":
                    assert module.startswith(allowed_ours), (path, module)
                else:
                    assert top in allowed_theirs or top in sys.stdlib_module_names, (path, module)


def _all_nodes(store: Store) -> list[tuple[str, str, str]]:
    """(file, id, name) of every stored node, sorted (read through LanceDB directly)."""
    table = store._nodes.search().select(["file", "id", "name"]).limit(None).to_arrow()
    rows = zip(
        table["file"].to_pylist(), table["id"].to_pylist(), table["name"].to_pylist(), strict=True
    )
    return sorted(rows)
