"""Value types shared by every layer: byte spans, facts about code, edits, settings."""
