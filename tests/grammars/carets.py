"""Caret-style assertions inside fixture files, in the manner of tree-sitter's tag tests.

An assertion line is a comment whose text starts with ``^`` or ``<-``. Carets point at columns
of the nearest line above that is not an assertion line; ``<-`` points at the column where the
comment marker starts. The words after the carets say what must be there::

    class Foo(Base):
    #     ^ definition.class Foo doc="A foo."
    #         ^ reference.inherit Base receiver=""
    def f(): pass
    # <- definition.function f

A directive line ``<comment> hive: relpath=src/pkg/mod.py`` sets the path the file is
extracted under (its module name follows from it).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Assertion:
    """One expectation written in a fixture.

    A role (``definition.class``, ``reference.call``, ``import``...), the byte offset it points
    at, the expected name, and optional ``key=value`` details.
    """

    line: int
    offset: int
    role: str
    name: str
    details: dict[str, str] = field(default_factory=dict)

    def where(self) -> str:
        """Where the assertion was written, for failure messages."""
        return f"line {self.line + 1}"


@dataclass
class Fixture:
    """A fixture file's text, its assertions and directives."""

    path: Path
    data: bytes
    assertions: list[Assertion]
    directives: dict[str, str]


def parse_fixture(path: Path, comment_prefix: str) -> Fixture:
    """Read ``path`` and collect its assertions (the file itself is parsed unchanged)."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    marker = re.compile(
        r"^(?P<indent>\s*)" + re.escape(comment_prefix) + r"(?P<body>\s*(?:\^+|<-).*)$"
    )
    directive = re.compile(r"^\s*" + re.escape(comment_prefix) + r"\s*hive:\s*(?P<rest>.*)$")
    assertions: list[Assertion] = []
    directives: dict[str, str] = {}
    target = -1
    for number, raw in enumerate(lines):
        text = raw.decode("utf-8")
        found = directive.match(text)
        if found:
            for word in shlex.split(found.group("rest")):
                key, _, value = word.partition("=")
                directives[key] = value
            continue
        found = marker.match(text)
        if not found or target < 0:
            target = number if not found else target
            continue
        body = found.group("body")
        stripped = body.lstrip()
        if stripped.startswith("<-"):
            column = len(found.group("indent"))
            words = stripped[2:]
        else:
            column = len(found.group("indent")) + len(comment_prefix) + (len(body) - len(stripped))
            words = stripped.lstrip("^")
        parts = shlex.split(words)
        if not parts:
            raise ValueError(f"{path}:{number + 1}: assertion without a role")
        role, name = parts[0], parts[1] if len(parts) > 1 and "=" not in parts[1] else ""
        details = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        target_text = lines[target].decode("utf-8")
        byte_column = len(target_text[:column].encode("utf-8"))
        assertions.append(Assertion(target, starts[target] + byte_column, role, name, details))
    return Fixture(path, data, assertions, directives)
