// SPDX-License-Identifier: MIT
// A GI under pressure extends fewer OTS (gi.extension_cut_per_pressure, docs/model.md).
#include <gtest/gtest.h>

#include "models/scenario.h"
#include "models/simulation.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

using testing::kpi;

double extended_share(double cut_per_pressure, double gi_fte) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "run.years", 3, "test");
  set_parameter(scenario, "gi.fte", gi_fte, "test");
  set_parameter(scenario, "gi.extension_cut_per_pressure", cut_per_pressure, "test");
  return kpi(run_replication(scenario, 0, RunOptions{}), "share_ots_extended", "chain");
}

TEST(GiPressureResponse, APressedGiExtendsFewerMeasures) {
  const double fte = get_parameter(testing::load_example("examples/small-chain.toml"), "gi.fte");
  // At 70% of its staff the GI's guardians carry well above the norm.
  const double off = extended_share(0, 0.7 * fte);
  const double on = extended_share(1, 0.7 * fte);
  EXPECT_LT(on, off - 0.05);
}

TEST(GiPressureResponse, IsOffByDefaultAsNoFigureIsPublished) {
  const auto scenario = testing::load_example("examples/small-chain.toml");
  EXPECT_EQ(get_parameter(scenario, "gi.extension_cut_per_pressure"), 0.0);
}

}  // namespace
}  // namespace ketensim::model
