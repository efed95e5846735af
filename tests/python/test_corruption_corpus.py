# SPDX-License-Identifier: MIT
"""Damaged result files: a deterministic corpus of corruptions of each kind of result file
(run, compare, sweep summary, sweep point), each opened by the Python reader (in a forked
child) and by the C++ reader sweep resume uses (tests/read_result_file.cpp, a subprocess),
each with a timeout. A crash, a hang, a read that succeeds with other numbers than the
undamaged file's, or an error that is not the package's FormatError naming the file, fails.

    PYTHONPATH=build/python KETENSIM_BIN=build/ketensim \\
    KETENSIM_READ_RESULT_FILE=build/tests/ketensim_read_result_file /usr/bin/python3 -m pytest \\
    tests/python/test_corruption_corpus.py
"""
import concurrent.futures
import hashlib
import os
import pathlib
import random
import select
import signal
import subprocess
import time

import pytest

import ketensim  # imported once here, so each forked reader starts with it loaded

KETENSIM = os.environ.get("KETENSIM_BIN")
READER = os.environ.get("KETENSIM_READ_RESULT_FILE")
REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"
CORRUPTIONS_PER_KIND = 200
TIMEOUT = 30  # seconds per read; an undamaged read takes well under one

pytestmark = pytest.mark.skipif(not (KETENSIM and READER), reason="KETENSIM_BIN / KETENSIM_READ_RESULT_FILE unset")


def run_program(*arguments):
    done = subprocess.run([KETENSIM, *map(str, arguments)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """One small file of each kind, written by the ketensim program."""
    out = tmp_path_factory.mktemp("originals")
    run_program("run", SMALL, "--replications", 2, "--years", 0.75, "-o", out / "run.h5")
    run_program("compare", SMALL, SMALL, "--replications", 2, "--years", 0.75, "--no-plots", "-o", out / "compare.h5")
    spec = out / "spec.toml"
    spec.write_text('format_version = 1\nkind = "sweep"\n'
                    f'scenario = "{SMALL}"\nreplications = 1\nyears = 0.75\nseed = 11\n'
                    '[factors]\n"gi.caseload_norm_children" = { values = [12, 16] }\n')
    run_program("sweep", spec, "-o", out / "sweep", "-q")
    points = sorted((out / "sweep" / "points").glob("*.h5"))
    return {"run": out / "run.h5", "compare": out / "compare.h5", "sweep": out / "sweep" / "sweep.h5",
            "point": points[0]}


def corruptions(data, seed):
    """CORRUPTIONS_PER_KIND (label, bytes) pairs, each different from `data`, the same on every run."""
    rng = random.Random(seed)
    n = len(data)
    out = []
    while len(out) < CORRUPTIONS_PER_KIND:
        i = len(out)
        damaged = bytearray(data)
        if i < 60:
            at = rng.randrange(n)
            damaged[at] ^= 1 << rng.randrange(8)
            label = f"bit flip at {at}"
        elif i < 90:
            at = rng.randrange(n)
            damaged[at] = (damaged[at] + rng.randrange(1, 256)) % 256
            label = f"byte changed at {at}"
        elif i < 120:
            at, length = rng.randrange(n), rng.randrange(1, 65)
            damaged[at:at + length] = bytes(len(damaged[at:at + length]))
            label = f"{length} bytes zeroed at {at}"
        elif i < 145:
            at = rng.randrange(n)
            del damaged[at:]
            label = f"cut at {at}"
        elif i < 160:
            at, length = rng.randrange(n), rng.randrange(8, 257)
            damaged[at:at + length] = bytes(rng.randrange(256) for _ in range(len(damaged[at:at + length])))
            label = f"{length} random bytes at {at}"
        elif i < 175:
            at = rng.randrange(512)
            damaged[at] ^= 1 << rng.randrange(8)
            label = f"bit flip in the seal at {at}"
        elif i < 185:
            extra = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 101)))
            damaged += extra
            label = f"{len(extra)} bytes appended"
        else:
            at = n - 1 - rng.randrange(min(n, 4096))
            damaged[at] ^= 1 << rng.randrange(8)
            label = f"bit flip near the end at {at}"
        if bytes(damaged) != data:
            out.append((label, bytes(damaged)))
    return out


def fingerprint(frames):
    digest = hashlib.sha256()
    for frame in frames:
        text = frame.to_csv(float_format="%r") if hasattr(frame, "to_csv") else repr(frame)
        digest.update(text.encode())
    return digest.hexdigest()


def python_read(kind, path):
    """Everything the package's reader gives for the file, as a fingerprint."""
    if kind in ("run", "point"):
        with ketensim.Results.open(path) as r:
            frames = [r.attrs, r.scenario_text, r.regions, r.stages, r.replication_table(), r.kpis(),
                      r.kpis_by_replication(), r.timeseries(), r.calibration(), r.staff()]
            if r.has_events():
                frames.append(r.events())
    elif kind == "compare":
        with ketensim.Comparison.open(path) as c:
            frames = [c.attrs, c.configurations(), c.names, c.scenario_texts, c.kpis(), c.summary(),
                      c.regional_spread(), c.kpi_values(), c.waiting()]
    else:
        with ketensim.Sweep.open(path) as s:
            frames = [s.attrs, s.results(), s.factors(), s.kpi_columns(), s.spec_text, s.scenario_text]
    return fingerprint(frames)


def forked_python_read(kind, path):
    """('ok', fingerprint), ('error', type, message), ('crash', how) or ('hang',), from a
    forked child that reads the file."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(readable)
        try:
            result = "ok\t" + python_read(kind, path)
        except BaseException as error:  # every exception is reported, judged by the parent
            result = f"error\t{type(error).__module__}.{type(error).__qualname__}\t{error}"
        os.write(writable, result.encode("utf-8", "replace"))
        os._exit(0)
    os.close(writable)
    chunks, deadline = [], time.monotonic() + TIMEOUT
    while True:
        ready, _, _ = select.select([readable], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(readable)
            return ("hang",)
        chunk = os.read(readable, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(readable)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not chunks:
        return ("crash", f"status {status}")
    return tuple(b"".join(chunks).decode().split("\t", 2))


def cpp_read(kind, paths):
    """The C++ reader's outcome for each path, each read in a forked child with a timeout."""
    mode = {"run": "run", "point": "point"}.get(kind, "any")
    done = subprocess.run([READER, mode, str(TIMEOUT), *map(str, paths)], capture_output=True, text=True,
                          timeout=TIMEOUT * len(paths) + 60)
    assert done.returncode == 0, done.stderr
    outcomes = {}
    for line in done.stdout.splitlines():
        path, result = line.split("\t", 1)
        if result.startswith("ok "):
            outcomes[path] = ("ok", result[3:])
        elif result.startswith("error: "):
            outcomes[path] = ("error", "runtime_error", result[len("error: "):])
        else:
            outcomes[path] = (result.split(":")[0], result)
    return [outcomes[str(p)] for p in paths]


def judge(outcome, original, path, python):
    """'same' / 'refused' when all is well, else what is wrong."""
    if outcome[0] == "ok":
        return "same" if outcome[1] == original else "WRONG NUMBERS"
    if outcome[0] != "error":
        return outcome[0].upper()
    _, kind, message = outcome
    if python and kind not in ("ketensim.FormatError", "ketensim.DamagedFileError"):
        return f"UNCLEAR ERROR {kind}: {message}"
    if not message.startswith(f"{path}:"):
        return f"ERROR WITHOUT THE FILE'S NAME: {message}"
    return "refused"


@pytest.mark.parametrize("kind", ["run", "compare", "sweep", "point"])
def test_damaged_files_are_refused_never_crash_hang_or_read_wrong(kind, originals, tmp_path):
    original = originals[kind]
    data = original.read_bytes()
    python_original = forked_python_read(kind, original)
    cpp_original = cpp_read(kind, [original])[0]
    assert python_original[0] == "ok", python_original
    assert cpp_original[0] == "ok", cpp_original

    files = []
    for i, (label, damaged) in enumerate(corruptions(data, f"{kind}-{len(data)}")):
        path = tmp_path / f"damaged-{i:03d}.h5"
        path.write_bytes(damaged)
        files.append((label, path))

    paths = [path for _, path in files]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        cpp = pool.submit(cpp_read, kind, paths)
        python = list(pool.map(lambda path: forked_python_read(kind, path), paths))
        cpp = cpp.result()
    problems = []
    tally = {}
    for (label, path), python_outcome, cpp_outcome in zip(files, python, cpp):
        for reader, outcome, reference in (("python", python_outcome, python_original[1]),
                                           ("c++", cpp_outcome, cpp_original[1])):
            verdict = judge(outcome, reference, path, reader == "python")
            tally[(reader, verdict)] = tally.get((reader, verdict), 0) + 1
            if verdict not in ("same", "refused"):
                problems.append(f"{reader}: {path.name} ({label}): {verdict}")
    print(f"{kind}: {len(files)} corruptions of {len(data)} bytes:", sorted(tally.items()))
    assert len(files) >= 200
    assert not problems, "\n".join(problems[:40])
