// SPDX-License-Identifier: MIT
// The mentor index finds the colleague the walk over the pool found (docs/workforce.md).
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <vector>

#include "models/mentor_index.h"

namespace ketensim::model {
namespace {

// The walk the index replaces: the next position after `own`, wrapping round, whose
// permanent holder has served at least the ramp-up.
std::optional<std::size_t> walk(const std::vector<std::optional<double>>& started, std::size_t own, double now, double ramp) {
  for (std::size_t step = 1; step < started.size(); ++step) {
    const std::size_t other = (own + step) % started.size();
    if (started[other] && now - *started[other] >= ramp) return other;
  }
  return std::nullopt;
}

TEST(MentorIndex, FindsTheColleagueTheWalkOverThePoolFinds) {
  std::mt19937_64 random(14);
  for (const std::size_t positions : {1, 2, 3, 7, 64, 100}) {
    MentorIndex index(positions);
    std::vector<std::optional<double>> started(positions);
    for (int change = 0; change < 2000; ++change) {
      const std::size_t position = random() % positions;
      // Vacant or temporary a third of the time; start dates near the boundary often.
      started[position] = random() % 3 == 0 ? std::nullopt : std::optional<double>(static_cast<double>(random() % 400) - 200.0);
      index.set(position, started[position]);
      const std::size_t own = random() % positions;
      const double now = static_cast<double>(random() % 200);
      EXPECT_EQ(index.next_experienced(own, now, 180.0), walk(started, own, now, 180.0))
          << positions << " positions, change " << change;
    }
  }
}

TEST(MentorIndex, NeverPicksThePositionItself) {
  MentorIndex index(3);
  index.set(1, -500.0);
  EXPECT_EQ(index.next_experienced(1, 0.0, 180.0), std::nullopt);
  EXPECT_EQ(index.next_experienced(2, 0.0, 180.0), std::optional<std::size_t>(1));
}

}  // namespace
}  // namespace ketensim::model
