// SPDX-License-Identifier: MIT
// The sweep spec: what it accepts, what it resolves from the base scenario, and that every
// mistake is named with file, line, key and expectation (docs/sweeps.md).
#include <gtest/gtest.h>

#include <string>

#include "models/scenario_error.h"
#include "sweep/sweep_spec.h"
#include "tests/support/scenario_files.h"

namespace {

using ketensim::model::ScenarioError;
using ketensim::sweep::Factor;
using ketensim::sweep::load_sweep_spec;
using ketensim::sweep::load_sweep_spec_text;
using ketensim::sweep::SweepSpec;

const std::string header =
    "format_version = 1\n"
    "kind = \"sweep\"\n"
    "scenario = \"../examples/small-chain.toml\"\n";

// Loads spec text as if it were a file in scenarios/sweeps/.
SweepSpec load(const std::string& text) {
  return load_sweep_spec_text(text, "spec.toml", ketensim::testing::scenario_path("sweeps"));
}

// The message of the ScenarioError that loading `text` throws ("" when it loads).
std::string error_of(const std::string& text) {
  try {
    load(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(SweepSpec, TheShippedExampleLoadsWithItsFactorsInFileOrder) {
  const SweepSpec spec = load_sweep_spec(ketensim::testing::scenario_path("sweeps/small-chain-staffing.toml"));
  EXPECT_EQ(spec.name, "small-chain-staffing");
  EXPECT_EQ(spec.replications, 2U);
  EXPECT_DOUBLE_EQ(spec.years, 1.5);
  EXPECT_EQ(spec.seed, 100U);
  EXPECT_EQ(spec.engine, "native");
  ASSERT_EQ(spec.factors.size(), 3U);
  EXPECT_EQ(spec.factors[0].key, "gi.fte");
  EXPECT_EQ(spec.factors[0].design, Factor::Design::grid);
  EXPECT_EQ(spec.factors[0].values, (std::vector<double>{30, 44}));
  EXPECT_EQ(spec.factors[1].key, "rvdk.fte");
  EXPECT_EQ(spec.factors[1].design, Factor::Design::latin_hypercube);
  EXPECT_EQ(spec.factors[2].key, "inflow.vt_reports_per_year");
  ASSERT_TRUE(spec.latin_hypercube.has_value());
  EXPECT_EQ(spec.latin_hypercube->points, 3U);
}

TEST(SweepSpec, UnsetRunSettingsComeFromTheBaseScenario) {
  const SweepSpec spec = load(header + "[factors]\n\"gi.fte\" = { values = [30] }\n");
  EXPECT_EQ(spec.replications, 3U);  // small-chain.toml: run.replications = 3
  EXPECT_DOUBLE_EQ(spec.years, 3.0);
  EXPECT_EQ(spec.seed, 7U);
  EXPECT_FALSE(spec.common_random_numbers);
  EXPECT_EQ(spec.name, "spec");  // the file name without extension
}

TEST(SweepSpec, FactorsWrittenAsNestedTablesAreTheSameKeys) {
  const SweepSpec spec = load(header +
                              "[factors.gi]\nfte = { values = [30, 40] }\n[factors.care.foster_care]\n"
                              "capacity_children = { values = [300] }\n");
  ASSERT_EQ(spec.factors.size(), 2U);
  EXPECT_EQ(spec.factors[0].key, "gi.fte");
  EXPECT_EQ(spec.factors[1].key, "care.foster_care.capacity_children");
}

TEST(SweepSpec, AnUnknownTopLevelKeyIsAnErrorListingTheValidOnes) {
  EXPECT_EQ(error_of(header + "replicatons = 2\n[factors]\n\"gi.fte\" = { values = [30] }\n"),
            "spec.toml:4: replicatons: unknown key; valid keys are format_version, kind, name, description, scenario, "
            "replications, years, engine, seed, common_random_numbers, factors, latin_hypercube");
}

TEST(SweepSpec, AFactorThatIsNoScenarioKeyNamesTheLineAndTheKeysNearby) {
  const std::string message = error_of(header + "[factors]\n\"gi.staff\" = { values = [30] }\n");
  EXPECT_EQ(message.rfind("spec.toml:5: factors.gi.staff: unknown scenario key; valid keys here are gi.fte", 0), 0U)
      << message;
}

TEST(SweepSpec, ARangeNeedsALatinHypercubeAndALatinHypercubeNeedsARange) {
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { min = 30, max = 40 }\n"),
            "spec.toml:5: a factor has a range: the spec needs a [latin_hypercube] table with points and seed");
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { values = [30] }\n[latin_hypercube]\npoints = 4\nseed = 1\n"),
            "spec.toml:6: latin_hypercube: no factor has a range (min, max) to sample");
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { min = 30, max = 40 }\n[latin_hypercube]\npoints = 4\n"),
            "spec.toml:6: latin_hypercube.seed is missing: expected a whole number");
}

TEST(SweepSpec, AFactorIsEitherAListOfValuesOrARange) {
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { values = [30], min = 1, max = 2 }\n"),
            "spec.toml:5: factors.gi.fte: has both values and a range: expected either values = [...] or min and max");
  EXPECT_EQ(
      error_of(header + "[factors]\n\"gi.fte\" = [30, 40]\n"),
      "spec.toml:5: factors.gi.fte = an array: expected { values = [...] } for a grid or { min = ..., max = ... } "
      "for a range");
  EXPECT_EQ(
      error_of(header + "[factors]\n\"gi.fte\" = { min = 40, max = 30 }\n[latin_hypercube]\npoints = 2\nseed = 1\n"),
      "spec.toml:5: factors.gi.fte.max = 30: must be > min = 40 (FTE)");
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { values = [30, 30] }\n"),
            "spec.toml:5: factors.gi.fte.values = 30: appears twice: each value makes its own points");
}

TEST(SweepSpec, TheSeedAndTheReplicationCountCannotBeFactors) {
  EXPECT_EQ(error_of(header + "[factors]\n\"run.seed\" = { values = [1, 2] }\n"),
            "spec.toml:5: factors.run.seed: run.seed cannot be a factor: each point's seed follows the sweep's seed "
            "rule (seed, common_random_numbers)");
  EXPECT_EQ(error_of(header + "[factors]\n\"run.replications\" = { values = [1, 2] }\n"),
            "spec.toml:5: factors.run.replications: run.replications cannot be a factor: set replications");
}

TEST(SweepSpec, RunSettingsAreCheckedAgainstTheScenarioKeysBounds) {
  EXPECT_EQ(error_of(header + "replications = 0\n[factors]\n\"gi.fte\" = { values = [30] }\n"),
            "spec.toml:4: replications = 0: must be >= 1 (count)");
  EXPECT_EQ(error_of(header + "engine = \"warp\"\n[factors]\n\"gi.fte\" = { values = [30] }\n"),
            "spec.toml:4: engine = \"warp\": expected one of native, simgrid");
}

TEST(SweepSpec, ARunLengthThatBreaksTheBaseScenariosRulesIsRefusedUpFront) {
  // small-chain.toml has a warm-up of half a year: every point would fail the same way.
  const std::string message = error_of(header + "years = 0.3\n[factors]\n\"gi.fte\" = { values = [30] }\n");
  EXPECT_NE(message.find("run.warmup_years = 0.5: must be < run.years (0.3)"), std::string::npos) << message;
}

TEST(SweepSpec, FactorValuesOutsideTheKeysBoundsAreLeftToEachPoint) {
  // `ketensim run` rejects such a point with its own message; the other points still run.
  const SweepSpec spec = load(header + "[factors]\n\"gi.fte\" = { values = [37, -5] }\n");
  EXPECT_EQ(spec.factors[0].values, (std::vector<double>{37, -5}));
}

TEST(SweepSpec, AScenarioFileGivenAsASpecIsRecognised) {
  try {
    load_sweep_spec(ketensim::testing::scenario_path("examples/small-chain.toml"));
    FAIL() << "a scenario file loaded as a sweep spec";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("kind is missing: expected kind = \"sweep\""), std::string::npos) << e.what();
  }
}

TEST(SweepSpec, AMissingBaseScenarioIsNamedWithItsResolvedPath) {
  const std::string message = error_of(
      "format_version = 1\nkind = \"sweep\"\nscenario = \"nope.toml\"\n[factors]\n\"gi.fte\" = { values = [1] }\n");
  EXPECT_EQ(message.rfind("spec.toml:3: scenario = \"nope.toml\": no such file (", 0), 0U) << message;
}

TEST(SweepSpec, AYesNoKeyTakesTrueAndFalseButNoRange) {
  const SweepSpec spec = load(header + "[factors]\n\"run.compare_with_targets\" = { values = [false, true] }\n");
  EXPECT_EQ(spec.factors[0].values, (std::vector<double>{0, 1}));
  EXPECT_TRUE(spec.factors[0].boolean);
  EXPECT_EQ(
      error_of(header + "[factors]\n\"run.compare_with_targets\" = { min = 0, max = 1 }\n"),
      "spec.toml:5: factors.run.compare_with_targets: a yes/no key cannot have a range: use values = [false, true]");
}

TEST(SweepSpec, AGridOfMoreThanAMillionPointsIsRefused) {
  std::string values = "[";
  for (int i = 0; i < 1001; ++i) values += (i ? ", " : "") + std::to_string(i + 1);
  values += "]";
  EXPECT_EQ(error_of(header + "[factors]\n\"gi.fte\" = { values = " + values + " }\n\"vt.fte\" = { values = " + values +
                     " }\n"),
            "spec.toml: the factors make more than 1000000 points: split the sweep or use a latin_hypercube");
}
