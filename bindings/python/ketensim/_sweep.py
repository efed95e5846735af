# SPDX-License-Identifier: MIT
"""Reading a sweep summary (`ketensim sweep`, docs/sweeps.md): DIR/sweep.h5."""
import os

import numpy as np
import pandas as pd

from . import _stats
from ._hdf5 import FileReader, single_string
from ._selection import as_names, decode

SUMMARY_FILE = "sweep.h5"


class Sweep(FileReader):
    """A sweep's summary: one row per (point, replication) with the point's factor values and
    national KPIs. Open it with ``Sweep.open(DIR)`` (or the path of DIR/sweep.h5); opening
    checks ``filetype`` 'ketensim.sweep' and format 1.x."""

    FILETYPE = "ketensim.sweep"
    MAJOR = 2

    def __init__(self, path):
        path = os.fspath(path)
        if os.path.isdir(path):
            path = os.path.join(path, SUMMARY_FILE)
        super().__init__(path)
        self._directory = os.path.dirname(os.path.abspath(path))

    @property
    def directory(self):
        """The sweep's folder (DIR)."""
        return self._directory

    def results(self):
        """``/results``: point, replication, seed, status, error, run_file, one column per
        factor (named by its key) and one per national KPI (``kpi.<stage>.<name>``)."""
        table = self._h5["results"][()]
        out = pd.DataFrame({name: (decode(table[name]) if table.dtype[name].kind == "O" else table[name])
                            for name in table.dtype.names})
        return out

    def factors(self):
        """``/factors``: key, unit, design, min, max, levels."""
        table = self._h5["factors"][()]
        return pd.DataFrame({name: (decode(table[name]) if table.dtype[name].kind == "O" else table[name])
                             for name in table.dtype.names})

    def kpi_columns(self):
        """``/kpi_columns``: column, name, stage, unit."""
        table = self._h5["kpi_columns"][()]
        return pd.DataFrame({name: decode(table[name]) for name in table.dtype.names})

    @property
    def factor_keys(self):
        """The swept scenario keys, in the spec's order."""
        return list(decode(self._h5["factors"]["key"]))

    @property
    def points(self):
        """Number of points of the sweep."""
        return int(self._h5.attrs["points"])

    @property
    def points_failed(self):
        """Number of points whose run failed (see :meth:`failed`)."""
        return int(self._h5.attrs["points_failed"])

    def failed(self):
        """The failed points and why: point, error."""
        results = self.results()
        return results.loc[results["status"] == "failed", ["point", "error"]].drop_duplicates().reset_index(drop=True)

    def by_point(self, kpi, *, level=0.95):
        """Each point's factor values and the mean of KPI column(s) `kpi` over its replications
        with a Student-t interval (tidy): point, the factor keys, kpi, unit, mean, half_width,
        ci_low, ci_high, n. Failed points have n = 0 and NaN means."""
        columns = self.kpi_columns()
        wanted = as_names(kpi)
        valid = list(columns["column"])
        for column in wanted:
            if column not in valid:
                raise ValueError(f"KPI column {column!r} is not in this sweep; valid columns are {', '.join(valid)}")
        results = self.results()
        factors = self.factor_keys
        frames = []
        for column in wanted:
            grouped = results.groupby("point", sort=True)
            keys = grouped[factors].first()
            values = results[column].to_numpy()
            defined = ~np.isnan(values)
            sums = pd.Series(np.where(defined, values, 0.0)).groupby(results["point"]).sum()
            sums_sq = pd.Series(np.where(defined, values * values, 0.0)).groupby(results["point"]).sum()
            counts = pd.Series(defined.astype(np.uint64)).groupby(results["point"]).sum()
            stats = _stats.interval_columns(sums.to_numpy(), sums_sq.to_numpy(), counts.to_numpy(), level)
            frame = keys.reset_index()
            frame["kpi"] = column
            frame["unit"] = columns.loc[columns["column"] == column, "unit"].iloc[0]
            for name, array in stats.items():
                frame[name] = array
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def run_file(self, point):
        """The run file of `point` as an open :class:`ketensim.Results`."""
        from ._results import Results
        results = self.results()
        rows = results.loc[(results["point"] == point) & (results["run_file"] != ""), "run_file"]
        if rows.empty:
            raise LookupError(f"{self.path}: point {point} has no run file (failed or not in this sweep)")
        return Results(os.path.join(self._directory, rows.iloc[0]))

    @property
    def spec_text(self):
        """The sweep spec (TOML text) the sweep ran."""
        return single_string(self._h5["spec"])

    @property
    def scenario_text(self):
        """The base scenario (resolved TOML text) every point starts from."""
        return single_string(self._h5["scenario"])

    def __repr__(self):
        if self.closed:
            return f"<ketensim.Sweep {self.path} (closed)>"
        return (f"<ketensim.Sweep {self.path}: {self.points} points ({self.points_failed} failed), factors "
                f"{', '.join(self.factor_keys)}>")
