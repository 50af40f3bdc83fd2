"""One module per feature; each reads a snapshot and returns plain dataclasses with byte spans."""
