"""Accuracy of every server against the reference peer, and a name-based check, per site."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bench.sample import Site

Loc = tuple[str, int, int]


def _lines(answer: list[Any] | None) -> set[tuple[str, int]]:
    return {(p, line) for p, line, *_ in answer or []}


def _locs(answer: list[Any] | None) -> set[Loc]:
    return {tuple(a) for a in answer or []}  # type: ignore[misc]


def _share(hits: int, n: int) -> float | None:
    return round(hits / n, 3) if n else None


def _external(answer: dict) -> bool:
    """Whether the reference's definition lies outside the workspace (a library, builtins).

    hive-ls models the workspace only: at such a site (``kwargs.get(...)``, dict's ``get``)
    the right answer is no workspace definition at all, and its references and callers are
    those of a library function. Such sites are counted apart (``external``), not in the
    precision and recall of references and calls.
    """
    found = answer.get("definition") or []
    return bool(found) and all(str(loc[0]).startswith("<") for loc in found)


def external_sites(mine: list[dict], ref: list[dict]) -> dict[str, Any]:
    """Sites whose reference definition is outside the workspace, and how often we guessed.

    A workspace definition named there is a wrong guess.
    """
    n = invented = 0
    for a, r in zip(mine, ref, strict=True):
        if "definition" not in a or not _external(r):
            continue
        n += 1
        invented += any(not str(loc[0]).startswith("<") for loc in a["definition"] or [])
    return {"n": n, "named_a_workspace_definition": _share(invented, n)}


def _definition(sites: list[Site], mine: list[dict], ref: list[dict]) -> dict[str, Any]:
    """Per site: agrees (shares a line with the reference), exact, wrong, missing, extra."""
    counts = dict.fromkeys(("n", "agree", "exact", "wrong", "missing", "extra"), 0)
    for a, r in zip(mine, ref, strict=True):
        if "definition" not in a or "definition" not in r:
            continue
        got, want = _lines(a["definition"]), _lines(r["definition"])
        if _external(r):
            continue  # counted by external_sites
        if not want:
            counts["extra"] += bool(got)
            continue
        counts["n"] += 1
        counts["agree"] += bool(got & want)
        counts["exact"] += got == want
        counts["wrong"] += bool(got) and not got & want
        counts["missing"] += not got
    n = counts.pop("n")
    extra = counts.pop("extra")
    return {"n": n, **{k: _share(v, n) for k, v in counts.items()}, "answered_without_ref": extra}


def _sets(mine: list[dict], ref: list[dict], key: str, field: str | None) -> dict[str, Any]:
    """Micro precision and recall of location sets (references, or incoming call sites)."""
    n = both = got_n = want_n = exact = 0
    for a, r in zip(mine, ref, strict=True):
        if key not in a or key not in r or (field and (a[key] is None or r[key] is None)):
            continue
        got = _locs(a[key][field] if field else a[key])
        want = _locs(r[key][field] if field else r[key])
        if not want or _external(r):
            continue
        n += 1
        both += len(got & want)
        got_n += len(got)
        want_n += len(want)
        exact += got == want
    return {
        "n": n,
        "precision": _share(both, got_n),
        "recall": _share(both, want_n),
        "exact": _share(exact, n),
    }


def name_check(sites: list[Site], answers: list[dict]) -> dict[str, Any]:
    """The name-based check: does the answer contain the real definition line.

    Only for sites whose name is defined once in the corpus (its definition is known without
    a type checker). ``defines_name``: over all sites, the definition answer points at some
    definition of the name.
    """
    out: dict[str, Any] = {}
    for key in ("definition", "references", "calls"):
        n = hits = 0
        for site, a in zip(sites, answers, strict=True):
            if site.real is None or key not in a:
                continue
            n += 1
            if key == "calls":
                item = a["calls"]["item"]
                hits += item is not None and tuple(item) == site.real
            else:
                hits += site.real in _lines(a[key])
        out[key] = {"n": n, "share": _share(hits, n)}
    n = hits = 0
    for site, a in zip(sites, answers, strict=True):
        if a.get("definition"):
            n += 1
            hits += bool(_lines(a["definition"]) & set(site.defined))
    out["defines_name"] = {"n": n, "share": _share(hits, n)}
    return out


def compare(
    sites: list[Site], answers: dict[str, list[dict]], reference: str
) -> dict[str, dict[str, Any]]:
    """Every server against ``reference`` (itself included: its own name check)."""
    ref = answers[reference]
    out = {}
    for server, mine in answers.items():
        out[server] = {
            "definition": _definition(sites, mine, ref),
            "references": _sets(mine, ref, "references", None),
            "incoming_calls": _sets(mine, ref, "calls", "sites"),
            "external": external_sites(mine, ref),
            "name_check": name_check(sites, mine),
        }
    return out


@cache
def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return []


def _where(loc: tuple) -> str:
    """1-based ``path:line[:column]``, as editors show it."""
    return f"{loc[0]}:{loc[1] + 1}" + (f":{loc[2] + 1}" if len(loc) > 2 else "")


def _show(root: Path, loc: tuple, others: dict[str, set]) -> dict[str, Any]:
    lines = [] if loc[0].startswith("<") else _file_lines(root / loc[0])
    shown: dict[str, Any] = {
        "at": _where(loc),
        "text": lines[loc[1]].strip()[:120] if loc[1] < len(lines) else "",
    }
    agreeing = sorted(name for name, found in others.items() if tuple(loc) in found)
    if agreeing:
        shown["also_found_by"] = agreeing
    return shown


def examples(
    root: Path,
    sites: list[Site],
    answers: dict[str, list[dict]],
    reference: str,
    subject: str = "hive-ls",
    limit: int = 8,
) -> dict[str, Any]:
    """Where ``subject`` differs from ``reference``: counts, and examples.

    The first ``limit`` differing sites per kind, with what each answered; other peers that
    agree with an extra or a missing location are named (the reference is not always right).
    """
    mine, ref = answers[subject], answers[reference]
    others = {k: v for k, v in answers.items() if k not in (subject, reference)}
    out: dict[str, Any] = {}
    for kind, key, field in (
        ("definition", "definition", None),
        ("references", "references", None),
        ("incoming_calls", "calls", "sites"),
    ):
        found, sites_differing, extra_n, missing_n = [], 0, 0, 0
        for i, site in enumerate(sites):
            a, r = mine[i].get(key), ref[i].get(key)
            if a is None or r is None:
                continue
            got, want = _locs(a[field] if field else a), _locs(r[field] if field else r)
            if kind == "definition":
                got_l, want_l = _lines(a), _lines(r)
                if not want_l or got_l & want_l:
                    continue
                extra, missing = got - want, want - got
            else:
                extra, missing = got - want, want - got
                if not extra and not missing:
                    continue
            sites_differing += 1
            extra_n += len(extra)
            missing_n += len(missing)
            seen = {
                name: _locs((other[i].get(key) or {}).get(field) if field else other[i].get(key))
                for name, other in others.items()
            }
            found.append(
                {
                    "site": f"{_where((site.path, site.line, site.character - 1))} "
                    f"`{site.name}` ({site.form})",
                    "site_text": _show(root, (site.path, site.line), {})["text"],
                    f"{subject}_only": [_show(root, x, seen) for x in sorted(extra)[:4]],
                    f"{reference}_only": [_show(root, x, seen) for x in sorted(missing)[:4]],
                    "counts": [len(got), len(want)],
                    "reference_empty": not want,
                }
            )
        # disagreements with an answer of the reference first: where it had none, it may be
        # the one that is wrong (it cannot infer the receiver's type)
        found.sort(key=lambda f: f["reference_empty"])
        out[kind] = {
            "sites_differing": sites_differing,
            "of_which_reference_empty": sum(f["reference_empty"] for f in found),
            f"{subject}_only_total": extra_n,
            f"{reference}_only_total": missing_n,
            "examples": found[:limit],
        }
    return out


def is_test_file(path: str) -> bool:
    """A test module by the usual conventions (``tests/``, ``test_*.py``, ``*.test.ts``)."""
    name = path.rsplit("/", 1)[-1]
    return (
        "/tests/" in f"/{path}"
        or "/test/" in f"/{path}"
        or name.startswith("test_")
        or ".test." in name
        or ".spec." in name
    )


def test_selection(selected: list[list[str] | None], ref: list[dict]) -> dict[str, Any]:
    """``hive/testsFor`` against the test files that reference the symbol directly.

    Direct references come from the reference server: their recall is judged; tests reached
    only transitively are unknown to the reference, so precision is not.
    """
    n = hits = wanted = 0
    for files, r in zip(selected, ref, strict=False):
        if files is None or "references" not in r:
            continue
        direct = {p for p, *_ in r["references"] if is_test_file(p)}
        if not direct:
            continue
        n += 1
        wanted += len(direct)
        hits += len(direct & set(files))
    return {"n": n, "recall_of_direct_test_files": _share(hits, wanted)}
