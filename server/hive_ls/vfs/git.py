"""Which lines changed against a git revision (``git diff``), for test selection.

The repository is untrusted: the revision is checked to be a revision (never an option), and
git runs with the repository's ways of starting programs switched off (fsmonitor hooks,
external diff and textconv drivers, clean/smudge filters), so ``git diff`` only reads.
"""

from __future__ import annotations

import re
import subprocess

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


class GitError(RuntimeError):
    """git is missing, the folder is no repository, or the revision is unknown."""


# what git would otherwise run from a repository's own config while it diffs
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "diff.external=")
_FILTER_COMMANDS = re.compile(rb"^(filter\.[^\n]+\.(?:clean|smudge|process))$", re.M)
_REVISION = re.compile(r"[^\x00-\x20\x7f~^:?*\[\\][^\x00-\x20\x7f]*\Z")


def _git(root: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", root, *_SAFE, *args],
            capture_output=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError("git took longer than a minute") from exc


def changed_lines(root: str, revision: str) -> dict[str, list[tuple[int, int]]]:
    """Per file under ``root`` (posix path relative to it), the 1-based lines changed.

    Changed since ``revision``; ``root`` may be any folder inside the repository. A deleted
    file maps to an empty list (all of it changed).
    Raises GitError for a revision that could be read as an option (``--output=...``).
    """
    check_revision(revision)
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:  # else git diff would compare files and print its usage
        reason = top.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{root} is not in a git repository: {reason[-1] if reason else '?'}")
    done = _git(
        root,
        *_no_filters(root),
        "diff",
        "--relative",  # paths relative to root, changes outside it left out
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--no-textconv",
        "--end-of-options",
        revision,
        "--",
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            f"git diff {revision} failed in {root}: {message[-1] if message else done.returncode}"
        )
    changes: dict[str, list[tuple[int, int]]] = {}
    for block in re.split(rb"^diff --git ", done.stdout, flags=re.M)[1:]:
        header = block.split(b"\n", 4)
        new = next((line for line in header if line.startswith(b"+++ ")), b"")
        old = next((line for line in header if line.startswith(b"--- ")), b"")
        target = new[4:] if new[4:] != b"/dev/null" else old[4:]
        path = target.decode("utf-8", "replace").removeprefix("b/").removeprefix("a/")
        ranges = changes.setdefault(path, [])
        if new[4:] == b"/dev/null":
            continue  # deleted: the whole file
        for match in _HUNK.finditer(block):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            ranges.append((start, start + max(count, 1) - 1))
    return changes


def check_revision(revision: str) -> None:
    """Raise GitError unless ``revision`` reads as a revision (``main``, ``HEAD~2``, a hash).

    Leading ``-`` (an option), whitespace and control characters are refused.
    """
    if not revision or revision.startswith("-") or not _REVISION.match(revision):
        shown = revision if len(revision) <= 80 else revision[:80] + "..."
        raise GitError(
            f"{shown!r} is not a git revision (a branch, tag, commit or HEAD~N; not an option)"
        )


def _no_filters(root: str) -> list[str]:
    """``-c`` options emptying every clean/smudge/process filter the repository configures."""
    listed = _git(root, "config", "--name-only", "--get-regexp", r"^filter\.")
    if listed.returncode != 0:
        return []
    found = _FILTER_COMMANDS.findall(listed.stdout)
    return [item for name in found for item in ("-c", f"{name.decode('utf-8', 'replace')}=")]
