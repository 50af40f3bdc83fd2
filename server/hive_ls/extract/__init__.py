"""Pure extraction: syntax trees in, facts out; no IO, and broken code yields facts plus errors."""
