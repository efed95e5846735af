// SPDX-License-Identifier: MIT
// Planning a sweep: the Latin hypercube, the order and seeds of points, and the command
// each point runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "models/scenario_error.h"
#include "sweep/latin_hypercube.h"
#include "sweep/point_task.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_spec.h"
#include "tests/support/scenario_files.h"

namespace {

using namespace ketensim::sweep;

SweepSpec load(const std::string& body) {
  return load_sweep_spec_text(
      "format_version = 1\nkind = \"sweep\"\nscenario = \"../examples/small-chain.toml\"\n" + body, "spec.toml",
      ketensim::testing::scenario_path("sweeps"));
}

}  // namespace

TEST(LatinHypercube, EveryStratumHoldsExactlyOnePoint) {
  for (const std::uint32_t n : {1U, 2U, 7U, 100U}) {
    const std::vector<double> column = latin_hypercube_column(n, 42, "gi.fte");
    ASSERT_EQ(column.size(), n);
    std::set<std::uint32_t> strata;
    for (const double u : column) {
      ASSERT_GE(u, 0.0);
      ASSERT_LT(u, 1.0);
      strata.insert(static_cast<std::uint32_t>(std::floor(u * n)));
    }
    EXPECT_EQ(strata.size(), n);
  }
}

TEST(LatinHypercube, TheSampleDependsOnlyOnSeedAndName) {
  EXPECT_EQ(latin_hypercube_column(20, 1, "gi.fte"), latin_hypercube_column(20, 1, "gi.fte"));
  EXPECT_NE(latin_hypercube_column(20, 1, "gi.fte"), latin_hypercube_column(20, 2, "gi.fte"));
  EXPECT_NE(latin_hypercube_column(20, 1, "gi.fte"), latin_hypercube_column(20, 1, "rvdk.fte"));
}

TEST(SweepPlan, GridFactorsCrossInFileOrderWithTheLastFastestAndSamplesFastestOfAll) {
  const SweepSpec spec = load(
      "[factors]\n\"gi.fte\" = { values = [30, 40] }\n\"vt.fte\" = { values = [15, 19, 23] }\n"
      "\"rvdk.fte\" = { min = 10, max = 20 }\n[latin_hypercube]\npoints = 2\nseed = 5\n");
  const std::vector<Point> points = plan_points(spec);
  ASSERT_EQ(points.size(), 12U);
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].index, i);
    EXPECT_EQ(points[i].values[0], (i / 6 == 0 ? 30 : 40));
    EXPECT_EQ(points[i].values[1], (std::vector<double>{15, 19, 23}[(i / 2) % 3]));
    // The same two Latin hypercube samples in every grid cell.
    EXPECT_EQ(points[i].values[2], points[i % 2].values[2]);
  }
  EXPECT_NE(points[0].values[2], points[1].values[2]);
}

TEST(SweepPlan, AddingAFactorLeavesTheOtherFactorsSamplesAsTheyWere) {
  const SweepSpec one =
      load("[factors]\n\"rvdk.fte\" = { min = 10, max = 20 }\n[latin_hypercube]\npoints = 5\nseed = 3\n");
  const SweepSpec two = load(
      "[factors]\n\"rvdk.fte\" = { min = 10, max = 20 }\n\"gi.fte\" = { min = 30, max = 40 }\n"
      "[latin_hypercube]\npoints = 5\nseed = 3\n");
  const auto a = plan_points(one);
  const auto b = plan_points(two);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(a[i].values[0], b[i].values[0]);
}

TEST(SweepPlan, PointSeedsAreTheBaseSeedPlusTheIndexOrCommon) {
  const auto separate = plan_points(load("seed = 500\n[factors]\n\"gi.fte\" = { values = [30, 40, 50] }\n"));
  EXPECT_EQ(separate[0].seed, 500U);
  EXPECT_EQ(separate[2].seed, 502U);
  const auto common = plan_points(
      load("seed = 500\ncommon_random_numbers = true\n[factors]\n\"gi.fte\" = { values = [30, 40, 50] }\n"));
  for (const Point& point : common) EXPECT_EQ(point.seed, 500U);
}

TEST(SweepPlan, SampledValuesOfWholeNumberKeysAreRounded) {
  SweepSpec spec = load("[factors]\n\"gi.fte\" = { min = 10, max = 20 }\n[latin_hypercube]\npoints = 9\nseed = 1\n");
  spec.factors[0].integer = true;  // no numeric key of today's table is whole-number only
  for (const Point& point : plan_points(spec)) {
    EXPECT_EQ(point.values[0], std::round(point.values[0]));
    EXPECT_GE(point.values[0], 10);
    EXPECT_LE(point.values[0], 20);
  }
}

TEST(SweepPlan, ValuesAreWrittenSoTheyReadBackExactly) {
  for (const double value : {37.0, 0.1, 1.0 / 3.0, 2358.8966416279536, 1e-300, -5.0}) {
    EXPECT_EQ(std::strtod(format_value(value).c_str(), nullptr), value) << format_value(value);
  }
  EXPECT_EQ(format_value(37), "37");
  EXPECT_EQ(format_value(0.35), "0.35");
}

TEST(SweepPlan, RunFilesAreNumberedWithAtLeastFourDigits) {
  Point point;
  point.index = 7;
  EXPECT_EQ(run_file_name(point, 12), "points/0007.h5");
  EXPECT_EQ(run_file_name(point, 123456), "points/000007.h5");
}

TEST(SweepPlan, APointRunsKetensimRunWithItsSeedSettingsAndValues) {
  const SweepSpec spec = load("replications = 2\nyears = 1.5\n[factors]\n\"gi.fte\" = { values = [30.5] }\n");
  const auto points = plan_points(spec);
  const std::vector<std::string> words = run_arguments(spec, points[0], "/bin/ketensim", "/out/points/0000.h5");
  const std::vector<std::string> expected = {"/bin/ketensim",
                                             "run",
                                             ketensim::testing::scenario_path("examples/small-chain.toml"),
                                             "--seed",
                                             "7",
                                             "-r",
                                             "2",
                                             "--years",
                                             "1.5",
                                             "--engine",
                                             "native",
                                             "--set",
                                             "gi.fte=30.5",
                                             "-o",
                                             "/out/points/0000.h5",
                                             "--force",
                                             "-q",
                                             "-j",
                                             "1"};
  EXPECT_EQ(words, expected);
}

TEST(SweepPlan, AVariedRunLengthIsNotAlsoFixedOnTheCommandLine) {
  const SweepSpec spec = load("[factors]\n\"run.years\" = { values = [1, 2] }\n");
  const auto words = run_arguments(spec, plan_points(spec)[1], "k", "o.h5");
  EXPECT_EQ(std::find(words.begin(), words.end(), "--years"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "run.years=2"), words.end());
}

TEST(SweepPlan, APointsScenarioIsCheckedLikeARunsOverrides) {
  const SweepSpec spec = load("[factors]\n\"gi.fte\" = { values = [40, -5] }\n");
  const auto points = plan_points(spec);
  EXPECT_DOUBLE_EQ(ketensim::model::get_parameter(point_scenario(spec, points[0]), "gi.fte"), 40.0);
  try {
    point_scenario(spec, points[1]);
    FAIL() << "an invalid value was accepted";
  } catch (const ketensim::model::ScenarioError& e) {
    EXPECT_STREQ(e.what(), "point 1: gi.fte = -5: must be >= 0 (FTE)");
  }
}

TEST(PointTask, TasksAndOutcomesSurviveTheTripBetweenRanks) {
  const PointTask task{42, {"/bin/ketensim", "run", "a b:c", "--set", "x=1\n2", ""}, "/out/points/0042.h5"};
  const PointTask back = decode_task(encode(task));
  EXPECT_EQ(back.index, 42U);
  EXPECT_EQ(back.command, task.command);
  EXPECT_EQ(back.run_file, task.run_file);
  const PointOutcome outcome{7, false, "error: --set: gi.fte = -5: must be >= 0 (FTE)\n12:34"};
  const PointOutcome returned = decode_outcome(encode(outcome));
  EXPECT_EQ(returned.index, 7U);
  EXPECT_FALSE(returned.ok);
  EXPECT_EQ(returned.error, outcome.error);
  EXPECT_THROW(decode_outcome("3:abc"), std::runtime_error);
}
