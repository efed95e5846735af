# SPDX-License-Identifier: MIT
"""Running the simulator: every simulation in a child `ketensim` process.

SimGrid allows one engine per process, so nothing is simulated in the Python process: each
batch of replications is one `ketensim run --first-replication K -r N` child, several run at
once, and their files are merged by the simulator's own reader and writer into the file a
single `ketensim run -r R` would write. A child's failure raises an exception with its
message; a KeyboardInterrupt stops every child.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

from . import _core
from ._errors import ScenarioError, SimulationError
from ._scenario import Scenario, _as_number, as_scenario

#: Where values given to run() and compare() come from, in the simulator's messages.
RUN_ORIGIN = "ketensim.run"

ENGINES = ("native", "simgrid")


def _find_program():
    """Path of the `ketensim` program: $KETENSIM_BIN; else the one this package came with,
    BUILD/ketensim beside BUILD/python/ketensim/ after a build, or PREFIX/bin/ketensim beside
    PREFIX/lib/python3/dist-packages/ketensim/ after ``cmake --install`` (docs/install.md);
    else `ketensim` on PATH."""
    named = os.environ.get("KETENSIM_BIN")
    if named:
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise FileNotFoundError(f"KETENSIM_BIN={named}: no such program")
        return named
    # abspath, not realpath: in a build the package's .py files are links into the source tree.
    package = os.path.dirname(os.path.abspath(__file__))
    places = [os.path.join(package, os.pardir, os.pardir, "ketensim"),
              os.path.join(package, os.pardir, os.pardir, os.pardir, os.pardir, "bin", "ketensim")]
    places = [os.path.normpath(place) for place in places]
    for place in places:
        if os.path.isfile(place) and os.access(place, os.X_OK):
            return place
    on_path = shutil.which("ketensim")
    if on_path:
        return on_path
    raise FileNotFoundError(f"cannot find the ketensim program: set KETENSIM_BIN to its path (looked at "
                            f"{' and '.join(places)} and on PATH)")


def _batches(replications, processes):
    """Splits replications 0..R-1 into at most `processes` consecutive (first, count) batches."""
    processes = max(1, min(processes, replications))
    base, extra = divmod(replications, processes)
    batches, first = [], 0
    for i in range(processes):
        count = base + (1 if i < extra else 0)
        batches.append((first, count))
        first += count
    return batches


def _default_processes():
    """Processors this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _processes(processes):
    """The number of processes to use: `processes`, checked, or by default every processor."""
    if processes is None:
        return _default_processes()
    if int(processes) != processes or processes < 1:
        raise ValueError(f"processes={processes!r}: expected a whole number >= 1")
    return int(processes)


def _prepared(scenario, replications, seed, years, changes):
    """A checked copy of the scenario with the run's overrides applied."""
    prepared = as_scenario(scenario).copy()
    handle = prepared._handle
    overrides = dict(changes or {})
    for key, value in (("run.seed", seed), ("run.replications", replications), ("run.years", years)):
        if value is not None:
            overrides[key] = value
    for key, value in overrides.items():
        handle.set(key, _as_number(key, value, RUN_ORIGIN), RUN_ORIGIN)
    handle.check_cross_field_rules()
    return prepared


def _message(stderr):
    """The simulator's message from its stderr (without the "error: " prefix)."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    text = "\n".join(lines)
    return text[len("error: "):] if text.startswith("error: ") else text


class _Child:
    """One `ketensim` child process, with its stderr in a file (no pipe to fill up)."""

    def __init__(self, command, directory, label):
        self.command = command
        self.label = label
        self.stderr_path = os.path.join(directory, f"{label}.stderr")
        with open(self.stderr_path, "wb") as stderr:
            # A session of its own: a Ctrl-C at the terminal reaches Python only, which then
            # stops the children itself.
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=stderr, start_new_session=True)

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def failure(self):
        """The exception for a failed child."""
        code = self.process.returncode
        stderr = self.stderr()
        message = _message(stderr)
        if code == 2:  # bad input: the loader's message, as ScenarioError
            return ScenarioError(message)
        how = f"was stopped by signal {-code}" if code < 0 else f"failed with exit code {code}"
        return SimulationError(f"ketensim {self.label} {how}: {message or '(no message)'}", returncode=code,
                               stderr=stderr, command=self.command)


def _stop(children):
    for child in children:
        if child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + 5.0
    for child in children:
        try:
            child.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


def _wait_all(children):
    """Waits for every child; on the first failure stops the others and raises its error;
    on KeyboardInterrupt stops them all and re-raises."""
    try:
        pending = list(children)
        while pending:
            for child in list(pending):
                code = child.process.poll()
                if code is None:
                    continue
                pending.remove(child)
                if code != 0:
                    _stop(pending)
                    raise child.failure()
            if pending:
                time.sleep(0.02)
    except BaseException:
        _stop(children)
        raise


def _run_all(commands, directory):
    """Starts every (command, label) at once and waits for all; stops them all on an error or
    a KeyboardInterrupt, also one that arrives while they are being started."""
    children = []
    try:
        for command, label in commands:
            children.append(_Child(command, directory, label))
    except BaseException:
        _stop(children)
        raise
    _wait_all(children)
    return children


def run(scenario, *, replications=None, seed=None, years=None, processes=None, engine="native", events=False,
        output=None, changes=None):
    """Runs a scenario and returns its :class:`ketensim.Results` (open; close it or use ``with``).

    scenario: a :class:`ketensim.Scenario` or the path of a scenario file.
    replications, seed, years: override ``run.replications``, ``run.seed``, ``run.years``
        (checked like ``--replications``, ``--seed``, ``--years``).
    changes: a mapping of further keys to set for this run, e.g. ``{"gi.fte": 2400}``.
    processes: child processes running replications at once (default: the processors this
        process may use, at most one per replication). Replication k has the same random
        streams whatever the split, so the file equals ``ketensim run -r R``'s.
    engine: "native" or "simgrid". events: also record the per-family event log.
    output: where to write the run file; by default a temporary file deleted when the
        Results is closed (``Results.save(path)`` keeps a copy).

    Raises ScenarioError for bad values, SimulationError when a child fails (with the
    simulator's message); a KeyboardInterrupt stops every child.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    prepared = _prepared(scenario, replications, seed, years, changes)
    total = prepared["run.replications"]
    processes = _processes(processes)
    program = _find_program()
    from ._results import Results

    work = tempfile.mkdtemp(prefix="ketensim-run-")
    keep_directory = None
    try:
        batches = _batches(total, int(processes))
        commands = []
        for first, count in batches:
            batch = prepared.copy()
            batch._handle.set("run.replications", float(count), RUN_ORIGIN)
            path = os.path.join(work, f"scenario-{first}.toml")
            batch.save(path)
            # Each child runs its batch on one core: the children themselves are the parallelism.
            command = [program, "run", path, "-q", "--engine", engine, "--first-replication", str(first),
                       "-j", "1", "-o", os.path.join(work, f"part-{first}.h5")]
            if events:
                command.append("--events")
            last = first + count - 1
            label = f"run (replication{'s' if count > 1 else ''} {first}{'' if count == 1 else f'..{last}'})"
            commands.append((command, label))
        _run_all(commands, work)
        target, keep_directory = _result_path(output, re.sub(r"[^\w.-]", "_", prepared.name or "run") + ".h5")
        _core.merge_run_files([os.path.join(work, f"part-{first}.h5") for first, _ in batches], target,
                              prepared.path, prepared.resolved_text())
        return Results(target, _temporary_directory=keep_directory)
    except BaseException:
        if keep_directory is not None:
            shutil.rmtree(keep_directory, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _result_path(output, file_name):
    """Where a result goes: `output`, or `file_name` in a new temporary folder that the
    returned object deletes on close. Returns (path, temporary folder or None)."""
    if output is not None:
        return os.path.abspath(os.fspath(output)), None
    folder = tempfile.mkdtemp(prefix="ketensim-results-")
    return os.path.join(folder, file_name), folder


def _scenario_argument(scenario, index, work):
    """A path for the command line: files as they are, Scenario objects saved first."""
    if isinstance(scenario, Scenario):
        scenario.check()
        path = os.path.join(work, f"{index}-{scenario.name or 'scenario'}.toml")
        scenario.save(path)
        return path
    if isinstance(scenario, (str, os.PathLike)):
        return os.fspath(scenario)
    raise TypeError(f"expected ketensim.Scenario objects or scenario paths, got {type(scenario).__name__}")


def compare(*scenarios, replications=None, seed=None, years=None, warmup_years=None, engine="native", output=None,
            processes=None):
    """Runs configurations on common random numbers, as ``ketensim compare``, and returns the
    :class:`ketensim.Comparison` (open). The first configuration is the reference of the
    paired differences; every configuration takes its seed, replications, years and warm-up
    (and these overrides). ``output``: the compare file (default a temporary file deleted on
    close). Runs in one child process, which runs ``processes`` replications at once
    (``-j``; default: the processors this process may use; results do not depend on it);
    raises like :func:`run`."""
    if len(scenarios) < 2:
        raise ValueError("compare() needs at least two configurations")
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    processes = _processes(processes)
    program = _find_program()
    from ._comparison import Comparison

    work = tempfile.mkdtemp(prefix="ketensim-compare-")
    keep_directory = None
    try:
        paths = [_scenario_argument(s, i, work) for i, s in enumerate(scenarios)]
        target, keep_directory = _result_path(output, "compare.h5")
        command = [program, "compare", *paths, "-q", "--no-plots", "--engine", engine, "-j", str(int(processes)),
                   "-o", target]
        for option, value in (("--replications", replications), ("--seed", seed), ("--years", years)):
            if value is not None:
                command += [option, repr(value) if isinstance(value, float) else str(value)]
        if warmup_years is not None:
            command += ["--set", f"run.warmup_years={warmup_years!r}"]
        _run_all([(command, "compare")], work)
        return Comparison(target, _temporary_directory=keep_directory)
    except BaseException:
        if keep_directory is not None:
            shutil.rmtree(keep_directory, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep(spec, directory, *, processes=None):
    """Runs a parameter sweep (docs/sweeps.md) as ``ketensim sweep SPEC -o DIRECTORY -j N``
    and returns its :class:`ketensim.Sweep` (open). Finished points in DIRECTORY are kept
    (the sweep resumes). Failed points do not raise: the summary lists them (status
    'failed', with the run's message); bad input raises ScenarioError."""
    program = _find_program()
    from ._sweep import Sweep

    directory = os.path.abspath(os.fspath(directory))
    command = [program, "sweep", os.fspath(spec), "-o", directory, "-q"]
    if processes is not None:
        command += ["-j", str(int(processes))]
    work = tempfile.mkdtemp(prefix="ketensim-sweep-")
    try:
        try:
            _run_all([(command, "sweep")], work)
        except SimulationError as error:
            # Exit codes 10 + k: k points failed, the summary is written and lists them.
            if not 10 <= (error.returncode or 0) <= 110:
                raise
        return Sweep(directory)
    finally:
        shutil.rmtree(work, ignore_errors=True)
