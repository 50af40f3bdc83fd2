"""Markdown for the peer comparison, the stages and the regression check."""

from __future__ import annotations

from typing import Any


def _ms(s: dict[str, Any] | None) -> str:
    """``p50 / p95`` in ms, with timeouts and skips noted; a dash when nothing was measured."""
    if not s or not s.get("n"):
        failed = (s or {}).get("timeouts", 0) + (s or {}).get("errors", 0)
        return f"— ({failed} failed)" if failed else "—"

    def one(v: float) -> str:
        return f"{v:.1f}" if v < 10 else f"{v:.0f}"

    text = f"{one(s['p50_ms'])} / {one(s['p95_ms'])}"
    for key in ("timeouts", "errors", "skipped"):
        if s.get(key):
            text += f" ({s[key]} {key})"
    return text


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def _symbols(server: dict[str, Any]) -> dict[str, Any] | None:
    """All workspace/symbol timings of a server as one summary (p50 of the query p50s)."""
    queries = [q for q in (server.get("workspace_symbol") or {}).values() if q.get("n")]
    if not queries:
        return None
    p50s = sorted(q["p50_ms"] for q in queries)
    return {"n": len(queries), "p50_ms": p50s[len(p50s) // 2], "p95_ms": max(p50s)}


def _first(server: dict[str, Any]) -> str:
    first = server.get("first_answer") or {}
    if first.get("s") is None:
        return "none"
    how = "" if first.get("method") == "workspace/symbol" else " (definition)"
    return f"{first['s']:.1f} s{how}"


def latency_table(case: dict[str, Any]) -> list[str]:
    out = [
        "| server | first answer | ready | documentSymbol | workspace/symbol | definition "
        "| references | incoming calls | peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in case["servers"].items():
        if "error" in s:
            out.append(f"| {name} | did not run: {s['error'][:80]} |||||||| ")
            continue
        lat = s.get("latency", {})
        calls = (
            _ms(lat.get("incomingCalls")) if s["capabilities"]["callHierarchyProvider"] else "n/a"
        )
        ready = f"{s['ready_s']:.1f} s" if s.get("ready_s") is not None else "—"
        out.append(
            f"| {name} {s['version']} | {_first(s)} | {ready} | {_ms(lat.get('documentSymbol'))} "
            f"| {_ms(_symbols(s)) if s['capabilities']['workspaceSymbolProvider'] else 'n/a'} "
            f"| {_ms(lat.get('definition'))} | {_ms(lat.get('references'))} | {calls} "
            f"| {s['memory']['sum_of_process_peaks_mb']:.0f} MB |"
        )
    return out


def accuracy_table(case: dict[str, Any]) -> list[str]:
    ref = case.get("reference")
    if not ref:
        return []
    out = [
        f"| server | definition agrees with {ref} | references precision / recall "
        "| incoming-call sites precision / recall | name check: definition / references / "
        "call item | definition is a def of the name | library sites: a workspace def named |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, a in case["accuracy"].items():
        d, r, c, n = a["definition"], a["references"], a["incoming_calls"], a["name_check"]
        refs = "reference" if name == ref else f"{_pct(r['precision'])} / {_pct(r['recall'])}"
        calls = "reference" if name == ref else f"{_pct(c['precision'])} / {_pct(c['recall'])}"
        if not c["n"] and name != ref:
            calls = "n/a"
        agree = "reference" if name == ref else f"{_pct(d['agree'])} (n={d['n']})"
        names = " / ".join(_pct(n[k]["share"]) for k in ("definition", "references", "calls"))
        ext = a.get("external", {})
        library = (
            "reference"
            if name == ref
            else f"{_pct(ext.get('named_a_workspace_definition'))} (n={ext.get('n', 0)})"
        )
        out.append(
            f"| {name} | {agree} | {refs} (n={r['n']}) | {calls} | {names} "
            f"(n={n['definition']['n']}) | {_pct(n['defines_name']['share'])} | {library} |"
        )
    return out


def _loc_list(items: list[dict[str, Any]]) -> str:
    if not items:
        return "nothing"
    shown = []
    for item in items[:2]:
        also = f" (also {', '.join(item['also_found_by'])})" if item.get("also_found_by") else ""
        shown.append(f"`{item['at']}` `{item['text'][:60]}`{also}")
    return "; ".join(shown) + (f" (+{len(items) - 2} more in the JSON)" if len(items) > 2 else "")


def differences(case: dict[str, Any], per_kind: int = 3) -> list[str]:
    diff = case.get("hive_vs_reference")
    if not diff:
        return []
    ref = case["reference"]
    out = []
    for kind, found in diff.items():
        if not found["sites_differing"]:
            continue
        out.append(
            f"- {kind}: {found['sites_differing']} sites differ "
            f"({found['hive-ls_only_total']} locations only hive-ls gives, "
            f"{found[f'{ref}_only_total']} only {ref} gives; at "
            f"{found['of_which_reference_empty']} of them {ref} answered nothing)"
        )
        for ex in found["examples"][:per_kind]:
            got, want = ex["counts"]
            out.append(
                f"  - at `{ex['site']}` `{ex['site_text'][:70]}`: hive-ls {got}, {ref} {want}; "
                f"only hive-ls: {_loc_list(ex['hive-ls_only'])}; "
                f"only {ref}: {_loc_list(ex[f'{ref}_only'])}"
            )
    return out


def _hive_extras(case: dict[str, Any]) -> list[str]:
    hive = case["servers"].get("hive-ls", {})
    out = []
    warm = hive.get("warm_start")
    if warm:
        out.append(
            f"hive-ls second start (warm: loads the index the first start saved, parses only "
            f"changed files): first answer {warm['first_answer_s']} s, index complete "
            f"{warm['index_complete_s']} s; first start: index complete "
            f"{hive.get('index_complete_s')} s."
        )
    if hive.get("graph_ready_s") is not None:
        out.append(f"hive-ls dependence graph answering {hive['graph_ready_s']} s after start.")
    for method in ("hive/impact", "hive/testsFor", "hive/search"):
        if method in hive:
            named = hive[method].get("files_named_median")
            files = f" (median {named} files named per answer)" if named is not None else ""
            out.append(f"`{method}` p50 / p95: {_ms(hive[method]['latency'])} ms{files}.")
    if "test_selection" in case:
        t = case["test_selection"]
        out.append(
            f"Test selection: `hive/testsFor` recall of the test files that reference the "
            f"symbol directly: {_pct(t['recall_of_direct_test_files'])} (n={t['n']})."
        )
    elif hive and "hive/testsFor" not in hive.get("hive_methods", []):
        out.append("Test selection: hive-ls does not serve `hive/testsFor` yet.")
    return out


def peers_section(r: dict[str, Any]) -> list[str]:
    found = r.get("peers")
    if not found or "cases" not in found:
        return []
    out = [
        "",
        "## Against peer servers (same run, same machine, stdio)",
        "",
        "Latencies are p50 / p95 in ms over the sampled call sites (documentSymbol: the files "
        "of those sites); *first answer*: from process start to the first non-empty "
        "`workspace/symbol` (or definition); *ready*: when its announced background work "
        "ended; *peak memory*: the sum of per-process peaks of the server's process tree. "
        "Versions: " + ", ".join(f"{k} {v}" for k, v in found["versions"].items()) + ".",
    ]
    for key, case in found["cases"].items():
        out += [
            "",
            f"### {key} ({case['files']} {case['language']} files; {case['sites']} call sites, "
            f"{case['deep_sites']} with references and incoming calls; "
            f"{case['sites_with_known_definition']} with a name defined once)",
            "",
            *latency_table(case),
        ]
        acc = accuracy_table(case)
        if acc:
            out += ["", *acc]
        extras = _hive_extras(case)
        if extras:
            out += ["", *extras]
        diff = differences(case)
        if diff:
            out += ["", f"Where hive-ls differs from {case['reference']}:", "", *diff]
    return out


def stages_section(r: dict[str, Any]) -> list[str]:
    st = r.get("stages")
    if not st or "error" in st:
        return []
    out = [
        "",
        f"## Stages ({st['files']} files, {st['bytes']:,} bytes), against the raw library",
        "",
        "| stage | hive-ls | floor | items | hive-ls per s | floor per s | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in st.items():
        if not isinstance(s, dict):
            continue
        if "pending" in s or "error" in s:
            out.append(f"| {name} | {s.get('pending') or s['error']} ||||||")
            continue
        if "edit_plus_graph" in s:
            ratio = f"{s['ratio_to_floor']}x p50, {s['p95_ratio_to_floor']}x p95"
            ours = f"`{s['ours']}` in `{s['file']}`: p50 / p95 {_ms(s['edit_plus_graph'])} ms"
            floor = f"`{s['floor']}`: {_ms(s['floor_ms'])} ms"
        else:
            ratio = f"{s['ratio_to_floor']}x"
            ours = f"`{s['ours']}` {s['ours_s']:.3f} s"
            floor = f"`{s['floor']}` {s['floor_s']:.3f} s"
        out.append(
            f"| {name} | {ours} | {floor} | {s['items']:,} {s['unit']} "
            f"| {s['ours_per_s']:,} | {s['floor_per_s']:,} | {ratio} |"
        )
    return out


def regression_section(r: dict[str, Any]) -> list[str]:
    check = r.get("regression_check")
    if not check:
        return []
    if "error" in check:
        return ["", f"Regression check: {check['error']}"]
    out = [
        "",
        f"## Regression check (fails above {check['tolerance']}x the baseline; lower is better)",
        "",
        "| ratio measured in this run | baseline | now | change | |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in check["metrics"].items():
        now = "—" if row["now"] is None else f"{row['now']}"
        change = f"{row['change']}x" if "change" in row else "—"
        verdict = "**REGRESSION**" if row["verdict"] == "REGRESSION" else row["verdict"]
        out.append(f"| {name} | {row['baseline']} | {now} | {change} | {verdict} |")
    return out


def summary_table(r: dict[str, Any]) -> list[str]:
    """One compact table over every corpus: the README's."""
    found = (r.get("peers") or {}).get("cases") or {}
    out = [
        "| corpus | server | first answer | definition | references | incoming calls "
        "| peak memory | references P / R vs reference | name check (definition) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, case in found.items():
        for name, s in case["servers"].items():
            if "error" in s:
                continue
            lat = s["latency"]
            acc = (case.get("accuracy") or {}).get(name)
            pr = "—"
            if acc and name == case.get("reference"):
                pr = "(reference)"
            elif acc and acc["references"]["n"]:
                pr = f"{_pct(acc['references']['precision'])} / {_pct(acc['references']['recall'])}"
            check = _pct(acc["name_check"]["definition"]["share"]) if acc else "—"
            calls = (
                _ms(lat.get("incomingCalls"))
                if s["capabilities"]["callHierarchyProvider"]
                else "n/a"
            )
            out.append(
                f"| {key} | {name} | {_first(s)} | {_ms(lat.get('definition'))} "
                f"| {_ms(lat.get('references'))} | {calls} "
                f"| {s['memory']['sum_of_process_peaks_mb']:.0f} MB | {pr} | {check} |"
            )
    return out
