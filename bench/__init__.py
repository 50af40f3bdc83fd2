"""Benchmarks of hive-ls on pinned real corpora; run them with ``python -m bench.run``."""
