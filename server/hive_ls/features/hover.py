"""Hover: the signature and documentation of what the name under the cursor refers to."""

from __future__ import annotations

from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.analysis.targets import LocalTarget, ModuleTarget
from hive_ls.features.lookup import require
from hive_ls.features.results import HoverInfo


def hover(snap: Snapshot, path: str, offset: int) -> HoverInfo | None:
    """Markdown describing the definition of the name at ``offset``; None over nothing."""
    entry = require(snap, path)
    occ, resolution = Resolver(snap).at(entry, offset)
    if occ is None or not resolution.targets:
        return None
    target = resolution.targets[0]
    fence = snap.spec(entry).name
    if isinstance(target, LocalTarget):
        hint = f": {'.'.join(target.type_hint)}" if target.type_hint else ""
        text = f"```{fence}\n(local) {target.name}{hint}\n```"
    elif isinstance(target, ModuleTarget):
        text = f"```{fence}\n(module) {target.module}\n```"
    else:
        sym = snap.symbol(target)
        other = snap.files[target.path]
        parts = [f"```{snap.spec(other).name}\n{sym.signature or sym.name}\n```"]
        if sym.doc:
            parts.append(sym.doc)
        parts.append(f"*{sym.kind.value}* `{sym.qname}` in `{other.relpath}`")
        text = "\n\n".join(parts)
    if len(resolution.targets) > 1:
        text += f"\n\n({len(resolution.targets)} definitions match; showing the first)"
    return HoverInfo(text, occ.span)
