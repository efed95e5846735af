# SPDX-License-Identifier: MIT
"""The standard figures of a comparison file (`ketensim compare`), as PNG.

Run as a script by the CLI: ``/usr/bin/python3 comparison_plots.py FILE PREFIX`` writes
``PREFIX-waiting.png`` (national waiting lists over time per configuration, mean with a 95%
band over replications) and ``PREFIX-regions.png`` (each region's mean wait, configurations
side by side). Needs only h5py, numpy and matplotlib. The ketensim package draws the same
figures in notebooks with ``draw_waiting`` and ``draw_regions`` (ketensim.plots).
"""
import sys

import h5py
import matplotlib
import numpy as np

# Stages whose national waiting lists are drawn, with readable titles.
WAITING_STAGES = [
    ("vt_investigation", "VT investigation / function (a)"),
    ("rvdk", "RvdK investigation / function (b)"),
    ("gi", "children without a guardian"),
    ("care_foster_care", "foster care"),
]
REGION_STAGES = ["rvdk", "gi"]

# Student t 97.5% quantiles by degrees of freedom (three decimals).
_T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
          11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
          20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048,
          29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def _strings(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def _t_quantile_975(n):
    """Student t 97.5% quantile for n - 1 degrees of freedom, from the table: exact to three
    decimals up to 30, else the entry of the largest tabulated df below (a slightly wider band)."""
    df = n - 1
    if df < 1:
        return float("nan")
    return _T_975[max(limit for limit in _T_975 if limit <= df)]


def non_negative_band(mean, half):
    """The band of a non-negative quantity from its mean and Student half width, on the log
    scale (as sim::bounded_confidence_interval): mean x exp(-+half / mean), so it never
    goes below 0 children; a mean of 0 (nobody waiting in any replication) gives [0, 0]."""
    mean = np.asarray(mean, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = np.where(mean > 0, np.asarray(half, dtype=float) / np.where(mean > 0, mean, 1.0), 0.0)
        return mean * np.exp(-spread), mean * np.exp(spread)


def draw_waiting(f, fig=None, t_quantile=_t_quantile_975):
    """National waiting lists per configuration over time, mean with a 95% band, on `fig`
    (a new figure when None); `t_quantile(n)` gives the t factor for n replications."""
    import matplotlib.pyplot as plt

    names = _strings(f["configurations"]["name"])
    days = f["timeseries/time_days"][()]
    stages = _strings(f["timeseries/series_stage"][()])
    regions = _strings(f["timeseries/series_region"][()])
    waiting = f["timeseries/waiting"]
    warmup = float(f.attrs["warmup_years"]) * 365.0
    if fig is None:
        fig = plt.figure(figsize=(12, 7))
    axes = fig.subplots(2, 2, sharex=True)
    for ax, (stage, title) in zip(axes.flat, WAITING_STAGES):
        series = [i for i, (s, r) in enumerate(zip(stages, regions)) if s == stage and r == "national"]
        if not series:
            ax.set_visible(False)
            continue
        for c, name in enumerate(names):
            values = waiting[c, :, series[0], :]
            mean = values.mean(axis=0)
            n = values.shape[0]
            half = t_quantile(n) * values.std(axis=0, ddof=1) / np.sqrt(n) if n > 1 else np.zeros_like(mean)
            low, high = non_negative_band(mean, half)
            line, = ax.plot(days / 365.0, mean, label=name)
            ax.fill_between(days / 365.0, low, high, color=line.get_color(), alpha=0.2)
        ax.axvline(warmup / 365.0, color="grey", linestyle=":", linewidth=1)
        ax.set_title(title)
        ax.set_ylabel("children waiting")
    for ax in axes[-1]:
        ax.set_xlabel("years (dotted: end of warm-up)")
    axes.flat[0].legend(fontsize=8)
    fig.suptitle("Waiting lists, national: mean and 95% band over replications (log scale, never below 0)")
    fig.tight_layout()
    return fig


def draw_regions(f, fig=None, stages=REGION_STAGES):
    """Each region's mean wait at `stages`, configurations side by side, on `fig`."""
    import matplotlib.pyplot as plt

    names = _strings(f["configurations"]["name"])
    kpis = f["kpis"][()]
    kpi_names, kpi_stages, kpi_regions = (_strings(kpis[c]) for c in ("name", "stage", "region"))
    values = f["kpi_values"][()]  # [configuration, kpi, replication]
    if fig is None:
        fig = plt.figure(figsize=(14, 4 * len(stages)))
    axes = fig.subplots(len(stages), 1)
    for ax, stage in zip(np.atleast_1d(axes), stages):
        rows = [k for k in range(len(kpi_names))
                if kpi_names[k] == "wait_days_mean" and kpi_stages[k] == stage and kpi_regions[k] != "national"]
        labels = [kpi_regions[k] for k in rows]
        width = 0.8 / len(names)
        x = np.arange(len(rows))
        for c, name in enumerate(names):
            means = np.nanmean(values[c][rows], axis=1) if rows else []
            ax.bar(x + c * width, means, width, label=name)
        ax.set_xticks(x + 0.4 - width / 2)
        ax.set_xticklabels(labels, rotation=75, fontsize=7)
        ax.set_ylabel("mean wait (days)")
        ax.set_title(f"Mean wait at {stage} per region")
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_waiting(f, path):
    """Writes draw_waiting's figure to `path`."""
    _save(draw_waiting(f), path)


def plot_regions(f, path):
    """Writes draw_regions's figure to `path`."""
    _save(draw_regions(f), path)


def _save(fig, path):
    import matplotlib.pyplot as plt

    # The Software text chunk marks the PNG as ketensim's: `ketensim compare` overwrites
    # only PNGs that carry it (models/output/overwrite_guard.h, png_software_marker).
    fig.savefig(path, dpi=110, metadata={"Software": "ketensim compare"})
    plt.close(fig)


def main(argv):
    """The script's command line, ``comparison_plots.py FILE PREFIX``; returns the exit code."""
    if len(argv) != 3:
        print("usage: comparison_plots.py COMPARISON.h5 PREFIX", file=sys.stderr)
        return 2
    matplotlib.use("Agg")  # files only, no display
    with h5py.File(argv[1], "r") as f:
        if f.attrs.get("filetype") != "ketensim.compare":
            print(f"{argv[1]}: filetype is {f.attrs.get('filetype')!r}, expected 'ketensim.compare'", file=sys.stderr)
            return 2
        plot_waiting(f, argv[2] + "-waiting.png")
        plot_regions(f, argv[2] + "-regions.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
