"""Module names from file paths and package declarations, one rule per ``module_style``."""

from __future__ import annotations

from collections.abc import Callable

from hive_ls.base.language import LanguageSpec


def _strip_ext(relpath: str) -> str:
    name = relpath.rsplit("/", 1)
    stem = name[-1].rsplit(".", 1)[0] if "." in name[-1] else name[-1]
    return f"{name[0]}/{stem}" if len(name) == 2 else stem


def _python(relpath: str, package: str) -> str:
    parts = _strip_ext(relpath).split("/")
    if parts and parts[0] == "src" and len(parts) > 1:
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _path(relpath: str, package: str) -> str:
    return ".".join(_strip_ext(relpath).split("/"))


def _rust(relpath: str, package: str) -> str:
    parts = _strip_ext(relpath).split("/")
    if "src" in parts:
        parts = parts[len(parts) - parts[::-1].index("src") :]
    if parts and parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return ".".join(parts)


def _go(relpath: str, package: str) -> str:
    directory = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    return ".".join(directory.split("/")) if directory else package


def _package(relpath: str, package: str) -> str:
    return package


def _global(relpath: str, package: str) -> str:
    return ""


STYLES: dict[str, Callable[[str, str], str]] = {
    "python": _python,
    "path": _path,
    "rust": _rust,
    "go": _go,
    "package": _package,
    "global": _global,
}


def module_name(spec: LanguageSpec, relpath: str, package: str = "") -> str:
    """The dotted module name of the file at ``relpath`` (relative to its workspace root).

    ``package`` is the package or namespace the file declares, written with the language's own
    separators; it is normalised to dots.
    """
    for sep in spec.separators:
        if sep != ".":
            package = package.replace(sep, ".")
    package = package.strip(".")
    rule = STYLES.get(spec.module_style, _path)
    return rule(relpath, package)
