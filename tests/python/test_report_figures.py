# SPDX-License-Identifier: MIT
"""The figures of `ketensim compare` are fit for a policy report: plain words and no code
names, a caption with the run facts of the file, A4 width, the per-region dot plot sorted
with its intervals, and the differences figure showing the file's paired differences."""
import os
import pathlib
import re
import subprocess
import sys

import h5py
import matplotlib
import numpy as np
import pytest

from chain_configurations import write_configurations

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "python" / "ketensim"))
import comparison_plots  # noqa: E402
import figure_labels  # noqa: E402

KETENSIM = os.environ.get("KETENSIM_BIN")
A4_WIDTH_INCHES = 8.27
# Code names: the organisation codes as words, and identifiers joined by underscores.
CODE_NAME = re.compile(r"\b(vt|rvdk|gi|rvdk_other)\b|[a-z]+_[a-z_]+")
STAGE_CODES = ["vt_triage", "vt_investigation", "local_team", "rvdk", "court", "gi", "care_ambulatory",
               "care_intensive_ambulatory", "care_foster_care", "care_family_home", "care_residential", "care_closed",
               "rvdk_other", "chain"]


def all_labels():
    tables = [figure_labels.STAGES, figure_labels.SHORT_STAGES, figure_labels.ORGANISATIONS, figure_labels.PLACEMENTS,
              figure_labels.KPIS, figure_labels.KPI_NAMES, figure_labels.UNITS]
    return [text for table in tables for text in table.values()]


def test_no_label_is_a_code_name():
    for text in all_labels():
        assert not CODE_NAME.search(text), text
    for code in STAGE_CODES:
        assert not CODE_NAME.search(figure_labels.stage(code)), code
        assert not CODE_NAME.search(figure_labels.short_stage(code)), code
    for name, stage in figure_labels.KPIS:
        assert not CODE_NAME.search(figure_labels.kpi(name, stage))
    # The check itself catches code names.
    assert CODE_NAME.search("rvdk wait") and CODE_NAME.search("wait_days_mean") and CODE_NAME.search("gi: wait")


def test_region_codes_read_as_names():
    assert figure_labels.region("kop-van-noord-holland") == "Kop van Noord-Holland"
    assert figure_labels.region("ijsselland") == "IJsselland"
    assert figure_labels.region("gooi-en-vechtstreek") == "Gooi en Vechtstreek"


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    if not KETENSIM:
        pytest.skip("KETENSIM_BIN is not set (ctest sets it)")
    folder = tmp_path_factory.mktemp("figures")
    paths = write_configurations(folder)
    done = subprocess.run([KETENSIM, "compare", *map(str, paths), "-r", "3", "--years", "1.5", "-j", "2", "-q",
                           "-o", str(folder / "cmp.h5")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def figure_texts(fig):
    """Every text a reader sees, except the caption (the last figure text)."""
    texts = [t.get_text() for t in fig.texts[:-1]]
    if fig._suptitle is not None:
        texts.append(fig._suptitle.get_text())
    for legend in fig.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    for ax in fig.axes:
        texts += [ax.get_title(), ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        if ax.get_legend():
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in texts if t]


def figures(folder):
    with h5py.File(folder / "cmp.h5") as f:
        made = {"waiting": comparison_plots.draw_waiting(f), "regions": comparison_plots.draw_regions(f),
                "differences": comparison_plots.draw_differences(f)}
        attrs = dict(f.attrs)
    return made, attrs


def test_the_script_writes_the_three_figures(comparison):
    for suffix in ["-waiting.png", "-regions.png", "-differences.png"]:
        png = (comparison / f"cmp{suffix}").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and b"ketensim compare" in png


def test_figures_use_plain_words_fit_a4_and_carry_the_run_facts(comparison):
    made, attrs = figures(comparison)
    for name, fig in made.items():
        texts = figure_texts(fig)
        assert texts, name
        for text in texts:
            assert not CODE_NAME.search(text), f"{name}: {text!r}"
        assert "Scenario 1: regional teams" in " ".join(texts) and "Today (baseline)" in " ".join(texts)
        assert fig.get_figwidth() <= A4_WIDTH_INCHES
        caption = fig.texts[-1].get_text().replace("\n", " ")
        replications = int(attrs["replications"])
        for fact in [f"{replications} replications", f"seed {int(attrs['seed'])}", f"of {float(attrs['years']):g} years",
                     f"the first {float(attrs['warmup_years']):g} years warm-up", "small-national.toml"]:
            assert fact in caption, f"{name}: {fact!r} not in {caption!r}"
        for text in fig.findobj(matplotlib.text.Text):
            if text.get_text():
                assert text.get_fontsize() >= 6.5, f"{name}: {text.get_text()!r} at {text.get_fontsize()} pt"
        plt.close(fig)


def test_the_region_figure_is_a_sorted_dot_plot_with_intervals(comparison):
    with h5py.File(comparison / "cmp.h5") as f:
        fig = comparison_plots.draw_regions(f)
        configurations = len(f["configurations"])
    for ax in fig.axes:
        assert len(ax.containers) == configurations  # one errorbar series per configuration
        first = ax.containers[0]
        x = first.lines[0].get_xdata()
        assert np.all(np.diff(np.nan_to_num(x, nan=-1.0)) >= 0)  # longest wait on top
        for container in ax.containers:
            mean = container.lines[0].get_xdata()
            segments = container.lines[2][0].get_segments()
            assert len(segments) == len(mean)
            for m, segment in zip(mean, segments):
                low, high = segment[0][0], segment[1][0]
                assert 0 <= low <= m <= high or np.isnan(m)
    plt.close(fig)


def test_the_differences_figure_shows_the_files_paired_differences(comparison):
    with h5py.File(comparison / "cmp.h5") as f:
        fig = comparison_plots.draw_differences(f)
        panels = [comparison_plots.difference_rows(f, kpis) for _, kpis in comparison_plots.DIFFERENCE_PANELS]
    panels = [rows for rows in panels if rows]
    assert len(fig.axes) == len(panels)
    for ax, rows in zip(fig.axes, panels):
        scale, _ = figure_labels.value_scale(rows[0][1], difference=True)
        drawn = sorted(float(c.lines[0].get_xdata()[0]) for c in ax.containers)
        stored = sorted(mean * scale for _, _, cells in rows for _, mean, _, _, _ in cells)
        np.testing.assert_allclose(drawn, stored)
        assert [t.get_text().lower() for t in ax.get_yticklabels()] == [label.lower() for label, _, _ in rows]
    plt.close(fig)
