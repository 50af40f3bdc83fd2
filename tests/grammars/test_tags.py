"""Every language's tags.scm against its caret fixtures in ``grammars/<lang>/tests/``.

Definitions and imports are checked both ways: each assertion must hold, and every extracted
definition and import must be asserted. References are checked as asserted; ``!reference.*``
asserts that no reference of that kind starts there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hive_ls.base.facts import FileFacts
from hive_ls.extract.facts import extract_facts
from hive_ls.parse.document import parse_document
from hive_ls.parse.registry import default_registry, grammars_dir
from tests.grammars.carets import Assertion, Fixture, parse_fixture

FIXTURES = sorted(p for p in grammars_dir().glob("*/tests/*") if p.is_file())


def _short(facts: FileFacts, qname: str) -> str:
    prefix = facts.module + "."
    return qname[len(prefix) :] if facts.module and qname.startswith(prefix) else qname


def _check_definition(facts: FileFacts, a: Assertion) -> int | str:
    kind = a.role.split(".", 1)[1]
    for i, sym in enumerate(facts.symbols):
        if sym.name_span.start <= a.offset < max(sym.name_span.end, sym.name_span.start + 1):
            problems = []
            if sym.kind.value != kind:
                problems.append(f"kind {sym.kind.value}, expected {kind}")
            if a.name and _short(facts, sym.qname) != a.name:
                problems.append(f"qualified name {_short(facts, sym.qname)!r}, expected {a.name!r}")
            if "doc" in a.details and sym.doc != a.details["doc"].replace("\\n", "\n"):
                problems.append(f"doc {sym.doc!r}, expected {a.details['doc']!r}")
            if "sig" in a.details and sym.signature != a.details["sig"]:
                problems.append(f"signature {sym.signature!r}, expected {a.details['sig']!r}")
            if "parent" in a.details:
                parent = facts.symbols[sym.parent].name if sym.parent >= 0 else ""
                if parent != a.details["parent"]:
                    problems.append(f"parent {parent!r}, expected {a.details['parent']!r}")
            return i if not problems else f"{a.where()}: {sym.name}: " + "; ".join(problems)
    return f"{a.where()}: no definition at the caret (expected {a.role} {a.name})"


def _check_reference(facts: FileFacts, a: Assertion) -> str | None:
    negative = a.role.startswith("!")
    kind = a.role.lstrip("!").split(".", 1)[1]
    found = [
        r
        for r in facts.references
        if r.span.start <= a.offset < max(r.span.end, r.span.start + 1) and r.kind.value == kind
    ]
    if negative:
        return f"{a.where()}: unexpected reference.{kind} {found[0].name}" if found else None
    if not found:
        return f"{a.where()}: no reference.{kind} at the caret (expected {a.name})"
    ref = found[0]
    if a.name and ref.name != a.name:
        return f"{a.where()}: reference name {ref.name!r}, expected {a.name!r}"
    if "receiver" in a.details and ref.receiver != a.details["receiver"]:
        return f"{a.where()}: receiver {ref.receiver!r}, expected {a.details['receiver']!r}"
    return None


def _check_import(facts: FileFacts, a: Assertion) -> int | str:
    for i, imp in enumerate(facts.imports):
        if imp.span.start <= a.offset < imp.span.end and imp.binding == a.name:
            for key in ("module", "name", "alias"):
                if key in a.details and getattr(imp, key) != a.details[key]:
                    return (
                        f"{a.where()}: import {a.name}: {key} {getattr(imp, key)!r}, "
                        f"expected {a.details[key]!r}"
                    )
            if a.details.get("wildcard", "false") != str(imp.wildcard).lower():
                return f"{a.where()}: import {a.name}: wildcard is {imp.wildcard}"
            return i
    return f"{a.where()}: no import binding {a.name!r} at the caret"


def check_fixture(fixture: Fixture, language: str) -> list[str]:
    """Problems found in one fixture; empty when the queries do what the carets say."""
    spec = default_registry().languages[language]
    relpath = fixture.directives.get("relpath", fixture.path.name)
    doc = parse_document(spec, fixture.data)
    facts = extract_facts(doc.tree, doc.data, spec, str(fixture.path), relpath)
    problems: list[str] = []
    if "module" in fixture.directives and facts.module != fixture.directives["module"]:
        problems.append(f"module {facts.module!r}, expected {fixture.directives['module']!r}")
    if fixture.directives.get("errors", "0") == "0" and facts.errors:
        problems.append(f"unexpected syntax errors: {facts.errors}")
    seen_defs: set[int] = set()
    seen_imports: set[int] = set()
    for a in fixture.assertions:
        if a.role.startswith("definition."):
            result = _check_definition(facts, a)
            if isinstance(result, str):
                problems.append(result)
            else:
                seen_defs.add(result)
        elif a.role.lstrip("!").startswith("reference."):
            message = _check_reference(facts, a)
            if message:
                problems.append(message)
        elif a.role == "import":
            result = _check_import(facts, a)
            if isinstance(result, str):
                problems.append(result)
            else:
                seen_imports.add(result)
        elif not a.role.startswith("local"):
            problems.append(f"{a.where()}: unknown assertion role {a.role!r}")
    for i, sym in enumerate(facts.symbols):
        if i not in seen_defs:
            problems.append(f"unasserted definition {sym.kind.value} {sym.qname}")
    for i, imp in enumerate(facts.imports):
        if i not in seen_imports:
            problems.append(f"unasserted import {imp}")
    return problems


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_tags_fixture(path: Path) -> None:
    """The fixture's carets hold for its language's tags query."""
    language = path.parent.parent.name
    spec = default_registry().languages[language]
    fixture = parse_fixture(path, spec.comment_prefix)
    assert fixture.assertions, f"{path} holds no assertions"
    problems = check_fixture(fixture, language)
    assert not problems, "\n".join(problems)


def test_every_language_has_fixtures() -> None:
    """No language ships without caret fixtures for its queries."""
    languages = {p.parent.parent.name for p in FIXTURES}
    assert set(default_registry().languages) <= languages
