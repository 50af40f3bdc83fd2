"""Reading an HTTP ``Retry-After`` value (seconds or a date), for the clients that retry."""

from __future__ import annotations

import math
import time
from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value, between 0 and ``cap``; None if unusable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), cap)
