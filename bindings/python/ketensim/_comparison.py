# SPDX-License-Identifier: MIT
"""Reading a comparison file (`ketensim compare`, docs/scenario-comparison.md)."""
import shutil
import weakref

import numpy as np
import pandas as pd

from ._hdf5 import FileReader
from ._selection import decode, mask

#: Columns of Comparison.summary().
SUMMARY_COLUMNS = ["configuration", "name", "stage", "region", "unit", "mean", "half_width", "ci_low", "ci_high", "n",
                   "difference", "difference_half_width", "difference_ci_low", "difference_ci_high", "difference_n"]


class Comparison(FileReader):
    """A comparison file: several configurations run on common random numbers.

    Open it with ``Comparison.open(path)`` (checks ``filetype`` 'ketensim.compare' and format
    1.x) or get one from :func:`ketensim.compare`. Configurations are named as in the file's
    ``/configurations``; the first is the reference of the paired differences.
    """

    FILETYPE = "ketensim.compare"
    MAJOR = 2

    def __init__(self, path, *, _temporary_directory=None):
        super().__init__(path)
        self._cleanup = None
        if _temporary_directory is not None:
            self._cleanup = weakref.finalize(self, shutil.rmtree, _temporary_directory, True)

    def close(self):
        """Closes the file; a comparison of :func:`ketensim.compare` without ``output`` is deleted then."""
        super().close()
        if self._cleanup is not None:
            self._cleanup()

    def save(self, path):
        """Copies the file to `path`; returns the path."""
        shutil.copyfile(self.path, path)
        return path

    @property
    def replications(self):
        """Replications of each configuration (paired: replication k of each on the same streams)."""
        return int(self._h5.attrs["replications"])

    def configurations(self):
        """``/configurations``: index, name, path, placement."""
        table = self._h5["configurations"][()]
        return pd.DataFrame({"index": table["index"], "name": decode(table["name"]), "path": decode(table["path"]),
                             "placement": decode(table["placement"])})

    @property
    def names(self):
        """Configuration names, in command-line order."""
        return list(decode(self._h5["configurations"]["name"]))

    def scenario_texts(self):
        """Each configuration's resolved scenario (TOML text)."""
        return list(decode(self._h5["scenarios"][()]))

    def kpis(self):
        """``/kpis``: name, stage, region, unit of every KPI of any configuration."""
        table = self._h5["kpis"][()]
        return pd.DataFrame({c: decode(table[c]) for c in ["name", "stage", "region", "unit"]})

    def summary(self, name=None, stage=None, region=None, configuration=None):
        """Each KPI per configuration, mean with its 95% interval, and the paired difference with
        the first configuration (NaN for the first): the columns of ``SUMMARY_COLUMNS``.
        Filter by KPI name, stage, region or configuration name (a name or a list)."""
        kpis = self.kpis()
        table = self._h5["summary"][()]
        names = np.asarray(self.names, dtype=object)
        out = pd.DataFrame({"configuration": names[table["configuration"]]})
        for column in ["name", "stage", "region", "unit"]:
            out[column] = kpis[column].to_numpy()[table["kpi"]]
        renames = {"mean": "mean", "half_width": "half_width", "low": "ci_low", "high": "ci_high", "n": "n",
                   "difference_mean": "difference", "difference_half_width": "difference_half_width",
                   "difference_low": "difference_ci_low", "difference_high": "difference_ci_high",
                   "difference_n": "difference_n"}
        for stored, column in renames.items():
            out[column] = table[stored]
        keep = (mask(out["name"], name, "KPI name") & mask(out["stage"], stage, "stage")
                & mask(out["region"], region, "region") & mask(out["configuration"], configuration, "configuration"))
        return out[keep].reset_index(drop=True)[SUMMARY_COLUMNS]

    def settling(self):
        """Whether each national waiting list settles, per configuration (``/settling``):
        configuration, stage, settles (bool), slope_mean (children a year), margin,
        floor_per_year, p_value. A list that does not settle has no steady mean."""
        table = self._h5["settling"][()]
        names = np.asarray(self.names, dtype=object)
        out = pd.DataFrame({"configuration": names[table["configuration"]], "stage": decode(table["stage"]),
                            "settles": table["settles"].astype(bool)})
        for column in ["slope_mean", "margin", "floor_per_year", "p_value"]:
            out[column] = table[column]
        return out

    def regional_spread(self):
        """Spread across regions of each stage's mean wait and share within deadline, per
        configuration (a pool shared by several regions counted once, population-weighted):
        configuration, stage, metric, units, p10_p90_mean, p10_p90_low, p10_p90_high,
        max_min_mean, max_min_low, max_min_high (bounded 95% intervals), n."""
        table = self._h5["regional_spread"][()]
        names = np.asarray(self.names, dtype=object)
        out = pd.DataFrame({"configuration": names[table["configuration"]], "stage": decode(table["stage"]),
                            "metric": decode(table["metric"])})
        for column in ["units", "p10_p90_mean", "p10_p90_low", "p10_p90_high", "max_min_mean", "max_min_low",
                       "max_min_high", "n"]:
            out[column] = table[column]
        return out

    def kpi_values(self, name=None, stage=None, region=None):
        """Each KPI's value per configuration and replication (tidy): configuration, name,
        stage, region, unit, replication, value (NaN where absent or undefined)."""
        kpis = self.kpis()
        keep = np.flatnonzero(mask(kpis["name"], name, "KPI name") & mask(kpis["stage"], stage, "stage")
                              & mask(kpis["region"], region, "region"))
        values = self._h5["kpi_values"][()][:, keep, :]  # [C, K', R]
        c, k, r = np.meshgrid(np.arange(values.shape[0]), np.arange(values.shape[1]), np.arange(values.shape[2]),
                              indexing="ij")
        names = np.asarray(self.names, dtype=object)
        out = pd.DataFrame({"configuration": names[c.ravel()]})
        for column in ["name", "stage", "region", "unit"]:
            out[column] = kpis[column].to_numpy()[keep][k.ravel()]
        out["replication"] = r.ravel()
        out["value"] = values.ravel()
        return out

    def waiting(self, stage=None, region="national"):
        """Children waiting over time (tidy): configuration, replication, time_days, stage,
        region, value; national series by default (region=None: every region)."""
        group = self._h5["timeseries"]
        stages, regions = decode(group["series_stage"][()]), decode(group["series_region"][()])
        series = np.flatnonzero(mask(stages, stage, "stage") & mask(regions, region, "region"))
        values = group["waiting"][()][:, :, series, :]  # [C, R, S', T]
        days = group["time_days"][()]
        c, r, s, t = np.meshgrid(*(np.arange(n) for n in values.shape), indexing="ij")
        names = np.asarray(self.names, dtype=object)
        return pd.DataFrame({"configuration": names[c.ravel()], "replication": r.ravel(), "time_days": days[t.ravel()],
                             "stage": stages[series][s.ravel()], "region": regions[series][s.ravel()],
                             "value": values.ravel()})

    def __repr__(self):
        if self.closed:
            return f"<ketensim.Comparison {self.path} (closed)>"
        return f"<ketensim.Comparison {self.path}: {', '.join(self.names)}; {self.replications} replications>"
