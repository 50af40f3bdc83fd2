"""Per-language rules for imports and visibility, named by ``semantics`` in ``language.toml``.

Each module here exports ``SEMANTICS``, an instance of ``base.Semantics`` or a subclass.
"""

from __future__ import annotations

import importlib
import logging
from functools import cache

from hive_ls.analysis.semantics.base import Semantics
from hive_ls.base.language import LanguageSpec

log = logging.getLogger(__name__)


@cache
def _load(module: str) -> Semantics:
    try:
        found = importlib.import_module(f"{__name__}.{module}").SEMANTICS
    except (ImportError, AttributeError):
        log.error("no semantics module %r; using the generic rules", module)
        return Semantics()
    if not isinstance(found, Semantics):
        log.error("semantics module %r exports no Semantics; using the generic rules", module)
        return Semantics()
    return found


def semantics_for(spec: LanguageSpec) -> Semantics:
    """The import rules of a language (the generic qualified rules when it names none)."""
    return _load(spec.semantics)
