"""Each language's ``inert.scm``: comments and string text are inert, code inside strings is not."""

from __future__ import annotations

import pytest

from hive_ls.extract.inert import inert_spans, is_inert
from hive_ls.parse.document import parse_document
from hive_ls.parse.registry import default_registry

# per language: source, then (marker, inert?) where the name ``zork`` right after the marker is
# checked; markers are unique in the source
CASES = {
    "python": (
        'x = "a zork" + f"{zork(1)} b"  # ~zork\n"""doc =zork"""\nf(zork=1)\ng(@zork)\n',
        [('a ', True), ('{', False), ('~', True), ('=', True), ('(', True), ('@', False)],
    ),
    "javascript": (
        'let x = "a zork" + `t ${zork(1)} =zork`; // ~zork\n/* @zork */ let y = [zork]',
        [("a ", True), ("${", False), ("=", True), ("~", True), ("@", True), ("[", False)],
    ),
    "typescript": (
        'let x: string = "a zork" + `${zork(1)} =zork`; // ~zork\nlet y = [zork];\n',
        [("a ", True), ("${", False), ("=", True), ("~", True), ("[", False)],
    ),
    "tsx": (
        "let x = <div>~zork {zork}</div>; // =zork\n",
        [("~", True), ("{", False), ("=", True)],
    ),
    "go": (
        'package m\n// ~zork\nvar x = "a zork" + `=zork` + f(zork)\n',
        [("~", True), ("a ", True), ("=", True), ("(", False)],
    ),
    "rust": (
        '// ~zork\n/* =zork */ fn f() { let x = "a zork"; let y = r"@zork"; g(zork); }\n',
        [("~", True), ("=", True), ("a ", True), ("@", True), ("(", False)],
    ),
    "java": (
        'class A { // ~zork\n /* =zork */ String x = "a zork"; int y = f(zork); }\n',
        [("~", True), ("=", True), ("a ", True), ("(", False)],
    ),
    "c": (
        '// ~zork\n/* =zork */ char* x = "a zork"; int y = f(zork);\n',
        [("~", True), ("=", True), ("a ", True), ("(", False)],
    ),
    "cpp": (
        '// ~zork\n/* =zork */ auto x = "a zork"; auto y = R"(@zork)"; int z = f(zork);\n',
        [("~", True), ("=", True), ("a ", True), ("(@", True), ("f(", False)],
    ),
    "csharp": (
        'class A { // ~zork\n string x = "a zork"; string y = $"b {zork} c"; int z = f(zork); }\n',
        [("~", True), ("a ", True), ("{", False), ("f(", False)],
    ),
    "ruby": (
        "# ~zork\nx = \"a zork #{zork} b\"\ny = 'c zork'\nz = f(zork)\n",
        [("~", True), ("a ", True), ("#{", False), ("c ", True), ("(", False)],
    ),
    "php": (
        "<?php // ~zork\n$x = \"a zork $y\"; $z = 'b zork'; /* =zork */ f(zork);\n",
        [("~", True), ("a ", True), ("b ", True), ("=", True), ("f(", False)],
    ),
}


def test_every_language_has_a_case() -> None:
    assert set(CASES) == set(default_registry().languages)


@pytest.mark.parametrize("language", sorted(CASES))
def test_inert_spans(language: str) -> None:
    source, expected = CASES[language]
    spec = default_registry().languages[language]
    data = source.encode()
    spans = inert_spans(parse_document(spec, data).tree, spec)
    assert spans is not None
    for marker, inert in expected:
        at = data.index((marker + "zork").encode()) + len(marker)
        assert is_inert(spans, at) is inert, (marker, inert)
        assert is_inert(spans, at + 3) is inert, (marker, inert)  # the whole name, not its start
