"""Joins the layers: owns the workspace state, applies changes, hands out snapshots to readers."""
