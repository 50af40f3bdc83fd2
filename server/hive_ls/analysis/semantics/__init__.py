"""Per-language rules for imports and visibility, chosen by language name."""

from __future__ import annotations

from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.semantics.python import PythonSemantics

_BY_LANGUAGE: dict[str, Semantics] = {
    "python": PythonSemantics(),
}
_DEFAULT = Semantics()


def semantics_for(language: str) -> Semantics:
    """The rules for ``language``; languages without their own use the generic qualified rules."""
    return _BY_LANGUAGE.get(language, _DEFAULT)
