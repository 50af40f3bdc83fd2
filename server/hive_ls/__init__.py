"""hive-ls: a language server that keeps the whole codebase as a live program dependence graph."""

__version__ = "0.1.0"
