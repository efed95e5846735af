# SPDX-License-Identifier: MIT
"""Reading a run-result file (docs/output-format.md) into tidy pandas DataFrames."""
import datetime
import os
import shutil
import weakref

import numpy as np
import pandas as pd

from . import _core, _stats
from ._errors import FormatError, MissingDataError
from ._hdf5 import FileReader, single_string
from ._selection import as_names, decode, mask

#: Columns of Results.kpis().
KPI_COLUMNS = ["name", "stage", "region", "unit", "mean", "half_width", "ci_low", "ci_high", "n"]
#: Columns of Results.timeseries().
TIMESERIES_COLUMNS = ["replication", "time_days", "stage", "region", "metric", "value"]
#: Columns of Results.staff().
STAFF_COLUMNS = ["replication", "time_days", "organisation", "area", "scope", "metric", "value"]
#: Columns of Results.yearly() (docs/output-format.md, /yearly); with by_replication also
#: "replication" after "region".
YEARLY_COLUMNS = ["year", "stage", "region", "stock_1_january", "stock_30_june", "stock_31_december", "inflow",
                  "outflow"]
#: Columns of Results.events().
EVENT_COLUMNS = ["replication", "time_days", "family", "region", "stage", "event", "children", "detail"]


def _remove_directory(directory):
    shutil.rmtree(directory, ignore_errors=True)


def _long_table(values, replications, days, series_labels, metric):
    """A [replication, series, sample] array as a long table: replication, time_days, the
    series' label columns (each an array over the series), metric, value."""
    r, s, t = np.meshgrid(np.arange(values.shape[0]), np.arange(values.shape[1]), np.arange(values.shape[2]),
                          indexing="ij")
    columns = {"replication": replications[r.ravel()], "time_days": days[t.ravel()]}
    for column, labels in series_labels.items():
        columns[column] = labels[s.ravel()]
    columns["metric"] = np.full(values.size, metric, dtype=object)
    columns["value"] = values.ravel()
    return pd.DataFrame(columns)


class Results(FileReader):
    """One run-result file (``ketensim run`` or :func:`ketensim.run`), read lazily.

    Open it with ``Results.open(path)`` in a ``with`` block (or call :meth:`close`). Opening
    checks the root attributes ``filetype`` (``ketensim.run``) and the major
    ``format_version`` (1.x); a mismatch raises :class:`ketensim.FormatError` saying what was
    found and what was expected. Each method reads only what it returns.

    Intervals are Student-t intervals over replications, computed from the stored sums, sums
    of squares and counts (level 0.95 unless asked otherwise); with fewer than two defined
    replications the half width is inf.
    """

    FILETYPE = "ketensim.run"
    MAJOR = 2

    def __init__(self, path, *, _temporary_directory=None):
        super().__init__(path)
        self._cache = {}
        self._cleanup = None
        if _temporary_directory is not None:
            # Results of ketensim.run() without `output`: the file lives as long as this object.
            self._cleanup = weakref.finalize(self, _remove_directory, _temporary_directory)

    def close(self):
        """Closes the file; results of :func:`ketensim.run` without ``output`` are deleted then."""
        super().close()
        if self._cleanup is not None:
            self._cleanup()

    def __repr__(self):
        if self.closed:
            return f"<ketensim.Results {self.path} (closed)>"
        return (f"<ketensim.Results {self.path}: scenario {self.scenario_name!r}, {self.replications} replications "
                f"of {self.years:g} years, format {self.format_version}>")

    # ---- What the file is ----

    @property
    def scenario_name(self):
        """The name of the scenario that was run."""
        return self.attrs["scenario_name"]

    @property
    def replications(self):
        """Number of replications, R."""
        return int(self._h5.attrs["replications"])

    @property
    def seed(self):
        """The run's root seed (``run.seed``)."""
        return int(self._h5.attrs["seed"])

    @property
    def years(self):
        """Simulated years, warm-up included (``run.years``)."""
        return float(self._h5.attrs["years"])

    @property
    def warmup_years(self):
        """Years of warm-up before KPIs are measured (``run.warmup_years``)."""
        return float(self._h5.attrs["warmup_years"])

    @property
    def start_date(self):
        """Calendar date of day 0 (``run.start_date``) as a ``datetime.date``; None for files
        before format 1.2, which do not record it."""
        value = self._h5.attrs.get("start_date")
        return None if value is None else datetime.date.fromisoformat(str(value))

    @property
    def scenario_text(self):
        """The resolved scenario (defaults filled in) as TOML text."""
        return single_string(self._h5["scenario"])

    def scenario(self):
        """The stored scenario as a :class:`ketensim.Scenario`; its regions table is looked up
        relative to the original scenario file (attribute ``scenario_path``)."""
        from ._scenario import Scenario
        base = os.path.dirname(self.attrs["scenario_path"]) or "."
        return Scenario.from_text(self.scenario_text, label=f"{self.path}:/scenario", base_directory=base)

    @property
    def regions(self):
        """Region codes (``/regions/names``)."""
        return list(self._names("regions/names"))

    @property
    def stages(self):
        """Stage names (``/stages/names``)."""
        return list(self._names("stages/names"))

    def metrics(self):
        """The time-series metrics: DataFrame with columns metric, unit."""
        names = self._names("timeseries/metric_names")
        units = [self._h5["timeseries"][name].attrs.get("unit", "") for name in names]
        units = [u.decode() if isinstance(u, bytes) else str(u) for u in units]
        return pd.DataFrame({"metric": list(names), "unit": units})

    def replication_table(self):
        """``/replications``: replication, stream_seed, events_delivered."""
        return pd.DataFrame(self._h5["replications"][()])

    # ---- KPIs ----

    def kpis(self, name=None, stage=None, region=None, *, level=0.95):
        """KPIs over replications, one row per (name, stage, region), in file order.

        Columns: name, stage, region, unit, mean, half_width, ci_low, ci_high, n (replications
        where the KPI is defined); ci_low and ci_high respect the KPI's bounds (never below 0, a
        share within [0, 1]). Filter with a name or a list of names per column.
        """
        table = self._kpi_table()
        keep = self._kpi_mask(table, name, stage, region)
        rows = {column: values[keep] for column, values in table.items()}
        out = pd.DataFrame({c: rows[c] for c in ["name", "stage", "region", "unit"]})
        bounds = [_core.kpi_bounds(n, u) for n, u in zip(out["name"], out["unit"])]
        stats = _stats.interval_columns(rows["sum"], rows["sum_sq"], rows["count"], level, bounds)
        for column, values in stats.items():
            out[column] = values
        return out.reset_index(drop=True)[KPI_COLUMNS]

    def kpis_by_replication(self, name=None, stage=None, region=None):
        """Each KPI's value per replication (tidy): name, stage, region, unit, replication,
        value (NaN where undefined in that replication)."""
        table = self._kpi_table()
        keep = np.flatnonzero(self._kpi_mask(table, name, stage, region))
        values = self._h5["kpis_by_replication"][()][keep]  # [K', R]
        replications = self._replication_indices()
        k, r = np.meshgrid(np.arange(len(keep)), np.arange(len(replications)), indexing="ij")
        out = pd.DataFrame({c: np.asarray(table[c])[keep][k.ravel()] for c in ["name", "stage", "region", "unit"]})
        out["replication"] = replications[r.ravel()]
        out["value"] = values.ravel()
        return out

    # ---- Time series ----

    def timeseries(self, stage=None, region=None, metric=None):
        """Time series (tidy): replication, time_days, stage, region, metric, value.

        One row per (metric, replication, series, sample); select with a stage, region or
        metric name, or lists of them (all when None). ``metrics()`` gives each metric's unit.
        """
        metrics, series = self._select_series(stage, region, metric)
        group = self._h5["timeseries"]
        days = group["time_days"][()]
        replications = self._replication_indices()
        stages, regions = self._series()
        frames = []
        for name in metrics:
            values = self._read_series(group[name], series)  # [R, S', T]
            frames.append(_long_table(values, replications, days,
                                      {"stage": stages[series], "region": regions[series]}, name))
        if not frames:
            return pd.DataFrame(columns=TIMESERIES_COLUMNS)
        return pd.concat(frames, ignore_index=True)[TIMESERIES_COLUMNS]

    def timeseries_summary(self, stage=None, region="national", metric="waiting", *, level=0.95):
        """Mean over replications with a Student-t interval, per series and sample: time_days,
        stage, region, metric, mean, half_width, ci_low, ci_high, n (the bands of the plots)."""
        metrics, series = self._select_series(stage, region, metric)
        group = self._h5["timeseries"]
        days = group["time_days"][()]
        stages, regions = self._series()
        frames = []
        for name in metrics:
            values = self._read_series(group[name], series)
            stats = _stats.over_axis(values, axis=0, level=level)  # [S', T]
            s, t = np.meshgrid(np.arange(values.shape[1]), np.arange(values.shape[2]), indexing="ij")
            frame = pd.DataFrame({
                "time_days": days[t.ravel()],
                "stage": stages[series][s.ravel()],
                "region": regions[series][s.ravel()],
                "metric": np.full(s.size, name, dtype=object),
            })
            for column, array in stats.items():
                frame[column] = np.asarray(array).ravel()
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def to_xarray(self):
        """The time series as an ``xarray.Dataset`` (Debian's python3-xarray): one variable per
        metric (:meth:`metrics`) with dimensions (replication, stage, region, time), its unit
        in the variable's ``units`` attribute; coordinates are the replication indices, stage
        and region names, and ``time`` in days since the start (``units`` = days). A (stage,
        region) pair the file has no series for is NaN. The run's scenario_name, seed, years
        and warmup_years are attributes of the Dataset. The same numbers as :meth:`timeseries`.
        """
        import xarray as xr
        group = self._h5["timeseries"]
        days = group["time_days"][()]
        stages, regions = self._series()
        stage_names, region_names = list(dict.fromkeys(stages)), list(dict.fromkeys(regions))
        pairs = list(zip(stages, regions))
        if len(set(pairs)) != len(pairs):
            raise FormatError(f"{self.path}: /timeseries has two series for the same stage and region")
        stage_at = np.array([stage_names.index(s) for s in stages], dtype=int)
        region_at = np.array([region_names.index(r) for r in regions], dtype=int)
        units = self.metrics().set_index("metric")["unit"]
        dims = ("replication", "stage", "region", "time")
        variables = {}
        for name in self._names("timeseries/metric_names"):
            values = group[name][()]  # [R, S, T]
            cube = np.full((values.shape[0], len(stage_names), len(region_names), values.shape[2]), np.nan)
            cube[:, stage_at, region_at, :] = values
            variables[name] = (dims, cube, {"units": units[name]})
        coords = {"replication": self._replication_indices(), "stage": stage_names, "region": region_names,
                  "time": ("time", days, {"units": "days"})}
        attrs = {"scenario_name": self.scenario_name, "seed": self.seed, "years": self.years,
                 "warmup_years": self.warmup_years, "source": self.path}
        return xr.Dataset(variables, coords=coords, attrs=attrs)

    def staff_metrics(self):
        """The staff metrics: DataFrame with columns metric, unit (empty without staff series)."""
        group = self._staff_group()
        names = self._names("staff/metric_names")
        units = [group[name].attrs.get("unit", "") for name in names]
        units = [u.decode() if isinstance(u, bytes) else str(u) for u in units]
        return pd.DataFrame({"metric": list(names), "unit": units})

    def staff(self, organisation=None, area=None, metric=None, scope=None):
        """Staff time series of the workforce model (tidy): replication, time_days,
        organisation, area, scope, metric, value.

        One series per staff pool (an organisation in an area; scope ``pool``) and one per
        organisation (area ``national``, scope ``organisation``: sums over its pools,
        ``pressure_mean`` the mean over their occupied positions); sampled at the time-series
        times. A pool can have area ``national`` too (the national GIs): ``scope`` tells it
        from the organisation's total. Select by organisation (``vt``,
        ``rvdk``, ``gi``, ...), area and metric (``headcount``, ``funded_fte``,
        ``productive_fte``, ``vacancies``, ``sick``, ``temporary``, ``pressure_mean``,
        ``leavers``, ``hires``, ``cost_euros``; units in :meth:`staff_metrics`). Files of
        format 1.0 have none: raises :class:`ketensim.MissingDataError` saying so.
        """
        group = self._staff_group()
        names = list(self._names("staff/metric_names"))
        metrics = as_names(metric) or names
        for m in metrics:
            if m not in names:
                raise ValueError(f"staff metric {m!r} is not in this file; valid staff metrics are {', '.join(names)}")
        organisations, areas = self._names("staff/series_organisation"), self._names("staff/series_area")
        scopes = self._staff_scopes(organisations, areas)
        series = np.flatnonzero(mask(organisations, organisation, "organisation") & mask(areas, area, "staff area")
                                & mask(scopes, scope, "scope", valid=["pool", "organisation"]))
        days = self._h5["timeseries/time_days"][()]
        replications = self._replication_indices()
        frames = []
        for name in metrics:
            values = self._read_series(group[name], series)  # [R, W', T]
            frames.append(_long_table(values, replications, days, {"organisation": organisations[series],
                                                                   "area": areas[series], "scope": scopes[series]}, name))
        if not frames:
            return pd.DataFrame(columns=STAFF_COLUMNS)
        return pd.concat(frames, ignore_index=True)[STAFF_COLUMNS]

    def _staff_scopes(self, organisations, areas):
        """'pool' or 'organisation' per staff series: the pools come first, then one series per
        organisation (area 'national') in order of first appearance (docs/output-format.md)."""
        distinct = list(dict.fromkeys(organisations))
        scopes = np.full(len(organisations), "pool", dtype=object)
        if distinct:
            tail = slice(len(organisations) - len(distinct), len(organisations))
            if list(organisations[tail]) != distinct or set(areas[tail]) != {"national"}:
                raise FormatError(f"{self.path}: /staff series do not end with one 'national' series per "
                                  f"organisation, as the format requires")
            scopes[tail] = "organisation"
        return scopes

    def _staff_group(self):
        if "staff" not in self._h5:
            raise MissingDataError(f"{self.path}: this file has no staff series (format {self.format_version}); "
                                   f"the FTE of each pool over time is the 'staff_fte' metric of timeseries()")
        return self._h5["staff"]

    # ---- Events, calibration, analytic estimate ----

    def has_events(self):
        """True when the run was asked for the per-family event log."""
        return "events" in self._h5 and "log" in self._h5["events"]

    def events(self, replication=None):
        """The per-family event log with codes turned into names: replication, time_days,
        family, region, stage, event, children, detail. Raises MissingDataError when the run
        was not asked for a log (``ketensim run --events``, ``ketensim.run(events=True)``)."""
        if not self.has_events():
            raise MissingDataError(f"{self.path}: this file has no event log; run with events=True "
                                   f"(ketensim run --events) to record one")
        log = self._h5["events/log"][()]
        if replication is not None:
            wanted = np.atleast_1d(np.asarray(replication))
            log = log[np.isin(log["replication"], wanted)]
        out = pd.DataFrame({
            "replication": log["replication"],
            "time_days": log["time_days"],
            "family": log["family"],
            "region": self._names("regions/names")[log["region"]],
            "stage": self._names("stages/names")[log["stage"]],
            "event": self._names("events/names")[log["event"]],
            "children": log["children"],
            "detail": log["detail"],
        })
        return out[EVENT_COLUMNS]

    def calibration(self, *, level=0.95):
        """Calibration targets beside the simulated values: target, source, published, mean,
        half_width, ci_low, ci_high, n, ratio (mean / published)."""
        table = self._h5["calibration"][()]
        out = pd.DataFrame({"target": decode(table["target"]), "source": decode(table["source"]),
                            "published": table["published"]})
        stats = _stats.interval_columns(table["simulated_sum"], table["simulated_sum_sq"], table["count"], level)
        for column, values in stats.items():
            out[column] = values
        with np.errstate(invalid="ignore", divide="ignore"):
            out["ratio"] = out["mean"] / out["published"]
        return out

    def analytic(self):
        """The analytic flow model's estimates stored by ``ketensim run --analytic`` (format
        1.1): name, stage, region, unit, value. MissingDataError when the file has none."""
        if "analytic" not in self._h5:
            raise MissingDataError(f"{self.path}: this file has no analytic estimate (ketensim run --analytic)")
        table = self._h5["analytic"][()]
        out = pd.DataFrame({c: decode(table[c]) for c in ["name", "stage", "region", "unit"]})
        out["value"] = table["value"]
        return out

    def yearly(self, *, stage=None, region=None, by_replication=False):
        """The yearly table in the layout CBS publishes (format 1.2, /yearly): per calendar
        year, stage and region the stock on 1 January, 30 June and 31 December and the
        inflow and outflow in the year, in children; the mean over replications, or one row
        per replication with `by_replication`. `stage` and `region` select rows (a name or a
        list). MissingDataError for files before 1.2."""
        if "yearly" not in self._h5:
            raise MissingDataError(f"{self.path}: this file has no yearly table (format {self.format_version}; "
                                   f"it came with 1.2)")
        table = self._h5["yearly"][()]
        out = pd.DataFrame({"year": table["year"], "stage": decode(table["stage"]), "region": decode(table["region"]),
                            "replication": table["replication"]})
        for column in YEARLY_COLUMNS[3:]:
            out[column] = table[column]
        out = out[mask(out["stage"].to_numpy(), stage, "stage") & mask(out["region"].to_numpy(), region, "region")]
        if by_replication:
            return out[YEARLY_COLUMNS[:3] + ["replication"] + YEARLY_COLUMNS[3:]].reset_index(drop=True)
        means = out.groupby(["year", "stage", "region"], sort=False)[YEARLY_COLUMNS[3:]].mean().reset_index()
        return means[YEARLY_COLUMNS]

    def save(self, path):
        """Copies the file to `path` (for results of :func:`ketensim.run` kept in a
        temporary folder); returns the new path."""
        path = os.fspath(path)
        shutil.copyfile(self.path, path)
        return path

    # ---- Helpers ----

    def _names(self, dataset):
        if dataset not in self._cache:
            self._cache[dataset] = decode(self._h5[dataset][()])
        return self._cache[dataset]

    def _replication_indices(self):
        if "replications" not in self._cache:
            self._cache["replications"] = np.asarray(self._h5["replications"]["replication"])
        return self._cache["replications"]

    def _series(self):
        return self._names("timeseries/series_stage"), self._names("timeseries/series_region")

    def _kpi_table(self):
        if "kpis" not in self._cache:
            raw = self._h5["kpis"][()]
            table = {c: decode(raw[c]) for c in ["name", "stage", "region", "unit"]}
            table.update({c: raw[c] for c in ["sum", "sum_sq", "count"]})
            self._cache["kpis"] = table
        return self._cache["kpis"]

    @staticmethod
    def _kpi_mask(table, name, stage, region):
        return (mask(table["name"], name, "KPI name") & mask(table["stage"], stage, "stage")
                & mask(table["region"], region, "region"))

    def _select_series(self, stage, region, metric):
        names = list(self._names("timeseries/metric_names"))
        metrics = as_names(metric) or names
        for m in metrics:
            if m not in names:
                raise ValueError(f"metric {m!r} is not in this file; valid metrics are {', '.join(names)}")
        stages, regions = self._series()
        keep = mask(stages, stage, "stage") & mask(regions, region, "region")
        return metrics, np.flatnonzero(keep)

    @staticmethod
    def _read_series(dataset, series):
        """dataset[:, series, :], reading only the chosen series when they are few."""
        if len(series) == 0:
            return np.empty((dataset.shape[0], 0, dataset.shape[2]))
        if len(series) * 4 < dataset.shape[1]:
            return dataset[:, series.tolist(), :]
        return dataset[()][:, series, :]
