"""Memory of a whole process tree, sampled from /proc while a command runs (README)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields follow the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def descendants(root: int) -> list[int]:
    """``root`` and every live process below it."""
    kids = _children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(kids.get(pid, ()))
    return found


def _status_kb(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


def _pss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


@dataclass
class TreeMemory:
    """What the sampler saw (kB)."""

    peak_rss_sum: int = 0
    peak_pss_sum: int = 0
    hwm: dict[int, int] = field(default_factory=dict)
    samples: int = 0
    max_processes: int = 0
    ru_maxrss: int = 0

    def as_mb(self) -> dict[str, float | int]:
        mb = 1024.0
        return {
            "peak_rss_sum_mb": round(self.peak_rss_sum / mb, 1),
            "peak_pss_sum_mb": round(self.peak_pss_sum / mb, 1),
            "sum_of_process_peaks_mb": round(sum(self.hwm.values()) / mb, 1),
            "largest_process_peak_mb": round(self.ru_maxrss / mb, 1),
            "processes_seen": len(self.hwm),
            "max_processes_at_once": self.max_processes,
            "samples": self.samples,
        }


class Sampler:
    """Samples the memory of ``pid``'s tree in a thread until ``stop()``."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid = pid
        self.interval = interval
        self.memory = TreeMemory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def start(self) -> Sampler:
        self._thread.start()
        return self

    def sample(self) -> None:
        """Take one sample now."""
        rss_sum = pss_sum = 0
        pids = descendants(self.pid)
        for pid in pids:
            try:
                rss, hwm = _status_kb(pid)
                pss = _pss_kb(pid)
            except (OSError, ValueError):
                continue  # exited meanwhile
            rss_sum += rss
            pss_sum += pss
            self.memory.hwm[pid] = max(hwm, self.memory.hwm.get(pid, 0))
        mem = self.memory
        mem.samples += 1
        mem.peak_rss_sum = max(mem.peak_rss_sum, rss_sum)
        mem.peak_pss_sum = max(mem.peak_pss_sum, pss_sum)
        mem.max_processes = max(mem.max_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> TreeMemory:
        self._stop.set()
        self._thread.join()
        return self.memory


@dataclass
class Measured:
    """A finished command: exit code, output, wall time and memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    memory: TreeMemory


def run_measured(argv: list[str], interval: float = 0.02) -> Measured:
    """Run ``argv`` to completion, timing it and sampling its process tree's memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid, interval).start()
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    memory = sampler.stop()
    memory.ru_maxrss = usage.ru_maxrss
    for reader in readers:
        reader.join()
    return Measured(
        proc.returncode,
        b"".join(out).decode("utf-8", "replace"),
        b"".join(err).decode("utf-8", "replace"),
        seconds,
        memory,
    )
