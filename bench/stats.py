"""Small statistics helpers: median with min–max, percentiles, ratios."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from typing import Any


def summary(samples: list[float]) -> dict[str, Any]:
    """Median, min, max and n of timings in seconds (None when there are none)."""
    if not samples:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def percentile(samples: list[float], q: float) -> float | None:
    """The q-th percentile (0-100), nearest-rank, of the samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def ratio(value: float | None, floor: float | None) -> float | None:
    return None if value is None or not floor else value / floor


def repeat(action: Callable[[], Any], runs: int = 5, warmup: int = 1, slow: float = 5.0, before: Callable[[], Any] | None = None) -> dict:
    """Time `action` `runs` times after `warmup` runs; `before` (untimed) runs ahead of each.

    A warm-up slower than `slow` seconds becomes the one sample (n=1, flagged `capped`): repeating a
    30-second query five times would blow the 20-minute budget of `make bench` and change no verdict.
    """
    samples: list[float] = []
    for i in range(warmup + runs):
        if before:
            before()
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        if i < warmup:
            if elapsed > slow:
                return {**summary([elapsed]), "capped": True}
            continue
        samples.append(elapsed)
        if sum(samples) > slow * runs:
            break
    return {**summary(samples), "capped": len(samples) < runs}
