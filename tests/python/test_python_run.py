# SPDX-License-Identifier: MIT
"""ketensim.run: child processes, parallel replications, errors, interrupts, reading back."""
import _thread
import os
import subprocess
import threading
import time

import h5py
import numpy as np
import pytest

import ketensim

from hdf5_contents import contents, same


def fake_program(tmp_path, body):
    """A stand-in for the ketensim program, to make a child fail or hang on purpose."""
    path = tmp_path / "fake-ketensim"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def test_replications_split_over_processes_give_the_file_of_a_single_run(program, small_chain_path, small_run,
                                                                         tmp_path):
    # small_run: 3 replications of 1.5 years in 2 processes (0..1 and 2), with the event log.
    single = tmp_path / "single.h5"
    subprocess.run([program, "run", str(small_chain_path), "-q", "-r", "3", "--years", "1.5", "--events",
                    "-o", str(single)], check=True, capture_output=True)
    a, b = contents(small_run), contents(single)
    assert a.keys() == b.keys()
    differing = [key for key in a if not same(a[key], b[key])]
    assert set(differing) <= {"/@created"}


def test_a_second_run_in_the_same_process_works_and_another_seed_differs(small_chain_path):
    with ketensim.run(small_chain_path, replications=2, years=1, processes=2) as first, \
            ketensim.run(small_chain_path, replications=2, years=1, seed=8, processes=1) as second:
        assert first.seed == ketensim.Scenario.load(small_chain_path)["run.seed"] != 8
        assert second.seed == 8
        assert first.replications == second.replications == 2
        a = first.timeseries(metric="arrivals")["value"].to_numpy()
        b = second.timeseries(metric="arrivals")["value"].to_numpy()
        assert a.shape == b.shape and not np.array_equal(a, b)


def test_changes_in_memory_reach_the_simulation(small_chain_path):
    scenario = ketensim.Scenario.load(small_chain_path)
    in_file = scenario["gi.fte"]
    scenario["gi.fte"] = 2 * in_file
    with ketensim.run(scenario, replications=1, years=1, changes={"rvdk.fte": 25}) as results:
        stored = results.scenario()
        assert stored["gi.fte"] == 2 * in_file and stored["rvdk.fte"] == 25
        staff = results.timeseries(stage="gi", region="national", metric="staff_fte")["value"].iloc[0]
        assert abs(staff - 2 * in_file) < abs(staff - in_file)  # the GI started with the new staff


def test_run_checks_its_arguments_with_the_loaders_messages(small_chain_path):
    with pytest.raises(ketensim.ScenarioError, match=r"^ketensim\.run: run\.replications = 0: must be >= 1 \(count\)$"):
        ketensim.run(small_chain_path, replications=0)
    with pytest.raises(ValueError, match=r"^engine 'fast': expected one of native, simgrid$"):
        ketensim.run(small_chain_path, engine="fast")


def test_a_failing_child_raises_with_the_simulators_message(small_chain_path, tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSIM_BIN", fake_program(tmp_path, 'echo "error: the engine broke at day 12" >&2; exit 1'))
    with pytest.raises(ketensim.SimulationError, match=r"^ketensim run \(replications 0\.\.2\) failed with exit code 1: "
                                                       r"the engine broke at day 12$") as caught:
        ketensim.run(small_chain_path, replications=3, processes=1)
    assert caught.value.returncode == 1
    assert caught.value.stderr == "error: the engine broke at day 12\n"


def test_a_child_refusing_its_input_raises_scenario_error(small_chain_path, tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSIM_BIN", fake_program(tmp_path, 'echo "error: x.toml:3: gi.fte = -1: must be >= 0 (FTE)" >&2; exit 2'))
    with pytest.raises(ketensim.ScenarioError, match=r"^x\.toml:3: gi\.fte = -1: must be >= 0 \(FTE\)$"):
        ketensim.run(small_chain_path, replications=1)


def test_a_child_killed_by_a_signal_is_reported(small_chain_path, tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSIM_BIN", fake_program(tmp_path, "kill -SEGV $$"))
    with pytest.raises(ketensim.SimulationError, match=r"^ketensim run \(replication 0\) was stopped by signal 11: "):
        ketensim.run(small_chain_path, replications=1)


def test_a_keyboard_interrupt_stops_every_child(small_chain_path, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    pids.mkdir()
    monkeypatch.setenv("KETENSIM_BIN", fake_program(tmp_path, f'echo $$ > "{pids}/$$"; exec sleep 60'))

    def interrupt_when_both_started():
        deadline = time.monotonic() + 20
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        _thread.interrupt_main()

    threading.Thread(target=interrupt_when_both_started, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        ketensim.run(small_chain_path, replications=2, processes=2)
    assert time.monotonic() - started < 15
    children = [int(p.name) for p in pids.iterdir()]
    assert len(children) == 2
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_missing_program_is_named(small_chain_path, monkeypatch):
    monkeypatch.setenv("KETENSIM_BIN", "/nonexistent/ketensim")
    with pytest.raises(FileNotFoundError, match=r"^KETENSIM_BIN=/nonexistent/ketensim: no such program$"):
        ketensim.run(small_chain_path, replications=1)


def test_results_without_output_live_as_long_as_the_results(small_chain_path, tmp_path):
    results = ketensim.run(small_chain_path, replications=1, years=1)
    path = results.path
    kept = results.save(tmp_path / "kept.h5")
    results.close()
    assert not os.path.exists(path)
    with pytest.raises(ValueError, match="the file is closed"):
        results.kpis()
    with ketensim.Results.open(kept) as reopened:
        assert reopened.replications == 1


def test_the_command_line_refuses_a_bad_first_replication(program, small_chain_path, tmp_path):
    done = subprocess.run([program, "run", str(small_chain_path), "--first-replication", "-1", "-o",
                           str(tmp_path / "x.h5")], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "error: ketensim run: --first-replication = -1: expected a whole number >= 0\n"
    assert not (tmp_path / "x.h5").exists()


def test_a_replication_run_alone_keeps_its_index_and_numbers(program, small_chain_path, small_run, tmp_path):
    alone = tmp_path / "alone.h5"
    subprocess.run([program, "run", str(small_chain_path), "-q", "-r", "1", "--years", "1.5", "--first-replication", "2",
                    "-o", str(alone)], check=True, capture_output=True)
    with h5py.File(alone) as one, h5py.File(small_run) as three:
        assert list(one["replications"]["replication"]) == [2]
        np.testing.assert_array_equal(one["timeseries/waiting"][0], three["timeseries/waiting"][2])
        np.testing.assert_array_equal(one["kpis_by_replication"][:, 0], three["kpis_by_replication"][:, 2])


def test_the_simgrid_engine_runs_in_the_children_and_agrees_with_the_native_one(small_chain_path):
    with ketensim.run(small_chain_path, replications=2, years=1, engine="simgrid", processes=2) as simgrid, \
            ketensim.run(small_chain_path, replications=2, years=1, engine="native", processes=1) as native:
        assert (simgrid.attrs["engine"], native.attrs["engine"]) == ("simgrid", "native")
        a, b = simgrid.kpis_by_replication(), native.kpis_by_replication()
        np.testing.assert_allclose(a["value"], b["value"], rtol=1e-9, atol=1e-9, equal_nan=True)
