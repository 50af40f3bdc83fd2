"""Which files belong to the workspace, and reading them safely; no parsing, no analysis."""
