"""Which onnxruntime execution providers to ask for, given the settings and the machine."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

CPU = "CPUExecutionProvider"
CUDA = "CUDAExecutionProvider"
_NVIDIA_GPUS = Path("/proc/driver/nvidia/gpus")


def gpu_present() -> bool:
    """True when the machine really has an NVIDIA GPU (the driver lists one)."""
    try:
        if _NVIDIA_GPUS.is_dir() and any(_NVIDIA_GPUS.iterdir()):
            return True
    except OSError:
        pass
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return False
    try:
        done = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and "GPU" in done.stdout


def choose_providers(
    requested: str, available: Sequence[str], has_gpu: bool
) -> tuple[list[str], str]:
    """The providers to pass to ``InferenceSession`` and a notice for the user (or ``""``).

    ``requested`` is ``embed.provider``; onnxruntime-gpu lists CUDA even on machines without a
    GPU (and then silently runs on the CPU), so CUDA is asked for only when ``has_gpu`` too.
    """
    notice = ""
    if requested not in {"auto", "cpu", "cuda"}:
        notice = f'embed.provider = "{requested}" is not auto, cpu or cuda; using auto'
        requested = "auto"
    if requested == "cpu":
        return [CPU], notice
    if CUDA in available and has_gpu:
        return [CUDA, CPU], notice
    if requested == "cuda":
        why = "no GPU was found" if CUDA in available else "onnxruntime has no CUDA support"
        notice = f"CUDA requested but not available ({why}); running on CPU"
    return [CPU], notice
