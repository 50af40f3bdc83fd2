"""Whether this CPU can run LanceDB, checked before lancedb is ever imported."""

from __future__ import annotations

import sys

CPUINFO = "/proc/cpuinfo"
REQUIRED_FLAGS = ("avx2", "fma")
CPU_MESSAGE = "this CPU lacks AVX2/FMA, which LanceDB needs; the index stays in memory"


def cpu_problem(flags: str | None = None) -> str | None:
    """A one-sentence reason why LanceDB cannot run here, or None when it can (or we cannot tell).

    ``flags`` is the text of a ``/proc/cpuinfo``-style ``flags`` line (or the whole file); when it
    is None the file is read on Linux x86, and on other systems (or when the file is unreadable)
    the answer is None: LanceDB's own wheels decide there.
    """
    if flags is None:
        flags = _read_flags()
        if flags is None:
            return None
    found = set(_flag_words(flags))
    if all(flag in found for flag in REQUIRED_FLAGS):
        return None
    return CPU_MESSAGE


def _read_flags() -> str | None:
    """The ``flags`` lines of /proc/cpuinfo on Linux x86, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open(CPUINFO, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    lines = [line for line in text.splitlines() if line.split(":", 1)[0].strip() == "flags"]
    # ARM and other architectures have no "flags" line: nothing to say about them.
    return "\n".join(lines) if lines else None


def _flag_words(flags: str) -> list[str]:
    """The flag names in ``flags``, whether it is one line, several, or bare words."""
    words: list[str] = []
    for line in flags.splitlines():
        _, colon, rest = line.partition(":")
        words.extend((rest if colon else line).split())
    return words
