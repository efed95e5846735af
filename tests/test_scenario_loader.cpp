// SPDX-License-Identifier: MIT
// Scenario files: every error names file, line, key, value and what was expected.
#include <cmath>

#include <gtest/gtest.h>

#include <cmath>

#include "models/parameter_table.h"
#include "models/scenario.h"
#include "models/scenario_error.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

const std::string examples = std::string(KETENSIM_SOURCE_DIR) + "/scenarios/examples";

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "test.toml", examples);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

const std::string header = "format_version = 1\n[regions]\ntable = \"regions-two.toml\"\n";

TEST(ScenarioLoader, TheShippedScenariosLoad) {
  for (const auto* file : {"netherlands-2020.toml", "replay-2019-2022.toml", "examples/small-chain.toml", "examples/mmc-rvdk.toml",
                           "examples/mm1-ps-rvdk.toml", "examples/tandem-jackson.toml"}) {
    EXPECT_NO_THROW(testing::load_example(file)) << file;
  }
}

TEST(ScenarioLoader, TheDefaultScenarioHasAllFortyTwoRegions) {
  const auto scenario = testing::load_example("netherlands-2020.toml");
  EXPECT_EQ(scenario.regions.regions.size(), 42u);
  EXPECT_EQ(scenario.regions.vt_regions.size(), 26u);
}

TEST(ScenarioLoader, AValueOutOfRangeNamesFileLineKeyValueAndBound) {
  EXPECT_EQ(error_of(header + "[gi]\ncaseload_norm_children = -3\n"),
            "test.toml:5: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)");
}

TEST(ScenarioLoader, AnUnknownKeyIsAnErrorListingTheValidKeysOfItsGroup) {
  const std::string message = error_of(header + "[court]\ndelay_days = 3\n");
  EXPECT_EQ(message.rfind("test.toml:5: court.delay_days: unknown key; valid keys here are court.decision_days_mean, "
                          "court.decision_cv, ",
                          0),
            0u)
      << message;
}

TEST(ScenarioLoader, AnUnknownGroupListsTheValidTopLevelNames) {
  const std::string message = error_of(header + "[staff]\nfte = 3\n");
  EXPECT_EQ(message, "test.toml:4: staff: unknown key; valid top-level names are format_version, name, description, "
                     "regions, structure, intervention, run, series, inflow, family, handover, workforce, escalation, feedback, vt, "
                     "expertise, judgment, "
                     "team, national, local_team, rvdk, court, gi, norm, initial, care");
}

TEST(ScenarioLoader, AStringWhereANumberIsExpectedIsAnError) {
  EXPECT_EQ(error_of(header + "[vt]\nfte = \"many\"\n"), "test.toml:5: vt.fte = \"many\": expected a number (FTE)");
}

TEST(ScenarioLoader, AWholeNumberKeyRejectsFractions) {
  EXPECT_EQ(error_of(header + "[run]\nreplications = 2.5\n"),
            "test.toml:5: run.replications = 2.5: must be a whole number (count)");
}

TEST(ScenarioLoader, AYesNoKeyRejectsNumbers) {
  EXPECT_EQ(error_of(header + "[run]\ncompare_with_targets = 1\n"),
            "test.toml:5: run.compare_with_targets = 1: expected true or false");
}

TEST(ScenarioLoader, TheFormatVersionIsRequiredAndChecked) {
  EXPECT_EQ(error_of("[regions]\ntable = \"regions-two.toml\"\n"),
            "test.toml: format_version is missing: expected format_version = 1");
  EXPECT_EQ(error_of("format_version = 2\n"), "test.toml:1: format_version = 2: this ketensim reads format_version 1");
}

TEST(ScenarioLoader, ASyntaxErrorNamesTheLine) {
  const std::string message = error_of(header + "[vt\nfte = 3\n");
  EXPECT_EQ(message.rfind("test.toml:4: ", 0), 0u) << message;
}

TEST(ScenarioLoader, AnUnknownRegionCodeListsTheValidCodes) {
  EXPECT_EQ(error_of("format_version = 1\n[regions]\ntable = \"regions-two.toml\"\nselect = [\"oost\"]\n"),
            "test.toml:4: regions.select = \"oost\": unknown region code; valid codes are noord, zuid");
}

TEST(ScenarioLoader, AMissingRegionsTableIsNamed) {
  EXPECT_EQ(error_of("format_version = 1\n[regions]\ntable = \"nowhere.toml\"\n"),
            "test.toml:3: regions.table = \"nowhere.toml\": no such file (" + examples + "/nowhere.toml)");
}

TEST(ScenarioLoader, SharesThatMustAddUpToOneAreChecked) {
  EXPECT_EQ(error_of(header + "[family]\nshare_one_child = 0.9\n"),
            "test.toml:5: family.share_*: the four shares add up to 1.4: they must add up to 1");
}

TEST(ScenarioLoader, TheCapMayNotBeBelowTheNorm) {
  EXPECT_EQ(error_of(header + "[gi]\ncaseload_cap_children = 10\n"),
            "test.toml:5: gi.caseload_cap_children = 10: must be >= gi.caseload_norm_children (13)");
}

TEST(ScenarioLoader, AnOverrideIsCheckedLikeAFileValue) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  EXPECT_THROW(set_parameter(scenario, "run.years", -1, "--years"), ScenarioError);
  try {
    set_parameter(scenario, "run.years", -1, "--years");
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "--years: run.years = -1: must be >= 0.01 (years)");
  }
  set_parameter(scenario, "gi.caseload_norm_children", 12, "python");
  EXPECT_EQ(get_parameter(scenario, "gi.caseload_norm_children"), 12);
}

TEST(ScenarioLoader, AScaledChainScalesTheUnstatedCountsAndStaffOnly) {
  const Scenario national = load_scenario_text(header, "national.toml", examples);
  const Scenario small =
      load_scenario_text(header + "[structure]\nscale = 0.1\n[rvdk]\nfte = 7\n[initial]\nvt_families = 3\n", "small.toml", examples);
  for (const auto& spec : parameter_table()) {
    const double unscaled = get_parameter(national, spec.key);
    const double value = get_parameter(small, spec.key);
    if (spec.key == "rvdk.fte") {
      EXPECT_EQ(value, 7);  // stated: as written
    } else if (spec.key == "initial.vt_families") {
      EXPECT_EQ(value, 3);
    } else if (spec.unit == "FTE") {
      EXPECT_EQ(value, std::ceil(0.1 * unscaled)) << spec.key;  // whole FTE, rounded up
    } else if (scales_with_the_chain(spec)) {
      EXPECT_DOUBLE_EQ(value, 0.1 * unscaled) << spec.key;
    } else {
      EXPECT_EQ(value, unscaled) << spec.key;  // shares, hours, durations, norms
    }
  }
  EXPECT_TRUE(scales_with_the_chain(*find_parameter("inflow.vt_reports_per_year")));
  EXPECT_TRUE(scales_with_the_chain(*find_parameter("care.foster_care.capacity_children")));
  EXPECT_FALSE(scales_with_the_chain(*find_parameter("gi.caseload_norm_children")));
}

TEST(ScenarioLoader, AScaleOutsideZeroToOneIsAnError) {
  EXPECT_EQ(error_of(header + "[structure]\nscale = 1.5\n"),
            "test.toml:5: structure.scale = 1.5: expected a share of the national scale, > 0 and <= 1 (e.g. 0.0167 for 1/60)");
  EXPECT_EQ(error_of(header + "[structure]\nscale = \"small\"\n"),
            "test.toml:5: structure.scale = \"small\": expected a share of the national scale, > 0 and <= 1 (e.g. 0.0167 for 1/60)");
}

TEST(ScenarioLoader, TheResolvedTextLoadsBackToTheSameParameters) {
  const auto scenario = testing::load_example("examples/small-chain.toml");
  const auto again = load_scenario_text(scenario.resolved_text(), "resolved.toml", examples);
  for (const auto& spec : parameter_table()) {
    EXPECT_EQ(get_parameter(again, spec.key), get_parameter(scenario, spec.key)) << spec.key;
  }
}

TEST(ScenarioLoader, EveryDefaultHasAUnitAndASource) {
  for (const auto& spec : parameter_table()) {
    EXPECT_FALSE(spec.unit.empty()) << spec.key;
    EXPECT_FALSE(spec.source.empty()) << spec.key;
    if (std::isnan(spec.default_value)) {
      // No number: the value is derived when the scenario is used, and the source says how.
      EXPECT_EQ(spec.source.rfind("derived", 0), 0u) << spec.key;
      continue;
    }
    EXPECT_GE(spec.default_value, spec.min) << spec.key;
    EXPECT_LE(spec.default_value, spec.max) << spec.key;
  }
}

}  // namespace
}  // namespace ketensim::model
