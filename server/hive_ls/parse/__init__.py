"""Grammar loading and incremental tree-sitter parsing; parsing never raises on broken code."""
