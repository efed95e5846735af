// SPDX-License-Identifier: MIT
// The Kaplan-Meier estimator (sim/kaplan_meier.h): a hand-computed example, an exponential
// sample whose median and restricted mean are known, and what censoring changes.
#include "sim/kaplan_meier.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/random.h"

namespace ketensim::sim {
namespace {

// Six subjects: events at 1, 3, 3, 5; censored at 2 and 4. By hand:
//   t = 1: 6 at risk, 1 event  -> S = 5/6
//   t = 2: censored             -> 4 at risk
//   t = 3: 4 at risk, 2 events -> S = 5/6 x 2/4 = 5/12
//   t = 4: censored             -> 1 at risk
//   t = 5: 1 at risk, 1 event  -> S = 0
// Restricted mean to 5: 1 x 1 + 5/6 x 2 + 5/12 x 2 = 3.5; to 4: 1 + 5/3 + 5/12 x 1.
TEST(KaplanMeier, AHandComputedExample) {
  const KaplanMeier km({{3, true}, {2, false}, {1, true}, {5, true}, {4, false}, {3, true}});
  ASSERT_EQ(km.event_times(), (std::vector<double>{1, 3, 5}));
  EXPECT_DOUBLE_EQ(km.survival_after()[0], 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(km.survival_after()[1], 5.0 / 12.0);
  EXPECT_DOUBLE_EQ(km.survival_after()[2], 0.0);
  EXPECT_DOUBLE_EQ(km.survival(0.5), 1.0);
  EXPECT_DOUBLE_EQ(km.survival(2.5), 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(km.survival(3.0), 5.0 / 12.0);
  EXPECT_DOUBLE_EQ(km.median(), 3.0);
  EXPECT_DOUBLE_EQ(km.restricted_mean(5), 3.5);
  EXPECT_DOUBLE_EQ(km.restricted_mean(4), 1.0 + 5.0 / 3.0 + 5.0 / 12.0);
  EXPECT_DOUBLE_EQ(km.restricted_mean(0.5), 0.5);
  EXPECT_EQ(km.subjects(), 6u);
  EXPECT_EQ(km.events(), 4u);
}

TEST(KaplanMeier, AtATieEventsComeBeforeCensorings) {
  // At t = 2 one event and one censoring: both were at risk, so S(2) = 1 - 1/2.
  const KaplanMeier km({{2, false}, {2, true}});
  EXPECT_DOUBLE_EQ(km.survival(2), 0.5);
  EXPECT_DOUBLE_EQ(km.median(), 2.0);
}

TEST(KaplanMeier, WithoutCensoringTheRestrictedMeanIsTheSampleMean) {
  const std::vector<double> times = {0.5, 2, 2, 7, 11.5};
  std::vector<FollowUp> sample;
  for (const double t : times) sample.push_back({t, true});
  const KaplanMeier km(sample);
  EXPECT_NEAR(km.restricted_mean(100), (0.5 + 2 + 2 + 7 + 11.5) / 5, 1e-12);
  EXPECT_DOUBLE_EQ(km.median(), 2.0);
}

TEST(KaplanMeier, TheMedianIsUnknownWhenMostAreStillWaiting) {
  const KaplanMeier km({{1, true}, {3, false}, {3, false}, {3, false}});
  EXPECT_TRUE(std::isnan(km.median()));
  EXPECT_DOUBLE_EQ(km.restricted_mean(3), 1 + 0.75 * 2);
  EXPECT_TRUE(std::isnan(KaplanMeier({}).restricted_mean(1)));
}

// T ~ exponential with mean m, censored by an independent uniform on (0, c): the median is
// m ln 2 and the mean restricted to h is m (1 - exp(-h / m)); half the subjects are censored.
TEST(KaplanMeier, AnExponentialSampleGivesTheKnownMedianAndRestrictedMean) {
  const double m = 30, c = 90, h = 60;
  RandomStream stream(StreamKey(2026).with("kaplan-meier"));
  std::vector<FollowUp> sample;
  double censored = 0, completed_sum = 0, completed = 0;
  for (int i = 0; i < 40000; ++i) {
    const double t = stream.exponential(m);
    const double stop = c * stream.uniform();
    sample.push_back({std::min(t, stop), t <= stop});
    if (t > stop) censored += 1;
    if (t <= stop) completed_sum += t, completed += 1;
  }
  ASSERT_GT(censored / 40000, 0.3);  // the censoring is heavy enough to matter
  const KaplanMeier km(sample);
  EXPECT_NEAR(km.median(), m * std::log(2.0), 0.03 * m * std::log(2.0));
  const double expected = m * (1 - std::exp(-h / m));
  EXPECT_NEAR(km.restricted_mean(h), expected, 0.02 * expected);
  // Leaving the censored out (the mean of the completed only) is biased low: the flaw the
  // estimator is for.
  EXPECT_LT(completed_sum / completed, 0.8 * m);
}

}  // namespace
}  // namespace ketensim::sim
