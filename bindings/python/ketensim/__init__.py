# SPDX-License-Identifier: MIT
"""ketensim from Python: scenarios, runs, results as pandas DataFrames, comparisons, plots.

    import ketensim
    s = ketensim.Scenario.load("scenarios/examples/small-chain.toml")
    s["gi.caseload_norm_children"] = 12
    with ketensim.run(s, replications=3, years=2) as results:
        print(results.kpis(stage="gi", region="national"))

Scenarios are checked by the simulator's own loader (same messages, ScenarioError). Every
simulation runs in a child ``ketensim`` process (SimGrid allows one engine per process);
the program is $KETENSIM_BIN or the one of the build this package belongs to. Readers
check each file's seal (a checksum of its contents), ``filetype`` and major
``format_version``. See docs/python.md.
"""
from . import _core
from ._comparison import Comparison
from ._errors import DamagedFileError, FormatError, MissingDataError, ScenarioError, SimulationError
from ._results import Results
from ._runner import compare, run, sweep
from ._scenario import Scenario
from ._sweep import Sweep
from . import plots

__version__ = _core.__version__

__all__ = [
    "Scenario", "run", "Results", "compare", "Comparison", "sweep", "Sweep", "plots",
    "ScenarioError", "FormatError", "DamagedFileError", "MissingDataError", "SimulationError",
]

for _cls in (Scenario, Results, Comparison, Sweep, FormatError, DamagedFileError, MissingDataError, SimulationError):
    _cls.__module__ = "ketensim"
del _cls
