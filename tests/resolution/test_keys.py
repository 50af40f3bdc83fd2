"""Names in key positions are not uses of the variables that share their name.

Keyword arguments, object keys and field initialisers: find-references must leave them out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hive_ls.cli.workspace import index_folder
from tests.resolution.workspace import refs

# file, source, where to ask (needle, shift), expected references (file:line:column)
CASES = {
    "python": (
        "a.py",
        "def g(owner):\n    return f(owner=owner)\n",
        ("def g(owner", 6),
        ["a.py:1:7", "a.py:2:20"],
    ),
    "javascript": (
        "a.js",
        "function g(save) {\n  return { save: save };\n}\n",
        ("function g(save", 11),
        ["a.js:1:12", "a.js:2:18"],
    ),
    "rust": (
        "a.rs",
        "struct Cart { owner: u32 }\nfn g(owner: u32) -> Cart {\n    Cart { owner: owner }\n}\n",
        ("fn g(owner", 5),
        ["a.rs:2:6", "a.rs:3:19"],
    ),
    "c": (
        "a.c",
        "struct p { int x; };\nstruct p g(int x) {\n"
        "    struct p q = { .x = x };\n    return q;\n}\n",
        ("g(int x", 6),
        ["a.c:2:16", "a.c:3:25"],
    ),
    "java": (
        "A.java",
        "class A {\n  int value = 1;\n  @Ann(value = 2) int g() { return value; }\n}\n",
        ("int value", 4),
        ["A.java:2:7", "A.java:3:36"],
    ),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_keys_are_not_references(tmp_path: Path, language: str) -> None:
    name, source, (needle, shift), expected = CASES[language]
    (tmp_path / name).write_text(source)
    host, _ = index_folder(str(tmp_path), show_progress=False)
    assert refs(host.snapshot(), name, needle, shift=shift) == expected
