# SPDX-License-Identifier: MIT
"""ketensim.Scenario: the simulator's loader, checks and messages from Python; save and load."""
import math
import re
import tomllib

import pandas as pd
import pytest

import ketensim

SHIPPED = ["netherlands-2020.toml", "baseline.toml", "scenario-1-regional.toml", "scenario-2-national.toml",
           "examples/small-chain.toml", "plans/extra-guardians.toml", "plans/caseload-cap-12.toml",
           "plans/rvdk-inflow-management.toml"]


def exact(message):
    """A pytest `match` pattern for the whole message."""
    return "^" + re.escape(message) + "$"


@pytest.fixture
def small(small_chain_path):
    return ketensim.Scenario.load(small_chain_path)


@pytest.fixture
def in_file(small_chain_path):
    """The small chain's values as written in its file, read by Python's own TOML parser."""
    with open(small_chain_path, "rb") as f:
        return tomllib.load(f)


def scaled_fte(key, in_file):
    """A staff key of the small chain: the national default times structure.scale, rounded up."""
    default = ketensim.Scenario.keys().set_index("key").loc[key, "default"]
    return math.ceil(default * in_file["structure"]["scale"])


def test_a_loaded_scenario_reads_its_keys_with_their_types(small, in_file):
    assert small.name == in_file["name"] == "small-chain"
    assert "gi" not in in_file  # the staff is derived from the defaults, not copied
    assert small["gi.fte"] == scaled_fte("gi.fte", in_file)
    assert small["run.replications"] == in_file["run"]["replications"]
    assert isinstance(small["run.replications"], int)
    assert small["run.compare_with_targets"] is False
    assert small.regions == ["noord", "zuid"]
    assert small.placement == "baseline"
    assert small["regions.table"].endswith("scenarios/examples/regions-two.toml")


def test_a_bad_value_is_refused_with_the_loaders_message(small):
    before = small["gi.caseload_norm_children"]
    with pytest.raises(ketensim.ScenarioError, match=exact(
            "python: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)")):
        small["gi.caseload_norm_children"] = -3
    assert small["gi.caseload_norm_children"] == before  # unchanged


def test_scenario_error_is_a_value_error():
    assert issubclass(ketensim.ScenarioError, ValueError)


def test_an_unknown_key_lists_the_valid_keys_of_its_group(small):
    with pytest.raises(ketensim.ScenarioError, match=r"^python: court\.delay_days: unknown key; valid keys here are "
                                                     r"court\.decision_days_mean, court\.decision_cv, "):
        small["court.delay_days"] = 3
    with pytest.raises(ketensim.ScenarioError, match=r"^python: gi\.ftee: unknown key; valid keys here are gi\.fte, "):
        small["gi.ftee"]


def test_a_value_that_is_not_a_number_is_refused(small):
    with pytest.raises(ketensim.ScenarioError, match=exact("python: gi.fte = 'many': expected a number")):
        small["gi.fte"] = "many"


def test_a_whole_number_key_refuses_a_fraction(small):
    with pytest.raises(ketensim.ScenarioError, match=exact("python: run.replications = 2.5: must be a whole number (count)")):
        small["run.replications"] = 2.5


def test_file_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\n[regions]\ntable = "x.toml"\n[gi]\ncaseload_norm_children = -3\n')
    with pytest.raises(ketensim.ScenarioError, match=exact(f"{bad}:5: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)")):
        ketensim.Scenario.load(bad)
    with pytest.raises(ketensim.ScenarioError, match=exact("missing.toml: cannot open the scenario file")):
        ketensim.Scenario.load("missing.toml")


def test_text_scenarios_use_their_label_in_messages(repo):
    text = 'format_version = 1\n[regions]\ntable = "regions-two.toml"\nselect = ["oost"]\n'
    with pytest.raises(ketensim.ScenarioError, match=exact(
            'mine.toml:4: regions.select = "oost": unknown region code; valid codes are noord, zuid')):
        ketensim.Scenario.from_text(text, label="mine.toml", base_directory=repo / "scenarios" / "examples")


def test_rules_across_keys_are_checked_after_all_changes(small, in_file):
    small["gi.caseload_norm_children"] = 20  # above the cap of the file for a moment
    small["gi.caseload_cap_children"] = 25
    small.check()
    with pytest.raises(ketensim.ScenarioError, match=r"gi\.caseload_cap_children = 2: must be >= "
                                                     r"gi\.caseload_norm_children \(20\)$"):
        small.update({"gi.fte": 10, "gi.caseload_cap_children": 2})
    assert small["gi.fte"] == scaled_fte("gi.fte", in_file)  # update is all or nothing
    assert small["gi.caseload_cap_children"] == 25.0


def test_copies_are_independent(small, in_file):
    other = small.copy()
    fte = small["gi.fte"]
    other["gi.fte"] = fte + 5
    assert small["gi.fte"] == fte and other["gi.fte"] == fte + 5
    assert other != small


@pytest.mark.parametrize("relative", SHIPPED)
def test_every_shipped_scenario_round_trips_through_save_and_load(repo, tmp_path, relative):
    original = ketensim.Scenario.load(repo / "scenarios" / relative)
    (tmp_path / "elsewhere").mkdir()
    saved = ketensim.Scenario.load(original.save(tmp_path / "elsewhere" / "copy.toml"))
    assert saved == original
    assert saved.region_table == original.region_table

    def without_table(text):  # the table's path is relative to each file
        return re.sub(r"\ntable = .*\n", "\n", text)

    assert without_table(saved.resolved_text()) == without_table(original.resolved_text())
    assert saved.interventions.drop(columns="where").equals(original.interventions.drop(columns="where"))


def test_computed_values_are_saved_exactly(small, tmp_path):
    small["gi.fte"] = 37 * 1.15  # 42.55 in 15 digits, but the double is 42.549999999999997
    small["rvdk.fte"] = 100 / 3
    loaded = ketensim.Scenario.load(small.save(tmp_path / "exact.toml"))
    assert loaded["gi.fte"] == 37 * 1.15
    assert loaded["rvdk.fte"] == 100 / 3
    assert loaded == small


def test_names_and_descriptions_are_saved(small, tmp_path):
    small.name = "my-variant"
    small["description"] = 'with "quotes"'
    loaded = ketensim.Scenario.load(small.save(tmp_path / "named.toml"))
    assert loaded.name == "my-variant" and loaded.description == 'with "quotes"'
    with pytest.raises(ketensim.ScenarioError, match=exact("python: name = 'two\\nlines': expected one line of text")):
        small.name = "two\nlines"


def test_save_refuses_a_scenario_that_breaks_a_rule(small, tmp_path):
    small["gi.caseload_cap_children"] = 2
    with pytest.raises(ketensim.ScenarioError, match=r"gi\.caseload_cap_children = 2: must be >= gi\.caseload_norm_children \(\d+\)$"):
        small.save(tmp_path / "broken.toml")
    assert not (tmp_path / "broken.toml").exists()


def test_the_keys_table_lists_every_key_with_unit_default_bounds_and_source(small, in_file):
    table = ketensim.Scenario.keys()
    assert list(table.columns[:7]) == ["key", "unit", "default", "min", "max", "source", "description"]
    row = table.set_index("key").loc["gi.caseload_norm_children"]
    assert row["unit"] == "children/FTE" and row["min"] == 1
    assert row["source"]
    assert table["key"].is_unique and len(table) > 100
    with_values = small.keys()
    assert with_values.set_index("key").loc["gi.fte", "value"] == scaled_fte("gi.fte", in_file)
    assert (with_values["value"] >= with_values["min"]).all() and (with_values["value"] <= with_values["max"]).all()


def test_the_keys_table_agrees_with_the_command_line(program):
    import subprocess
    listed = subprocess.run([program, "keys"], capture_output=True, text=True, check=True).stdout
    for key in ketensim.Scenario.keys()["key"]:
        assert key in listed


def test_a_plans_interventions_are_a_table(repo):
    plan = ketensim.Scenario.load(repo / "scenarios" / "plans" / "extra-guardians.toml")
    changes = plan.interventions
    assert isinstance(changes, pd.DataFrame) and len(changes) == 1
    row = changes.iloc[0]
    assert (row["key"], row["how"], row["value"], row["start_years"]) == ("gi.fte", "multiply", 1.15, 2.0)
    assert "arnhem" in row["regions"]
    assert math.isclose(row["ramp_days"], 180)


def test_analyze_gives_the_analytic_estimate_the_cli_prints_and_follows_changed_keys(small):
    estimate = small.analyze()
    assert list(estimate.columns) == ["name", "stage", "region", "unit", "value"]
    vt = estimate[(estimate.name == "utilisation") & (estimate.stage == "vt") & (estimate.region == "national")]
    # Work started over funded hours: VT shortens late cases (vt.late_work_cut_share), so each
    # of its pools works at most at its hours (docs/analytic.md).
    assert len(vt) == 1 and 0.0 < vt.value.iloc[0] <= 1.0
    # Twice the reports: the VT's offered work doubles, so its utilisation (of the funded
    # hours) doubles too; the loops (rework, re-reports) and the erosion of late work, which
    # make the work depend on the waits, are switched off for an exact check.
    small["workforce.staff_dynamics"] = False
    small["feedback.l4_escalation"] = False
    small["vt.late_work_cut_share"] = 0
    before = small.analyze()
    small["inflow.vt_reports_per_year"] = 2 * small["inflow.vt_reports_per_year"]
    after = small.analyze()

    def vt_utilisation(table):
        return table[(table.name == "utilisation") & (table.stage == "vt") & (table.region == "national")].value.iloc[0]

    assert math.isclose(vt_utilisation(after), 2 * vt_utilisation(before), rel_tol=1e-9)
