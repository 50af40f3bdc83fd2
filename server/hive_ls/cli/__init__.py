"""The ``hive-ls`` command: serve, index, symbols, doctor."""
