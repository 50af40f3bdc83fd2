"""Pinned real corpora from PyPI (``pip download``) and npm (``npm pack``) in ``bench/.cache/``."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Corpus:
    """A package pinned by name and version; ``file`` names one file of it, when one is wanted.

    ``registry`` is ``pypi`` (a wheel) or ``npm`` (a tarball from ``npm pack``); ``subdir`` is
    the folder of the unpacked package that is the workspace; ``tsconfig`` is written there
    when the package ships none that TypeScript servers can load as they are.
    """

    name: str
    version: str
    why: str
    file: str = ""
    registry: str = "pypi"
    language: str = "python"
    subdir: str = ""
    tsconfig: str = ""

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def root(self) -> Path:
        """The folder the wheel is unpacked into (the workspace to index)."""
        return CACHE / "src" / self.key

    @property
    def workspace(self) -> Path:
        """The folder servers are started on."""
        return self.root / self.subdir if self.subdir else self.root

    @property
    def extensions(self) -> tuple[str, ...]:
        return (".py",) if self.language == "python" else (".ts",)


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
# the large Python package for peers: 1,533 .py files, 754k lines
SYMPY = Corpus("sympy", "1.14.0", "a large package (1,533 .py files, 754k lines)")
# a package whose wheel ships its tests (toolz/tests): test selection
TOOLZ = Corpus("toolz", "1.2.0", "ships its tests (17 of 33 .py files): test selection")
# TypeScript sources: rxjs's npm tarball ships src/ (~250 .ts files, 21k lines) next to dist/
RXJS = Corpus(
    "rxjs",
    "7.8.2",
    "its npm tarball ships its TypeScript sources (src/, ~250 .ts files)",
    registry="npm",
    language="typescript",
    subdir="package/src",
    # the shipped src/tsconfig.*.json target ES5 with baseUrl (both gone in TypeScript 7) and
    # none is named tsconfig.json: one neutral project for both TypeScript servers instead
    tsconfig=json.dumps(
        {
            "compilerOptions": {
                "target": "es2020",
                "module": "esnext",
                "moduleResolution": "bundler",
                "lib": ["es2020", "dom"],
                "strict": True,
                "noEmit": True,
                "skipLibCheck": True,
            },
            "include": ["./**/*.ts"],
            "exclude": ["./internal/umd.ts"],
        },
        indent=2,
    ),
)
# re-exports: helpers pulled into package __init__ files with `from .x import *` and __all__
NETWORKX = Corpus(
    "networkx",
    "3.4.2",
    "re-exports its helpers through package __init__ files (`from networkx.utils.misc import *`"
    " with __all__), calls them as `nx.utils.f(...)`; ships its tests",
)
HTTPX = Corpus(
    "httpx",
    "0.28.1",
    "a typed package that re-exports its API through __init__ (`from ._api import *`)",
)
# TypeScript re-exported through a barrel (`src/internal.ts`: `export * from` every module)
MOBX = Corpus(
    "mobx",
    "6.13.5",
    "its npm tarball ships its TypeScript sources (src/), re-exported through barrel files",
    registry="npm",
    language="typescript",
    subdir="package/src",
    tsconfig=RXJS.tsconfig,  # the same neutral project: the package ships none
)
ALL = (DJANGO, SYMPY_TENSOR, REQUESTS, TOOLZ, RXJS, NETWORKX, HTTPX, MOBX)
BY_NAME = {c.name: c for c in (DJANGO, SYMPY, REQUESTS, TOOLZ, RXJS, NETWORKX, HTTPX, MOBX)}


def _tarball(corpus: Corpus) -> Path:
    packs = CACHE / "packs"
    found = packs / f"{corpus.name}-{corpus.version}.tgz"
    if found.exists():
        return found
    packs.mkdir(parents=True, exist_ok=True)
    print(f"fetching {corpus.name}@{corpus.version} ...", file=sys.stderr)
    subprocess.run(
        [
            "npm",
            "pack",
            "--silent",
            "--pack-destination",
            str(packs),
            corpus.key.replace("-", "@", 1),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not found.exists():
        raise RuntimeError(f"npm pack wrote no {found.name} into {packs}")
    return found


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
    archive_path = _wheel(corpus) if corpus.registry == "pypi" else _tarball(corpus)
    partial = root.with_name(root.name + ".partial")
    if partial.exists():
        subprocess.run(["rm", "-rf", str(partial)], check=True)
    if corpus.registry == "pypi":
        with zipfile.ZipFile(archive_path) as archive:
            archive.extractall(partial)
    else:
        with tarfile.open(archive_path) as archive:
            archive.extractall(partial, filter="data")
    if corpus.tsconfig:
        (partial / corpus.subdir / "tsconfig.json").write_text(corpus.tsconfig + "\n", "utf-8")
    if root.exists():
        subprocess.run(["rm", "-rf", str(root)], check=True)
    partial.rename(root)
    (root / ".unpacked").write_text(archive_path.name + "\n", encoding="utf-8")
    return root


def describe(corpus: Corpus) -> dict[str, object]:
    """Name, version, wheel and file counts of a fetched corpus, for the results."""
    root = fetch(corpus)
    files = source_files(corpus)
    info: dict[str, object] = {
        "name": corpus.name,
        "version": corpus.version,
        "registry": corpus.registry,
        "wheel": (root / ".unpacked").read_text(encoding="utf-8").strip(),
        "workspace": str(corpus.workspace.relative_to(CACHE)),
        "why": corpus.why,
        "language": corpus.language,
        "files": len(files),
        "lines": sum(p.read_bytes().count(b"\n") for p in files),
    }
    if corpus.tsconfig:
        info["tsconfig"] = "written by bench/corpora.py (see the README)"
    if corpus.file:
        data = (root / corpus.file).read_bytes()
        info["file"] = {"path": corpus.file, "lines": data.count(b"\n"), "bytes": len(data)}
    return info


def source_files(corpus: Corpus) -> list[Path]:
    """The corpus's files in its language, sorted (``.d.ts`` declarations left out)."""
    fetch(corpus)
    root = corpus.workspace
    return sorted(
        p
        for ext in corpus.extensions
        for p in root.rglob(f"*{ext}")
        if p.is_file() and not p.name.endswith(".d.ts") and "node_modules" not in p.parts
    )


if __name__ == "__main__":
    for c in ALL:
        print(describe(c))
