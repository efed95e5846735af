# SPDX-License-Identifier: MIT
"""The tornado plot of a sensitivity file (`ketensim compare --sensitivity PLAN`), as PNG.

Run as a script by the CLI: ``/usr/bin/python3 sensitivity_plots.py FILE.h5 PLOT.png``. One
panel per KPI the plan marks for the tornado: for each varied key, a bar from the base
difference (second - first configuration) to the difference at the key's low end and one to
its high end, keys sorted by how far they move it (widest on top); a hatched bar is an end
where the order of the two configurations is not the base order; the dashed line is 0,
where the order turns round. Labels from figure_labels, the run facts in the caption.
Needs only h5py, numpy and matplotlib.
"""
import sys
import textwrap

import h5py
import matplotlib
import numpy as np

if __package__:
    from . import figure_labels as words
else:  # run as a script by `ketensim compare`
    import figure_labels as words

A4_WIDTH = 7.5
END_COLOURS = {"low": "#4c72b0", "high": "#dd8452"}


def _strings(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def _attr(f, name):
    value = f.attrs[name]
    return value.decode() if isinstance(value, bytes) else str(value)


def pair_labels(f):
    """The two configurations' labels: (first, second) (figure_labels.configuration)."""
    placements = [_attr(f, "first_placement"), _attr(f, "second_placement")]
    return tuple(words.configuration(_attr(f, which), placement, placements)
                 for which, placement in zip(("first", "second"), placements))


def caption_text(f):
    """The caption line of a sensitivity file `f`: the two configurations, the run facts and the plan."""
    first, second = pair_labels(f)
    text = words.caption(f.attrs, [(first, _attr(f, "first_path")), (second, _attr(f, "second_path"))])
    return text + f" Ranges: {_attr(f, 'plan')}."


def tornado_bars(f):
    """What the tornado draws, per panel: (kpi label, unit code, base difference, [(range
    label, end, difference at that end, holds)]) for each KPI the plan marks. The ranges come
    in one order for every panel, so that the panels share their key labels: those that
    move the differences most (each panel's moves relative to its largest) first."""
    kpis = f["kpis"][()]
    ranges = f["ranges"][()]
    results = f["results"][()]
    ends = _strings(results["end"])
    range_labels = _strings(ranges["label"])
    panels = []
    weight = np.zeros(len(ranges))
    for k in np.flatnonzero(kpis["tornado"]):
        name, stage = (_strings([kpis[c][k]])[0] for c in ("name", "stage"))
        mine = [i for i in range(len(results)) if results["kpi"][i] == k]
        base = float(results["difference_mean"][[i for i in mine if ends[i] == "base"][0]])
        bars = []
        for r in range(len(ranges)):
            for end in ("low", "high"):
                i = [i for i in mine if results["range"][i] == r and ends[i] == end][0]
                bars.append((r, end, float(results["difference_mean"][i]), bool(results["holds"][i])))
        swing = np.array([max(np.nan_to_num(abs(d - base)) for rr, _, d, _ in bars if rr == r) for r in range(len(ranges))])
        if swing.max() > 0:
            weight += swing / swing.max()
        panels.append((words.kpi(name, stage), _strings([kpis["unit"][k]])[0], base, bars))
    order = sorted(range(len(ranges)), key=lambda r: -weight[r])
    return [(label, unit, base, [(range_labels[r], end, d, holds) for r in order for rr, end, d, holds in bars if rr == r])
            for label, unit, base, bars in panels]


def _range_tick(label, low, high, unit):
    return textwrap.fill(label, 30) + f"\n({low:g} to {high:g} {words.unit(unit)})"


def draw_tornado(f, fig=None):
    """The tornado plot on `fig` (a new figure when None); returns the figure."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    first, second = pair_labels(f)
    panels = tornado_bars(f)
    ranges = f["ranges"][()]
    ticks = {label: _range_tick(label, low, high, _strings([unit])[0])
             for label, low, high, unit in zip(_strings(ranges["label"]), ranges["low"], ranges["high"], ranges["unit"])}
    count = len(ranges)
    columns = 2 if len(panels) > 1 else 1
    rows = (len(panels) + columns - 1) // columns
    if fig is None:
        fig = plt.figure(figsize=(A4_WIDTH, 1.7 + rows * (0.85 + 0.4 * count)))
    grid = np.atleast_1d(fig.subplots(rows, columns, sharey=True, squeeze=False)).ravel()
    for spare in grid[len(panels):]:
        fig.delaxes(spare)
    axes = grid[:len(panels)]
    for ax, (label, unit, base, bars) in zip(axes, panels):
        scale, shown_unit = words.value_scale(unit, difference=True)
        order = list(dict.fromkeys(range_label for range_label, _, _, _ in bars))
        for range_label, end, value, holds in bars:
            y = len(order) - 1 - order.index(range_label)
            ax.barh(y, (value - base) * scale, left=base * scale, height=0.6, color=END_COLOURS[end],
                    hatch=None if holds else "////", edgecolor="black" if not holds else END_COLOURS[end], linewidth=0.5)
            # A tick at each end, so that an end that moves nothing still shows.
            ax.plot([value * scale], [y], marker="|", markersize=11, markeredgewidth=1.5, color=END_COLOURS[end])
        ax.axvline(base * scale, color="black", linewidth=1)
        ax.axvline(0.0, color="grey", linestyle="--", linewidth=0.8)
        shown = [0.0, base * scale] + [value * scale for _, _, value, _ in bars if np.isfinite(value)]
        pad = 0.08 * (max(shown) - min(shown)) or 1.0
        ax.set_xlim(min(shown) - pad, max(shown) + pad)
        right_half = base * scale > (min(shown) + max(shown)) / 2
        for range_label in order:
            moved = [value for r, _, value, _ in bars if r == range_label and np.isfinite(value) and value != base]
            if not moved:
                ax.text(base * scale, len(order) - 1 - order.index(range_label),
                        "no change at either end  " if right_half else "  no change at either end",
                        fontsize=7, va="center", ha="right" if right_half else "left")
        ax.set_ylim(-0.6, len(order) - 0.4)
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels([ticks[o] for o in reversed(order)], fontsize=6.5)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(textwrap.fill(label[:1].upper() + label[1:], 40), fontsize=8, loc="left")
        ax.set_xlabel(shown_unit, fontsize=7)
    legend = [Patch(color=END_COLOURS["low"], label="low end of the range"),
              Patch(color=END_COLOURS["high"], label="high end of the range"),
              Patch(facecolor="white", edgecolor="black", hatch="////", label="order differs from the base"),
              matplotlib.lines.Line2D([], [], color="black", label="base difference"),
              matplotlib.lines.Line2D([], [], color="grey", linestyle="--", label="no difference")]
    height = fig.get_figheight()
    fig.suptitle(f"How each assumption moves the difference: {second}\nminus {first}", fontsize=9,
                 y=1 - 0.08 / height, va="top")
    fig.legend(handles=legend, loc="upper center", ncol=3, fontsize=7, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.48 / height))
    words.add_caption(fig, caption_text(f), top=1 - 0.9 / height)
    return fig


def main(argv):
    """Command line: ``sensitivity_plots.py SENSITIVITY.h5 PLOT.png`` draws the tornado plot."""
    if len(argv) != 3:
        print("usage: sensitivity_plots.py SENSITIVITY.h5 PLOT.png", file=sys.stderr)
        return 2
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    with h5py.File(argv[1], "r") as f:
        if f.attrs.get("filetype") != "ketensim.sensitivity":
            print(f"{argv[1]}: filetype is {f.attrs.get('filetype')!r}, expected 'ketensim.sensitivity'", file=sys.stderr)
            return 2
        fig = draw_tornado(f)
        # The Software text chunk marks the PNG as ketensim's (models/output/overwrite_guard.h).
        fig.savefig(argv[2], dpi=200, metadata={"Software": "ketensim compare"})
        plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
