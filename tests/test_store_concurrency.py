"""The LanceDB store under kill -9 and under two writing processes: no duplicates, no mixes.

The worker processes run this file as a script (see the bottom), so the tests need nothing else.
"""

from __future__ import annotations

import collections
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from hive_ls.store import EdgeRow, FileRow, NodeRow, Store

ROOT = "/work/space"
MODEL = "m"
DIM = 4
FILES = 12


def relpath(index: int) -> str:
    return f"src/it's_{index}.py"  # a quote in every path: the SQL must be escaped


def node_count(tag: str, path: str) -> int:
    """How many nodes ``path`` has in the write tagged ``tag`` (varies, so stale rows show)."""
    return 2 + (sum(map(ord, tag + path)) % 5)


def batch(tag: str, paths: list[str]) -> tuple[list[FileRow], dict, dict]:
    """One write: every file's rows carry ``tag`` (in text, digest and edge kind)."""
    files = [FileRow(path, "python", tag, tag.encode() * 10, 10 * len(tag)) for path in paths]
    nodes: dict[str, list[NodeRow]] = {}
    edges: dict[str, list[EdgeRow]] = {}
    for path in paths:
        count = node_count(tag, path)
        text = [f"{tag} node {i} of {path}" for i in range(count)]
        nodes[path] = [
            NodeRow(
                id=f"/w/{path}::n{i}",
                file=path,
                language="python",
                kind="function",
                name=f"n{i}",
                qname=f"m.n{i}",
                start_byte=i,
                end_byte=i + 1,
                start_line=i,
                end_line=i,
                signature="",
                doc="",
                text=text[i],
                hash=text[i],
            )
            for i in range(count)
        ]
        edges[path] = [
            EdgeRow(f"/w/{path}::n{i}", f"/w/{path}::n{i + 1}", tag, path) for i in range(count - 1)
        ]
    return files, nodes, edges


def tag_of(text: str) -> str:
    return text.split(" node ", 1)[0]


def check_consistent(directory: Path) -> dict[str, str]:
    """Open the store and check every table; returns the nodes' tag per file."""
    import lancedb

    with Store.open(str(directory), ROOT, MODEL, DIM) as store:
        files = store.load_files()
        store.pending(1)
        db = lancedb.connect(str(directory))
        nodes = db.open_table(f"nodes_v1_{MODEL}").to_arrow().to_pylist()
        edges = db.open_table("edges_v1").to_arrow().to_pylist()
        file_rows = db.open_table("files_v1").to_arrow().to_pylist()
        # no duplicate keys in any table
        assert len({row["id"] for row in nodes}) == len(nodes)
        assert len({tuple(row.values()) for row in edges}) == len(edges)
        assert len({row["relpath"] for row in file_rows}) == len(file_rows) == len(files)
        # each file's nodes are one whole write: one tag, and that write's node count
        tags: dict[str, set[str]] = collections.defaultdict(set)
        counts: collections.Counter[str] = collections.Counter()
        for row in nodes:
            tags[row["file"]].add(tag_of(row["text"]))
            counts[row["file"]] += 1
            if row["vector"] is not None:  # a vector belongs to its node's current text
                assert row["model"] == MODEL
        node_tags = {}
        for path, found in tags.items():
            assert len(found) == 1, (path, found)
            node_tags[path] = found.pop()
            assert counts[path] == node_count(node_tags[path], path), path
        # each file's edges are one whole write too
        edge_tags: dict[str, set[str]] = collections.defaultdict(set)
        edge_counts: collections.Counter[str] = collections.Counter()
        for row in edges:
            edge_tags[row["file"]].add(row["kind"])
            edge_counts[row["file"]] += 1
        for path, found in edge_tags.items():
            assert len(found) == 1, (path, found)
            assert edge_counts[path] == node_count(next(iter(found)), path) - 1
        # files are written last: a file row never runs ahead of its nodes
        for path, row in files.items():
            assert path in node_tags, path
            assert row.facts == row.digest.encode() * 10
            if row.digest != node_tags[path] and _churn_tag(row.digest):
                assert _churn_tag(row.digest) < _churn_tag(node_tags[path]), (path, row.digest)
        # and the store is still usable
        store.write(*batch("after", [relpath(0)]))
        assert store.load_files()[relpath(0)].digest == "after"
        return node_tags


def _churn_tag(tag: str) -> tuple[int, int] | None:
    """(attempt, batch) of a tag written by ``churn``, else None."""
    match = re.fullmatch(r"s(\d+)b(\d+)", tag)
    return (int(match[1]), int(match[2])) if match else None


def start_worker(*args: str, log: Path) -> subprocess.Popen[str]:
    """Run a worker; stdout is piped, stderr (LanceDB's warnings, errors) goes to ``log``."""
    with log.open("a") as errors:
        return subprocess.Popen(
            [sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=errors, text=True
        )


def test_kill_minus_nine_mid_write_leaves_a_consistent_store(tmp_path: Path) -> None:
    rng = random.Random(1234)
    seen_batches = []
    for attempt in range(4):
        worker = start_worker("churn", str(tmp_path), str(attempt), log=tmp_path / "churn.log")
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.3, 2.0))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        output = worker.stdout.read().split()
        seen_batches.append(len(output))
        print(f"killed after {len(output)} batches")
        check_consistent(tmp_path)
    assert max(seen_batches) > 0  # the kills landed after some batches, in the middle of work


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    Store.open(str(tmp_path), ROOT, MODEL, DIM).close()  # both workers find the tables
    logs = [tmp_path / f"writer-{who}.log" for who in "ab"]
    workers = [
        start_worker("writer", str(tmp_path), who, log=log)
        for who, log in zip("ab", logs, strict=True)
    ]
    for worker, log in zip(workers, logs, strict=True):
        worker.communicate(timeout=240)
        assert worker.returncode == 0, log.read_text()
    tags = check_consistent(tmp_path)
    # nothing lost: every file is there, whole, from one write of one of the workers
    assert set(tags) == {relpath(i) for i in range(FILES)}
    assert all(re.fullmatch(r"[ab]-\d+", tag) for tag in tags.values()), tags


# ---- the worker processes ------------------------------------------------------------------

WRITER_BATCHES = 12


def churn(directory: str, seed: str) -> None:
    """Write batches forever (until killed), with vectors and compaction in between."""
    store = Store.open(directory, ROOT, MODEL, DIM)
    paths = [relpath(i) for i in range(FILES)]
    print("ready", flush=True)
    for number in range(1_000_000):
        store.write(*batch(f"s{seed}b{number}", paths))
        todo = store.pending(20)
        store.set_vectors([(key, digest, np.ones(DIM)) for key, digest, _ in todo])
        if number % 4 == 3:
            store.maintain()
        print(number, flush=True)


def writer(directory: str, who: str) -> None:
    """Write overlapping sets of files, racing the other writer."""
    store = Store.open(directory, ROOT, MODEL, DIM)
    rng = random.Random(who)
    for number in range(WRITER_BATCHES):
        paths = sorted(rng.sample([relpath(i) for i in range(FILES)], FILES // 2))
        if number == WRITER_BATCHES - 1:
            paths = [relpath(i) for i in range(FILES)]  # everything, at least once per writer
        store.write(*batch(f"{who}-{number}", paths))
        todo = store.pending(10)
        store.set_vectors([(key, digest, np.ones(DIM)) for key, digest, _ in todo])
        if number % 5 == 4:
            store.maintain()
    store.close()


if __name__ == "__main__":
    command, directory, argument = sys.argv[1:4]
    {"churn": churn, "writer": writer}[command](directory, argument)
    os._exit(0)
