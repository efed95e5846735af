// SPDX-License-Identifier: MIT
// The settling flag per national waiting list (models/settling.h) on the small chain: its
// default settles, 20% fewer RvdK staff does not (at the RvdK).
#include "models/settling.h"

#include <gtest/gtest.h>

#include "models/simulation.h"
#include "support/scenario_files.h"
#include "support/without_settling_mechanisms.h"

namespace ketensim::model {
namespace {

std::vector<SettlingFlag> flags_of(Scenario scenario) {
  set_parameter(scenario, "run.replications", 4, "test");
  set_parameter(scenario, "run.years", 6, "test");  // past the initial stock's transient
  return settling_flags(run_scenario(scenario, RunOptions{}));
}

TEST(Settling, TheDefaultSettlesAndTwentyPercentFewerRvdkStaffDoesNot) {
  const Scenario base = testing::load_example("examples/small-chain.toml");
  const auto settled = flags_of(base);
  ASSERT_EQ(settled.size(), trend_stages().size());
  for (const auto& flag : settled) EXPECT_TRUE(flag.verdict.settles) << flag.stage << ": +" << flag.verdict.slope_mean;
  Scenario fewer = base;
  // With withdrawal the Board's list settles at any load (a longer list); without it, 20%
  // fewer staff make it grow.
  testing::without_settling_mechanisms(fewer);
  set_parameter(fewer, "rvdk.fte", 0.8 * get_parameter(base, "rvdk.fte"), "test");
  // The Board's two classes share its staff. Protection cases that wait too long escalate
  // and jump the list, so the growth shows in the other cases; the protection list may even
  // shed its initial backlog meanwhile.
  bool board_drifts = false;
  for (const auto& flag : flags_of(fewer)) {
    if (flag.stage != "rvdk" && flag.stage != "rvdk_other") continue;
    board_drifts = board_drifts || (!flag.verdict.settles && flag.verdict.slope_mean > 0);
  }
  EXPECT_TRUE(board_drifts) << "20% fewer Board staff without withdrawal: the Board's lists should grow";
}

TEST(Settling, NoFlagFromOneReplication) {
  Scenario one = testing::load_example("examples/small-chain.toml");
  set_parameter(one, "run.replications", 1, "test");
  set_parameter(one, "run.years", 1, "test");
  EXPECT_TRUE(settling_flags(run_scenario(one, RunOptions{})).empty());
}

}  // namespace
}  // namespace ketensim::model
