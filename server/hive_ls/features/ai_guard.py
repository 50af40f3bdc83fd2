"""What an AI edit may change for its task, and the risky calls it adds that need a person's word.

A docstring task may change docstrings and comments only: the code with them stripped must be
the same before and after (Python through ``ast``, other languages through their syntax tree
without comments). Every task's edit is searched for new imports or calls of the network,
process and file-writing APIs its language lists under ``[risky]`` in ``language.toml``;
those are not rejected, but named, so that nothing runs or is written before a person agrees.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable

from hive_ls.base.facts import FileFacts
from hive_ls.base.language import LanguageSpec
from hive_ls.extract.tokens import code_tokens
from hive_ls.features.ai_edits import EditedFile
from hive_ls.parse.document import parse_document

KIND_WORDS = {"network": "network", "process": "process", "files": "file-writing"}
_WRITE_MODES = frozenset("wax+")


def docstring_only_problems(files: Iterable[EditedFile]) -> list[str]:
    """A problem per file where a docstring task changed more than docstrings and comments."""
    problems = []
    for edited in files:
        if edited.spec is None or _same_code(edited.spec, edited.old, edited.new):
            continue
        problems.append(
            f"A docstring task may change only docstrings and comments, but the edit changes "
            f"the code of {edited.relpath}."
        )
    return problems


def _same_code(spec: LanguageSpec, old: bytes, new: bytes) -> bool:
    if spec.name == "python":
        before, after = _python_code(old), _python_code(new)
        if before is not None and after is not None:
            return before == after
    return code_tokens(parse_document(spec, old)) == code_tokens(parse_document(spec, new))


def _python_code(data: bytes) -> str | None:
    """The module's syntax tree as text with every docstring taken out (None: no parse)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def risky_additions(files: Iterable[EditedFile]) -> list[str]:
    """One sentence per file naming the risky imports and calls the edit adds there."""
    warnings = []
    for edited in files:
        spec, old, new = edited.spec, edited.old_facts, edited.new_facts
        if spec is None or not spec.risky or old is None or new is None:
            continue
        added = _effects(spec, new) - _effects(spec, old)
        if spec.name == "python":
            added.update(_python_writes(edited.new) - _python_writes(edited.old))
        if not added:
            continue
        kinds = sorted({kind for kind, _ in added}, key=list(KIND_WORDS).index)
        names = ", ".join(sorted({name for _, name in added}))
        words = " and ".join(KIND_WORDS[k] for k in kinds)
        warnings.append(
            f"The edit adds {words} calls or imports to {edited.relpath} ({names}): "
            "check them before accepting it."
        )
    return warnings


def _effects(spec: LanguageSpec, facts: FileFacts) -> Counter[tuple[str, str]]:
    """How often the file imports or calls each risky name, by kind."""
    found: Counter[tuple[str, str]] = Counter()
    for imp in facts.imports:
        module = imp.module.removeprefix("node:").strip("\"'<>")
        for dotted in (module, f"{module}.{imp.name}" if imp.name else ""):
            hit = _match(spec, dotted, member="")
            if hit is not None:
                found[hit] += 1
                break
    for ref in facts.references:
        chain = [part for part in ref.chain if part != "?"]
        hit = _match(spec, ".".join([*chain, ref.name]), member=ref.name if ref.chain else "")
        if hit is not None:
            found[hit] += 1
    return found


def _match(spec: LanguageSpec, dotted: str, member: str) -> tuple[str, str] | None:
    """``(kind, pattern)`` of the first risky pattern ``dotted`` (or a method ``member``) hits.

    A pattern matches the name itself or anything inside it (``subprocess`` matches
    ``subprocess.run``); a pattern written ``.name`` matches a method of that name on any
    receiver.
    """
    if not dotted:
        return None
    for kind, patterns in spec.risky:
        for pattern in patterns:
            if pattern.startswith("."):
                if member and member == pattern[1:]:
                    return kind, pattern[1:]
            elif dotted == pattern or dotted.startswith((pattern + ".", pattern + "/")):
                return kind, pattern
    return None


def _python_writes(data: bytes) -> Counter[tuple[str, str]]:
    """``open(...)`` calls with a writing mode in Python source (the mode as a literal)."""
    found: Counter[tuple[str, str]] = Counter()
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return found
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name != "open":
            continue
        mode = node.args[1] if len(node.args) > 1 else None
        for keyword in node.keywords:
            if keyword.arg == "mode":
                mode = keyword.value
        literal = mode.value if isinstance(mode, ast.Constant) else None
        if isinstance(literal, str) and _WRITE_MODES & set(literal):
            found["files", "open for writing"] += 1
    return found
