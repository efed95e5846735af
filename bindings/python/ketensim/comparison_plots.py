# SPDX-License-Identifier: MIT
"""The standard figures of a comparison file (`ketensim compare`), as PNG, for a report.

Run as a script by the CLI: ``/usr/bin/python3 comparison_plots.py FILE PREFIX`` writes
``PREFIX-waiting.png`` (national waiting lists over time per configuration, mean with a 95%
band over replications), ``PREFIX-regions.png`` (each region's mean wait with its 95%
interval, a dot plot sorted by the first configuration) and ``PREFIX-differences.png``
(the headline KPIs' paired differences with the first configuration). Every label comes from
figure_labels (plain words, no code names); every figure carries a caption with the
scenario files, replications, seed, years and warm-up of the file. Sized for the width of an
A4 page. Needs only h5py, numpy and matplotlib. The ketensim package draws the same figures
in notebooks (ketensim.plots).
"""
import sys

import h5py
import matplotlib
import numpy as np

if __package__:
    from . import figure_labels as words
else:  # run as a script by `ketensim compare`
    import figure_labels as words

# A4 is 8.27 inches wide; with margins a figure of 7.5 inches prints at full size.
A4_WIDTH = 7.5

# Stages whose national waiting lists are drawn, with the title of each panel.
WAITING_STAGES = [
    ("vt_investigation", "Investigations of unsafety (function a)"),
    ("rvdk", "Board investigations / judgment (function b)"),
    ("gi", "Children waiting for a family guardian"),
    ("care_foster_care", "Children waiting for foster care"),
]
REGION_STAGES = ["rvdk", "gi"]

# The differences figure: panels of headline KPIs that share a unit.
DIFFERENCE_PANELS = [
    ("Within the legal deadline", [("share_within_deadline", "vt_triage"), ("share_within_deadline", "vt_investigation"),
                                   ("share_within_deadline", "rvdk"), ("share_within_deadline", "gi")]),
    ("Time", [("sojourn_days_mean", "vt_triage"), ("sojourn_days_mean", "vt_investigation"),
              ("sojourn_days_mean", "rvdk"), ("wait_days_mean", "gi")]),
    ("Children", [("children_without_guardian_mean", "chain"), ("waiting_children_mean", "care_foster_care")]),
    ("Events a year", [("escalations_per_year", "chain"), ("crisis_placements_per_year", "chain")]),
]

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


def configuration_labels(f):
    """Each configuration's label in the figures (figure_labels.configuration)."""
    rows = f["configurations"][()]
    names, placements = _strings(rows["name"]), _strings(rows["placement"])
    return [words.configuration(n, p, placements) for n, p in zip(names, placements)]


def caption_text(f):
    """The caption of every figure of the file: scenario files and the run facts."""
    paths = _strings(f["configurations"]["path"])
    return words.caption(f.attrs, list(zip(configuration_labels(f), paths)))


def _interval(values, t_quantile):
    """Mean over the last axis and its bounded 95% interval (NaN replications left out)."""
    n = np.sum(np.isfinite(values), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nanmean(values, axis=-1)
        sd = np.nanstd(values, axis=-1, ddof=1)
        half = np.array([t_quantile(k) if k > 1 else np.nan for k in np.atleast_1d(n)]) * sd / np.sqrt(n)
    low, high = non_negative_band(mean, np.nan_to_num(half, nan=0.0))
    return mean, low, high


def draw_waiting(f, fig=None, t_quantile=_t_quantile_975):
    """National waiting lists per configuration over time, mean with a 95% band, on `fig`
    (a new figure when None); `t_quantile(n)` gives the t factor for n replications."""
    import matplotlib.pyplot as plt

    labels = configuration_labels(f)
    days = f["timeseries/time_days"][()]
    stages = _strings(f["timeseries/series_stage"][()])
    regions = _strings(f["timeseries/series_region"][()])
    waiting = f["timeseries/waiting"]
    warmup = float(f.attrs["warmup_years"])
    if fig is None:
        fig = plt.figure(figsize=(A4_WIDTH, 6.2))
    axes = fig.subplots(2, 2, sharex=True)
    for ax, (stage, title) in zip(axes.flat, WAITING_STAGES):
        series = [i for i, (s, r) in enumerate(zip(stages, regions)) if s == stage and r == "national"]
        if not series:
            ax.set_visible(False)
            continue
        for c, label in enumerate(labels):
            values = waiting[c, :, series[0], :]
            mean = values.mean(axis=0)
            n = values.shape[0]
            half = t_quantile(n) * values.std(axis=0, ddof=1) / np.sqrt(n) if n > 1 else np.zeros_like(mean)
            low, high = non_negative_band(mean, half)
            line, = ax.plot(days / 365.0, mean, label=label, linewidth=1.2)
            ax.fill_between(days / 365.0, low, high, color=line.get_color(), alpha=0.2)
        ax.axvline(warmup, color="grey", linestyle=":", linewidth=1)
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("children waiting", fontsize=8)
        ax.tick_params(labelsize=7.5)
        ax.set_ylim(bottom=0)
    for ax in axes[-1]:
        ax.set_xlabel("years since the start (dotted: end of warm-up)", fontsize=8)
    handles, legend_labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, legend_labels, loc="upper center", ncol=len(labels), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.38 / fig.get_figheight()))
    fig.suptitle("Waiting lists, all regions together: mean and 95% band over the replications", fontsize=10)
    words.add_caption(fig, caption_text(f), top=1 - 0.62 / fig.get_figheight())
    return fig


def _kpi_table(f):
    kpis = f["kpis"][()]
    return tuple(_strings(kpis[c]) for c in ("name", "stage", "region", "unit"))


def draw_regions(f, fig=None, stages=REGION_STAGES, t_quantile=_t_quantile_975):
    """Each region's mean wait at `stages` with its 95% interval over replications: a dot per
    configuration, regions sorted by the first configuration's mean (longest wait on top),
    one panel per stage side by side, on `fig`."""
    import matplotlib.pyplot as plt

    labels = configuration_labels(f)
    names, kpi_stages, kpi_regions, _ = _kpi_table(f)
    values = f["kpi_values"][()]  # [configuration, kpi, replication]
    count = max((sum(1 for k in range(len(names)) if names[k] == "wait_days_mean" and kpi_stages[k] == s
                     and kpi_regions[k] != "national") for s in stages), default=1)
    if fig is None:
        fig = plt.figure(figsize=(A4_WIDTH, 2.8 + 0.18 * max(count, 4)))
    axes = np.atleast_1d(fig.subplots(1, len(stages)))
    # The first configuration on top within each region, as in the legend.
    offsets = np.linspace(0.25, -0.25, len(labels)) if len(labels) > 1 else np.zeros(1)
    for ax, stage in zip(axes, stages):
        rows = [k for k in range(len(names))
                if names[k] == "wait_days_mean" and kpi_stages[k] == stage and kpi_regions[k] != "national"]
        if not rows:
            ax.set_visible(False)
            continue
        estimates = [_interval(values[c][rows], t_quantile) for c in range(len(labels))]
        order = np.argsort(np.nan_to_num(estimates[0][0], nan=-1.0))  # shortest wait at the bottom
        y = np.arange(len(rows))
        for c, label in enumerate(labels):
            mean, low, high = (a[order] for a in estimates[c])
            ax.errorbar(mean, y + offsets[c], xerr=[mean - low, high - mean], fmt="o", markersize=3, elinewidth=0.8,
                        capsize=0, label=label)
        ax.set_yticks(y)
        ax.set_yticklabels([words.region(kpi_regions[rows[i]]) for i in order], fontsize=6.5)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.grid(axis="x", linewidth=0.4, alpha=0.5)
        ax.set_xlim(left=0)
        ax.tick_params(axis="x", labelsize=7.5)
        title = words.short_stage(stage)
        ax.set_title(title[:1].upper() + title[1:], fontsize=9)
        ax.set_xlabel("mean wait before a worker starts (days)", fontsize=8)
    handles, legend_labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, legend_labels, loc="upper center", ncol=len(labels), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.45 / fig.get_figheight()))
    fig.suptitle("Waits per youth-care region: mean and 95% interval, sorted by " + labels[0], fontsize=10)
    words.add_caption(fig, caption_text(f), top=1 - 0.6 / fig.get_figheight())
    return fig


def difference_rows(f, panel):
    """The rows of one panel of the differences figure: (label, unit, [(configuration,
    mean, low, high, n)]) for each of its KPIs the file has (nationally)."""
    names, kpi_stages, kpi_regions, units = _kpi_table(f)
    summary = f["summary"][()]
    out = []
    for name, stage in panel:
        found = [k for k in range(len(names)) if names[k] == name and kpi_stages[k] == stage and kpi_regions[k] == "national"]
        if not found:
            continue
        rows = summary[(summary["kpi"] == found[0]) & (summary["configuration"] > 0)]
        out.append((words.kpi(name, stage), units[found[0]],
                    [(int(r["configuration"]), float(r["difference_mean"]), float(r["difference_low"]),
                      float(r["difference_high"]), int(r["difference_n"])) for r in rows]))
    return out


def draw_differences(f, fig=None):
    """The headline KPIs' paired differences with the first configuration, with their 95%
    intervals, in panels of one unit each (shares in percentage points); a filled dot when
    the interval excludes 0."""
    import matplotlib.pyplot as plt

    labels = configuration_labels(f)
    panels = [(title, difference_rows(f, kpis)) for title, kpis in DIFFERENCE_PANELS]
    panels = [(title, rows) for title, rows in panels if rows]
    heights = [len(rows) + 1.2 for _, rows in panels]
    if fig is None:
        fig = plt.figure(figsize=(A4_WIDTH, 1.6 + 0.28 * sum(heights)))
    axes = np.atleast_1d(fig.subplots(len(panels), 1, gridspec_kw={"height_ratios": heights}))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    offsets = np.linspace(-0.15, 0.15, len(labels) - 1) if len(labels) > 2 else np.zeros(1)
    for ax, (title, rows) in zip(axes, panels):
        scale, unit = words.value_scale(rows[0][1], difference=True)
        y = np.arange(len(rows))[::-1]
        for c in range(1, len(labels)):
            for row, (_, _, cells) in zip(y, rows):
                for configuration, mean, low, high, n in cells:
                    if configuration != c:
                        continue
                    excludes = n >= 2 and (low > 0 or high < 0)
                    colour = colours[c % len(colours)]
                    ax.errorbar(mean * scale, row + offsets[c - 1], xerr=[[(mean - low) * scale], [(high - mean) * scale]],
                                fmt="o", markersize=4.5, color=colour, markerfacecolor=colour if excludes else "white",
                                elinewidth=1, capsize=2, label=labels[c] if row == y[0] else None)
        ax.axvline(0.0, color="grey", linewidth=0.8)
        ax.set_yticks(y)
        ax.set_yticklabels([label[:1].upper() + label[1:] for label, _, _ in rows], fontsize=7.5)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.grid(axis="x", linewidth=0.4, alpha=0.5)
        ax.set_title(title if unit.lower() in title.lower() else f"{title} ({unit})", fontsize=8.5, loc="left")
    handles, legend_labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, legend_labels, loc="upper center", ncol=max(1, len(labels) - 1), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.42 / fig.get_figheight()))
    fig.suptitle(f"Difference with {labels[0]}: mean and 95% interval (filled: the interval excludes 0)", fontsize=9.5)
    words.add_caption(fig, caption_text(f), top=1 - 0.6 / fig.get_figheight())
    return fig


def plot_waiting(f, path):
    """Writes draw_waiting's figure to `path`."""
    _save(draw_waiting(f), path)


def plot_regions(f, path):
    """Writes draw_regions's figure to `path`."""
    _save(draw_regions(f), path)


def plot_differences(f, path):
    """Writes draw_differences's figure to `path`."""
    _save(draw_differences(f), path)


def _save(fig, path):
    import matplotlib.pyplot as plt

    # The Software text chunk marks the PNG as ketensim's: `ketensim compare` overwrites
    # only PNGs that carry it (models/output/overwrite_guard.h, png_software_marker).
    fig.savefig(path, dpi=200, metadata={"Software": "ketensim compare"})
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
        plot_differences(f, argv[2] + "-differences.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
