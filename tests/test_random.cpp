// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cmath>

#include "sim/random.h"

namespace ketensim::sim {
namespace {

TEST(RandomStream, TheSameKeyGivesTheSameDraws) {
  RandomStream a(StreamKey(42).with("family").with(7));
  RandomStream b(StreamKey(42).with("family").with(7));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(RandomStream, AResumedStreamContinuesWhereItStopped) {
  RandomStream whole(StreamKey(1).with(2));
  for (int i = 0; i < 5; ++i) whole.uniform();
  RandomStream resumed(StreamKey(1).with(2), 5);
  EXPECT_EQ(whole.uniform(), resumed.uniform());
}

TEST(RandomStream, KeysDifferingInOnePartGiveDifferentStreams) {
  RandomStream a(StreamKey(42).with("north"));
  RandomStream b(StreamKey(42).with("south"));
  EXPECT_NE(a.next_u64(), b.next_u64());
  EXPECT_NE(StreamKey(1).with(2).with(3).value(), StreamKey(1).with(3).with(2).value());
}

TEST(RandomStream, UniformsAreStrictlyInsideTheUnitInterval) {
  RandomStream s(StreamKey(9));
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = s.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.005);
}

TEST(RandomStream, GammaAndLognormalHaveTheRequestedMeanAndSpread) {
  RandomStream s(StreamKey(3));
  for (const double cv : {0.3, 1.0, 2.0}) {
    double sum = 0;
    double sum_sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const double x = s.gamma(5.0, cv);
      sum += x;
      sum_sq += x * x;
    }
    const double mean = sum / n;
    const double sd = std::sqrt(sum_sq / n - mean * mean);
    EXPECT_NEAR(mean, 5.0, 0.05 * (1 + cv)) << cv;
    EXPECT_NEAR(sd / mean, cv, 0.05 * (1 + cv)) << cv;
  }
  double sum = 0;
  for (int i = 0; i < 200000; ++i) sum += s.lognormal(3.0, 0.5);
  EXPECT_NEAR(sum / 200000, 3.0, 0.03);
}

}  // namespace
}  // namespace ketensim::sim
