// SPDX-License-Identifier: MIT
// A run split over processes (`ketensim run --first-replication K`, used by the Python
// package to run replications in parallel) gives each replication the same result as the
// same index in a single run.
#include <gtest/gtest.h>

#include "models/scenario.h"
#include "models/simulation.h"
#include "support/expect_equal_results.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

Scenario short_small_chain(double replications) {
  Scenario scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "run.years", 1.0, "test");
  set_parameter(scenario, "run.replications", replications, "test");
  return scenario;
}

TEST(FirstReplication, ReplicationsRunFromAnIndexEqualTheSameIndicesOfASingleRun) {
  const RunResult whole = run_scenario(short_small_chain(3), RunOptions{});
  RunOptions later;
  later.first_replication = 1;
  const RunResult split = run_scenario(short_small_chain(2), later);
  ASSERT_EQ(whole.replications.size(), 3u);
  ASSERT_EQ(split.replications.size(), 2u);
  EXPECT_EQ(split.replications[0].replication, 1u);
  EXPECT_EQ(split.replications[1].replication, 2u);
  testing::expect_equal(split.replications[0], whole.replications[1], false);
  testing::expect_equal(split.replications[1], whole.replications[2], false);
}

TEST(FirstReplication, TheDefaultStartsAtReplicationZero) {
  const RunResult run = run_scenario(short_small_chain(1), RunOptions{});
  ASSERT_EQ(run.replications.size(), 1u);
  EXPECT_EQ(run.replications[0].replication, 0u);
}

}  // namespace
}  // namespace ketensim::model
