# SPDX-License-Identifier: MIT
"""Means and Student-t intervals from sufficient statistics (sum, sum of squares, count),
vectorised, with the simulator's formulas (sim/statistics.h): var = (sum_sq - sum^2/n)/(n-1)
clamped at 0, half width = t_{(1+level)/2, n-1} * sqrt(var / n); with n < 2 the half width
is inf and the bounds are -inf/+inf; with n = 0 the mean is NaN. With `bounds` (one of
"none", "non_negative", "unit_interval" per row, e.g. from ``_core.kpi_bounds``) ci_low and
ci_high are the interval that respects them (sim::bounded_confidence_interval: Student's t on
the log or logit scale), so no interval of a non-negative KPI goes below 0."""
import numpy as np

from . import _core


def interval_columns(sums, sums_sq, counts, level=0.95, bounds=None):
    """dict of arrays: mean, half_width, ci_low, ci_high, n."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level(={level}) must be between 0 and 1")
    sums = np.asarray(sums, dtype=float)
    sums_sq = np.asarray(sums_sq, dtype=float)
    counts = np.asarray(counts, dtype=np.uint64)
    n = counts.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, sums / np.where(n > 0, n, 1.0), np.nan)
        variance = np.maximum((sums_sq - sums * sums / n) / (n - 1.0), 0.0)
        t = np.full(n.shape, np.inf)
        for value in np.unique(counts[counts >= 2]):
            t[counts == value] = _core.student_t_quantile(0.5 * (1.0 + level), float(value) - 1.0)
        half = np.where(n >= 2, t * np.sqrt(variance / n), np.inf)
    low, high = mean - half, mean + half
    if bounds is not None:
        low, high = low.copy(), high.copy()
        for i, kind in enumerate(bounds):
            if kind != "none" and counts[i] > 0:
                _, _, low[i], high[i], _ = _core.bounded_confidence_interval(
                    float(sums[i]), float(sums_sq[i]), int(counts[i]), level, kind)
    return {"mean": mean, "half_width": half, "ci_low": low, "ci_high": high, "n": counts}


def over_axis(values, axis, level=0.95):
    """Interval columns over one axis of an array (NaN entries are left out, as undefined)."""
    values = np.asarray(values, dtype=float)
    defined = ~np.isnan(values)
    zeroed = np.where(defined, values, 0.0)
    return interval_columns(zeroed.sum(axis=axis), (zeroed * zeroed).sum(axis=axis), defined.sum(axis=axis), level)
