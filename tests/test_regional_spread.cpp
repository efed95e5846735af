// SPDX-License-Identifier: MIT
// The regional spread (models/regional_spread.h): units that share a queue count once, and
// the quantiles are weighted by youth population.
#include "models/regional_spread.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "models/comparison.h"
#include "models/simulation.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

TEST(RegionalSpread, RegionsThatShareAPoolAreOneUnit) {
  Region a{"A", "a", "noord", "VT Noord", "RvdK Midden", "GI Noord", 100};
  Region b{"B", "b", "zuid", "VT Zuid", "RvdK Midden", "GI Zuid", 300};
  EXPECT_NE(spread_unit("vt_triage", "baseline", a), spread_unit("vt_triage", "baseline", b));
  EXPECT_EQ(spread_unit("rvdk", "baseline", a), spread_unit("rvdk", "baseline", b));
  EXPECT_NE(spread_unit("rvdk", "regional", a), spread_unit("rvdk", "regional", b));
  EXPECT_EQ(spread_unit("rvdk", "national", a), spread_unit("rvdk", "national", b));
  EXPECT_EQ(spread_unit("vt_investigation", "baseline", a), spread_unit("vt_triage", "baseline", a));
  EXPECT_NE(spread_unit("gi", "national", a), spread_unit("gi", "national", b));  // the GI areas stay regional
}

TEST(RegionalSpread, WeightedQuantilesFollowThePopulation) {
  // Equal weights: the i-th value covers (i - 1) / n .. i / n.
  EXPECT_DOUBLE_EQ(weighted_quantile({{4, 1}, {2, 1}, {3, 1}, {1, 1}}, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(weighted_quantile({{1, 1}, {2, 1}, {3, 1}, {4, 1}}, 0.51), 3.0);
  EXPECT_DOUBLE_EQ(weighted_quantile({{1, 1}, {2, 1}, {3, 1}, {4, 1}}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(weighted_quantile({{1, 1}, {2, 1}, {3, 1}, {4, 1}}, 0.95), 4.0);
  // A heavy unit pulls the quantiles to itself: 90% of the population waits 10 days.
  EXPECT_DOUBLE_EQ(weighted_quantile({{50, 1}, {10, 18}, {0, 1}}, 0.1), 10.0);
  EXPECT_DOUBLE_EQ(weighted_quantile({{50, 1}, {10, 18}, {0, 1}}, 0.9), 10.0);
  EXPECT_TRUE(std::isnan(weighted_quantile({}, 0.5)));
  EXPECT_THROW(weighted_quantile({{1, 1}}, 1.5), std::invalid_argument);
}

TEST(RegionalSpread, TheComparisonCountsASharedPoolOnce) {
  auto base = testing::load_example("examples/small-chain.toml");
  set_parameter(base, "run.replications", 3, "test");
  set_parameter(base, "run.years", 1.5, "test");
  const auto comparison = compare({{"base", base.path, "baseline", run_scenario(base, RunOptions{}), base.regions.regions}});
  int seen = 0;
  for (const auto& spread : comparison.spread.front()) {
    if (spread.stage == "rvdk") {
      EXPECT_EQ(spread.units, 1u) << spread.metric;  // both regions: RvdK Midden
    }
    if (spread.stage == "vt_triage") {
      EXPECT_EQ(spread.units, 2u) << spread.metric;
    }
    if (spread.units >= 2) {
      EXPECT_GE(spread.max_minus_min.mean, spread.p10_to_p90.mean - 1e-12);
      EXPECT_GE(spread.p10_to_p90.low, 0.0);
    }
    ++seen;
  }
  EXPECT_EQ(seen, 2 * static_cast<int>(spread_stages().size()) - 1);  // foster care has no deadline share
}

}  // namespace
}  // namespace ketensim::model
