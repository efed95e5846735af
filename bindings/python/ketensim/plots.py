# SPDX-License-Identifier: MIT
"""The standard figures, drawn with matplotlib on new or given axes.

- :func:`plot_timeseries`: one metric over time, mean with a confidence band over replications.
- :func:`plot_staff`: one staff metric of the workforce model over time, likewise.
- :func:`plot_waiting`: national waiting lists at the main stages (a run or a comparison).
- :func:`plot_regional_spread`: each region's mean wait, configurations side by side.
- :func:`plot_differences`: paired differences of a comparison with their intervals.
- :func:`plot_headline_differences`: the headline KPIs' paired differences, by unit.
- :func:`plot_sensitivity`: a sweep's KPI against one factor.

Each returns the matplotlib Axes or Figure it drew on.
"""
import numpy as np

from . import _core
from . import _stats
from . import comparison_plots
from . import figure_labels
from ._comparison import Comparison
from ._results import Results


def _t_quantile_975(n):
    return _core.student_t_quantile(0.975, n - 1.0) if n > 1 else float("nan")


def _axes(ax, figsize=(8, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=figsize)[1]


def plot_timeseries(results, metric="waiting", stage="gi", region="national", *, ax=None, level=0.95, label=None,
                    years=True):
    """One line per selected (stage, region) series: the mean of `metric` over replications
    with a Student-t band at `level`; a dotted line marks the end of the warm-up. `years`:
    time axis in years (else days). Returns the Axes."""
    ax = _axes(ax)
    summary = results.timeseries_summary(stage=stage, region=region, metric=metric, level=level)
    scale = 365.0 if years else 1.0
    for (s, r), rows in summary.groupby(["stage", "region"], sort=False):
        _band(ax, rows["time_days"].to_numpy() / scale, rows, label or f"{s}, {r}")
    unit = results.metrics().set_index("metric").loc[metric, "unit"]
    _finish_band_axes(ax, results, scale, years, f"{metric} ({unit})",
                      f"{metric}: mean and {level:.0%} band over {results.replications} replications")
    return ax


def _finish_band_axes(ax, results, scale, years, ylabel, title):
    """The warm-up's end as a dotted line, axis labels, title and legend of a band plot."""
    ax.axvline(results.warmup_years * 365.0 / scale, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("years" if years else "days")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)


def _band(ax, x, stats, label):
    line, = ax.plot(x, stats["mean"], label=label)
    low, high = np.asarray(stats["ci_low"]), np.asarray(stats["ci_high"])
    finite = np.isfinite(low) & np.isfinite(high)
    ax.fill_between(np.asarray(x)[finite], low[finite], high[finite], color=line.get_color(), alpha=0.2)
    return line


def plot_staff(results, metric="headcount", organisation=None, area="national", scope="organisation", *, ax=None,
               level=0.95, years=True):
    """One line per selected staff series (by default each organisation's total): the mean of
    a staff metric over replications with a Student-t band at `level`. Returns the Axes."""
    ax = _axes(ax)
    staff = results.staff(organisation=organisation, area=area, metric=metric, scope=scope)
    scale = 365.0 if years else 1.0
    for (o, a, s), rows in staff.groupby(["organisation", "area", "scope"], sort=False):
        table = rows.pivot(index="time_days", columns="replication", values="value")
        stats = _stats.over_axis(table.to_numpy(), axis=1, level=level)
        _band(ax, table.index.to_numpy() / scale, stats, f"{o}, {a}" + (" (pool)" if s == "pool" else ""))
    unit = results.staff_metrics().set_index("metric").loc[metric, "unit"]
    _finish_band_axes(ax, results, scale, years, f"{metric} ({unit})",
                      f"staff {metric}: mean and {level:.0%} band over {results.replications} replications")
    return ax


def plot_waiting(source, *, fig=None):
    """National waiting lists at VT investigation, RvdK, GI and foster care, mean and 95% band
    over replications, in a 2 x 2 figure: of one run (a Results) or of every configuration
    (a Comparison, the figure ``ketensim compare`` saves). Returns the Figure."""
    if isinstance(source, Comparison):
        return comparison_plots.draw_waiting(source.h5, fig, t_quantile=_t_quantile_975)
    if not isinstance(source, Results):
        raise TypeError(f"expected ketensim.Results or ketensim.Comparison, got {type(source).__name__}")
    import matplotlib.pyplot as plt
    fig = fig or plt.figure(figsize=(12, 7))
    axes = fig.subplots(2, 2, sharex=True)
    stages = set(source.stages)
    for ax, (stage, title) in zip(axes.flat, comparison_plots.WAITING_STAGES):
        if stage not in stages:
            ax.set_visible(False)
            continue
        plot_timeseries(source, "waiting", stage=stage, region="national", ax=ax, label=source.scenario_name)
        ax.set_title(title)
        ax.set_ylabel("children waiting")
    fig.suptitle("Waiting lists, national: mean and 95% band over replications")
    fig.tight_layout()
    return fig


def plot_regional_spread(comparison, stages=("rvdk", "gi"), *, fig=None):
    """Each region's mean wait at `stages` with its 95% interval, a dot per configuration,
    regions sorted by the first configuration (the figure ``ketensim compare`` saves).
    Returns the Figure."""
    return comparison_plots.draw_regions(comparison.h5, fig, stages=list(stages), t_quantile=_t_quantile_975)


def plot_headline_differences(comparison, *, fig=None):
    """The headline KPIs' paired differences with the first configuration, in panels of one
    unit (the figure ``ketensim compare`` saves). Returns the Figure."""
    return comparison_plots.draw_differences(comparison.h5, fig)


def plot_differences(comparison, name="wait_days_mean", stage=None, region="national", *, ax=None):
    """Paired differences with the first configuration, with their 95% intervals, for one KPI
    name at the chosen stages (all by default) and region. Returns the Axes."""
    rows = comparison.summary(name=name, stage=stage, region=region)
    rows = rows[rows["configuration"] != comparison.names[0]]
    ax = _axes(ax, figsize=(comparison_plots.A4_WIDTH, 0.8 + 0.3 * max(len(rows), 1)))
    names = comparison_plots.configuration_labels(comparison.h5)
    by_name = dict(zip(comparison.names, names))
    labels = [f"{figure_labels.kpi(name, r.stage)} ({by_name[r.configuration]})" for r in rows.itertuples()]
    y = np.arange(len(rows))
    ax.errorbar(rows["difference"], y, xerr=rows["difference_half_width"], fmt="o", capsize=3)
    ax.axvline(0.0, color="grey", linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    unit = rows["unit"].iloc[0] if len(rows) else ""
    ax.set_xlabel(f"difference with {names[0]} ({figure_labels.unit(unit)}), mean and 95% interval", fontsize=8)
    return ax


def plot_sensitivity(sweep, factor, kpi, *, ax=None, level=0.95):
    """A sweep's KPI column `kpi` (e.g. 'kpi.rvdk.wait_days_mean') against `factor`: each
    point's mean over its replications with a Student-t interval. Returns the Axes."""
    table = sweep.by_point(kpi, level=level).sort_values(factor)
    if factor not in table.columns:
        raise ValueError(f"factor {factor!r} is not in this sweep; factors are {', '.join(sweep.factor_keys)}")
    ax = _axes(ax)
    ok = table[table["n"] > 0]
    half = np.where(np.isfinite(ok["half_width"]), ok["half_width"], np.nan)
    ax.errorbar(ok[factor], ok["mean"], yerr=half, fmt="o", capsize=3)
    unit = ok["unit"].iloc[0] if len(ok) else ""
    units = sweep.factors().set_index("key")["unit"]
    ax.set_xlabel(f"{factor} ({units.get(factor, '')})")
    ax.set_ylabel(f"{kpi} ({unit})")
    ax.set_title(f"{kpi} by {factor}: point means, {level:.0%} intervals")
    return ax
