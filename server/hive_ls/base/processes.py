"""Stopping a child process for good: SIGTERM, a moment's grace, then SIGKILL, then reaping."""

from __future__ import annotations

from multiprocessing.process import BaseProcess


def stop_process(process: BaseProcess, grace_s: float = 2.0) -> None:
    """Stop ``process`` (SIGTERM, then SIGKILL after ``grace_s``) and reap it."""
    if process.is_alive():
        process.terminate()
        process.join(grace_s)
    if process.is_alive():
        process.kill()
    process.join(grace_s)
