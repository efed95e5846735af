# SPDX-License-Identifier: MIT
"""Scenarios: load, read and change keys with the simulator's checks, save."""
import numbers
import os
import tempfile

import pandas as pd

from . import _core
from ._errors import ScenarioError

#: Where values set from Python come from, in the simulator's messages
#: ("python: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)").
PYTHON_ORIGIN = "python"

_KEY_COLUMNS = ["key", "unit", "default", "min", "max", "source", "description"]


def _parameter_specs():
    return {row["key"]: row for row in _core.parameter_table()}


def _typed(spec, value):
    if spec["boolean"]:
        return bool(value)
    if spec["integer"]:
        return int(value)
    return float(value)


def _as_number(key, value, origin):
    """A Python value -> float for the C++ setter; anything but a real number is refused
    with the message the command line gives for `--set KEY=text`."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, numbers.Real):
        return float(value)
    raise ScenarioError(f"{origin}: {key} = {value!r}: expected a number")


def _patch_numbers(text, handle, directory):
    """The C++ resolved text writes numbers with 15 significant digits, which is exact for
    every value typed in a file but not for computed ones (1/3, 2400 * 1.15). Rewrites those
    few values with Python's shortest exact form, so the text loads back to the same doubles."""
    reread = _core.Scenario.from_text(text, "<resolved>", directory)
    specs = _parameter_specs()
    wrong = {key for key in specs if reread.get(key) != handle.get(key)}
    if not wrong:
        return text
    lines = text.split("\n")
    group = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[[") :
            group = None
        elif stripped.startswith("[") and stripped.endswith("]"):
            group = stripped[1:-1]
        elif group is not None and "=" in line:
            leaf, rest = line.split("=", 1)
            key = f"{group}.{leaf.strip()}"
            if key in wrong:
                comment = rest[rest.index("#"):] if "#" in rest else ""
                lines[i] = f"{leaf.rstrip()} = {handle.get(key)!r}" + (f"  {comment}" if comment else "")
    patched = "\n".join(lines)
    reread = _core.Scenario.from_text(patched, "<resolved>", directory)
    still = sorted(key for key in specs if reread.get(key) != handle.get(key))
    if still:  # the resolved text changed layout: better fail than save other numbers
        raise RuntimeError(f"cannot write {', '.join(still)} exactly in the scenario text")
    return patched


class _TableOrValues:
    """`Scenario.keys()` on the class gives the defaults table; on a scenario, the same
    table with the scenario's own values in a `value` column."""

    def __get__(self, instance, owner):
        if instance is None:
            return owner._keys_table
        return instance._keys_with_values


class Scenario:
    """A validated scenario (docs/scenarios.md): what to simulate.

    Load one with :meth:`Scenario.load`; read and change numeric keys by their dotted path
    (``s["gi.caseload_norm_children"] = 12``), with the simulator's checks and messages;
    save it with :meth:`save`. Rules that tie keys together (shares adding up to one, a cap
    not below its norm) are checked by :meth:`check`, :meth:`update`, :meth:`save` and
    :func:`ketensim.run`, after all changes, as the command line does after all ``--set``.
    """

    def __init__(self, handle):
        if not isinstance(handle, _core.Scenario):
            raise TypeError("use Scenario.load(path) or Scenario.from_text(text)")
        self._handle = handle

    # ---- Making scenarios ----

    @classmethod
    def load(cls, path):
        """Reads, checks and resolves the scenario file `path`; raises ScenarioError with the
        loader's message ("FILE:LINE: key = value: expected ...")."""
        return cls(_core.Scenario.load(os.fspath(path)))

    @classmethod
    def from_text(cls, text, *, label="<text>", base_directory="."):
        """A scenario from TOML text; `label` stands for the file name in messages and the
        regions table is looked up relative to `base_directory`."""
        return cls(_core.Scenario.from_text(text, label, os.fspath(base_directory)))

    def copy(self):
        """An independent copy: changing it leaves this scenario as it is."""
        return Scenario(self._handle.copy())

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    # ---- Keys ----

    @classmethod
    def _keys_table(cls):
        rows = _core.parameter_table()
        return pd.DataFrame(rows, columns=_KEY_COLUMNS + ["integer", "boolean"])

    def _keys_with_values(self):
        table = self._keys_table()
        table["value"] = [self._handle.get(key) for key in table["key"]]
        return table

    keys = _TableOrValues()
    keys.__doc__ = (
        "Every numeric key as a DataFrame with columns key, unit, default, min, max, source, "
        "description, integer, boolean (in documentation order); called on a scenario, with "
        "the scenario's value in a `value` column."
    )

    def __getitem__(self, key):
        """The value of a key: for numeric keys an int (whole-number keys), a bool (yes/no keys)
        or a float; the text keys name, description, structure.placement, regions.table and
        regions.select give their text (the table as an absolute path, the selection as a list)."""
        if key in _TEXT_KEYS:
            return _TEXT_KEYS[key](self)
        spec = _parameter_specs().get(key)
        if spec is None:
            # The setter's message lists the valid keys of the same group.
            self._handle.copy().set(key, 0.0, PYTHON_ORIGIN)
        return _typed(spec, self._handle.get(key))

    def __setitem__(self, key, value):
        """Changes one numeric key (or name, description) with the loader's checks; the message
        of a bad value names 'python' as where it came from:
        ``python: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)``."""
        if key in ("name", "description"):
            setattr(self, key, value)
            return
        if key in _TEXT_KEYS:
            raise ScenarioError(f"{PYTHON_ORIGIN}: {key}: cannot be changed from Python; set it in a scenario file")
        self._handle.set(key, _as_number(key, value, PYTHON_ORIGIN), PYTHON_ORIGIN)

    def __contains__(self, key):
        return key in _TEXT_KEYS or key in _parameter_specs()

    def get(self, key, default=None):
        """The value of a numeric key, or `default` when there is no such key."""
        return self[key] if key in self else default

    def update(self, values=None, **ignored):
        """Sets several keys at once from a mapping, then checks the rules across keys. All or
        nothing: on an error the scenario is left unchanged."""
        if ignored:
            raise TypeError("update() takes a mapping of dotted keys, e.g. update({'gi.fte': 2400})")
        trial = self._handle.copy()
        for key, value in dict(values or {}).items():
            trial.set(key, _as_number(key, value, PYTHON_ORIGIN), PYTHON_ORIGIN)
        trial.check_cross_field_rules()
        self._handle = trial

    def check(self):
        """Checks the rules that tie keys together; raises ScenarioError naming the rule."""
        self._handle.check_cross_field_rules()

    # ---- Other properties ----

    @property
    def path(self):
        """The file the scenario came from ('<text>' or the label for text)."""
        return self._handle.path

    @property
    def name(self):
        """The scenario's name (results are named after it)."""
        return self._handle.name

    @name.setter
    def name(self, value):
        self._handle.name = _one_line("name", value)

    @property
    def description(self):
        """One line saying what the scenario is (the file's ``description``)."""
        return self._handle.description

    @description.setter
    def description(self, value):
        self._handle.description = _one_line("description", value)

    @property
    def placement(self):
        """Where the two moving functions sit: 'baseline', 'regional' or 'national'."""
        return self._handle.placement

    @property
    def regions(self):
        """Codes of the regions simulated (the selection, or every region of the table)."""
        return list(self._handle.regions)

    @property
    def region_table(self):
        """The regions table, as an absolute path."""
        return self._handle.region_table

    @property
    def interventions(self):
        """The improvement plan's timed changes as a DataFrame (columns name, start_years,
        ramp_days, regions, key, how, value, where); empty for a scenario without a plan."""
        columns = ["name", "start_years", "ramp_days", "regions", "key", "how", "value", "where"]
        return pd.DataFrame(self._handle.interventions, columns=columns)

    # ---- The analytic estimate ----

    def analyze(self, *, after_interventions=False):
        """The analytic flow model of this scenario (docs/analytic.md): the chain's steady state
        with its feedback loops, solved in a fraction of a second without simulating. A
        DataFrame with columns name, stage, region, unit, value, the rows `ketensim analyze`
        prints and `ketensim run --analytic` stores (Results.analytic()). With
        `after_interventions` every intervention of the plan is applied in full."""
        columns = ["name", "stage", "region", "unit", "value"]
        return pd.DataFrame(self._handle.analyze(bool(after_interventions)), columns=columns)

    # ---- Text and files ----

    def resolved_text(self):
        """The resolved scenario (every default filled in) as the simulator writes it into each
        result file's /scenario."""
        return self._handle.resolved_text()

    def to_toml(self, directory="."):
        """The scenario as a TOML file's text, to be saved in `directory`: every key with the
        value used, numbers written so they read back exactly, the regions table relative to
        `directory`."""
        directory = os.path.abspath(os.fspath(directory))
        return _patch_numbers(self._handle.resolved_text_for(directory), self._handle, directory)

    def save(self, path):
        """Writes the scenario to `path` (checked first; written to a temporary file and
        renamed). ``Scenario.load(path)`` gives back an equal scenario."""
        path = os.path.abspath(os.fspath(path))
        self.check()
        directory = os.path.dirname(path)
        text = self.to_toml(directory)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return path

    # ---- Comparing and showing ----

    def _state(self):
        return (self.name, self.description, self.placement, self.region_table, tuple(self._handle.region_selection),
                tuple(self._handle.get(key) for key in _parameter_specs()),
                tuple((r["name"], r["start_years"], r["ramp_days"], tuple(r["regions"]), r["key"], r["how"], r["value"])
                      for r in self._handle.interventions))

    def __eq__(self, other):
        """Equal when they simulate the same thing: names, regions, placement, every key's
        value and the plan (not the file they came from)."""
        if not isinstance(other, Scenario):
            return NotImplemented
        return self._state() == other._state()

    __hash__ = None

    def __repr__(self):
        return (f"<ketensim.Scenario {self.name!r} from {self.path}: {len(self.regions)} regions, "
                f"placement {self.placement}, {len(self._handle.interventions)} interventions>")


_TEXT_KEYS = {
    "name": lambda s: s.name,
    "description": lambda s: s.description,
    "structure.placement": lambda s: s.placement,
    "regions.table": lambda s: s.region_table,
    "regions.select": lambda s: list(s._handle.region_selection),
}


def _one_line(what, value):
    text = str(value)
    if any(c in text for c in "\n\r\t\0"):
        raise ScenarioError(f"{PYTHON_ORIGIN}: {what} = {text!r}: expected one line of text")
    return text


def as_scenario(scenario):
    """A Scenario, or a path loaded as one."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        return Scenario.load(scenario)
    raise TypeError(f"expected a ketensim.Scenario or a path to a scenario file, got {type(scenario).__name__}")
