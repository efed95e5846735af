// SPDX-License-Identifier: MIT
// Unit tests of sim/statistics.h. Reference values are from printed Student-t and normal
// tables, or were computed from the definitions in 30-digit arithmetic (mpmath), never by
// the code under test.
#include "sim/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ketensim::sim {
namespace {

template <typename F>
std::string invalid_argument_message(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no std::invalid_argument thrown)";
}

SufficientStats stats_of(const std::vector<double>& xs) {
  SufficientStats s;
  for (const double x : xs) s.add(x);
  return s;
}

// --- SufficientStats ------------------------------------------------------------------

TEST(SufficientStats, MeanAndSampleVarianceMatchTheTextbookExample) {
  // Sum of squared deviations from the mean 5 is 32, so the n-1 variance is 32/7.
  const SufficientStats s = stats_of({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(s.count, 8u);
  EXPECT_DOUBLE_EQ(s.sum, 40.0);
  EXPECT_DOUBLE_EQ(s.sum_sq, 232.0);
  EXPECT_DOUBLE_EQ(s.mean(), 5.0);
  EXPECT_NEAR(s.variance(), 32.0 / 7.0, 1e-14);
}

TEST(SufficientStats, NanObservationsAreSkipped) {
  SufficientStats s = stats_of({1.0, std::numeric_limits<double>::quiet_NaN(), 3.0});
  EXPECT_EQ(s.count, 2u);
  EXPECT_DOUBLE_EQ(s.mean(), 2.0);
  EXPECT_DOUBLE_EQ(s.variance(), 2.0);
}

TEST(SufficientStats, MergingTwoHalvesEqualsAddingEverything) {
  const std::vector<double> all = {0.5, 1.5, 2.25, 8.0, 3.0, 4.75, 6.5};
  SufficientStats left = stats_of({0.5, 1.5, 2.25});
  const SufficientStats right = stats_of({8.0, 3.0, 4.75, 6.5});
  left.merge(right);
  const SufficientStats whole = stats_of(all);
  EXPECT_EQ(left.count, whole.count);
  EXPECT_DOUBLE_EQ(left.sum, whole.sum);
  EXPECT_DOUBLE_EQ(left.sum_sq, whole.sum_sq);
  EXPECT_DOUBLE_EQ(left.variance(), whole.variance());
}

TEST(SufficientStats, MergingAnEmptySampleChangesNothing) {
  SufficientStats s = stats_of({1.0, 2.0});
  s.merge(SufficientStats{});
  EXPECT_EQ(s.count, 2u);
  EXPECT_DOUBLE_EQ(s.mean(), 1.5);
}

TEST(SufficientStats, MeanOfNothingAndVarianceOfOneObservationAreUndefined) {
  EXPECT_TRUE(std::isnan(SufficientStats{}.mean()));
  EXPECT_TRUE(std::isnan(stats_of({4.0}).variance()));
}

TEST(SufficientStats, VarianceOfAConstantSampleIsExactlyZeroNotNegative) {
  // 0.1 is not representable, so sum_sq - sum^2/n rounds to a tiny value of either sign.
  const SufficientStats s = stats_of(std::vector<double>(1000, 0.1));
  EXPECT_GE(s.variance(), 0.0);
  EXPECT_LT(s.variance(), 1e-15);
}

// --- Student t and normal quantiles ---------------------------------------------------

struct TableEntry {
  double p;
  double df;
  double t;  // printed to 6 decimals
};

TEST(StudentTQuantile, MatchesPrintedTablesToSixDecimals) {
  const TableEntry table[] = {
      {0.975, 4, 2.776445},  {0.995, 9, 3.249836},  {0.975, 1, 12.706205}, {0.90, 1, 3.077684},
      {0.95, 1, 6.313752},   {0.995, 1, 63.656741}, {0.975, 2, 4.302653},  {0.995, 2, 9.924843},
      {0.975, 3, 3.182446},  {0.95, 5, 2.015048},   {0.95, 10, 1.812461},  {0.99, 20, 2.527977},
      {0.975, 30, 2.042272}, {0.975, 120, 1.979930}, {0.90, 60, 1.295821}, {0.975, 7, 2.364624},
  };
  for (const auto& e : table) {
    EXPECT_NEAR(student_t_quantile(e.p, e.df), e.t, 1e-6) << "p=" << e.p << " df=" << e.df;
  }
}

TEST(StudentTQuantile, IsTheExactInverseOfTheDistributionFunction) {
  for (const double level : {0.90, 0.95, 0.99}) {
    const double p = 0.5 * (1.0 + level);
    for (double df = 1; df <= 200; ++df) {
      const double t = student_t_quantile(p, df);
      EXPECT_NEAR(student_t_cdf(t, df), p, 1e-13) << "p=" << p << " df=" << df;
    }
  }
}

TEST(StudentTQuantile, ClosedFormsForOneAndTwoDegreesOfFreedomAgreeWithTheCdf) {
  // df = 1 and 2 use closed forms; the cdf goes through the incomplete beta, so this
  // checks the two paths against each other.
  for (const double p : {0.6, 0.9, 0.975, 0.999, 1e-6}) {
    EXPECT_NEAR(student_t_cdf(student_t_quantile(p, 1.0), 1.0), p, 1e-13 * std::max(1.0, 1.0 / p));
    EXPECT_NEAR(student_t_cdf(student_t_quantile(p, 2.0), 2.0), p, 1e-13);
  }
}

TEST(StudentTQuantile, IsAntisymmetricAroundTheMedian) {
  for (const double df : {1.0, 3.0, 12.5, 400.0}) {
    EXPECT_DOUBLE_EQ(student_t_quantile(0.5, df), 0.0);
    EXPECT_NEAR(student_t_quantile(0.025, df), -student_t_quantile(0.975, df), 1e-12);
  }
}

TEST(StudentTQuantile, ApproachesTheNormalQuantileAsDegreesOfFreedomGrow) {
  const double z = normal_quantile(0.975);
  EXPECT_DOUBLE_EQ(student_t_quantile(0.975, std::numeric_limits<double>::infinity()), z);
  // t_{0.975, 1e6} = 1.959966356814107 (30-digit arithmetic).
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.959966356814107, 1e-9);
}

TEST(StudentTQuantile, RejectsProbabilitiesOutsideTheOpenUnitIntervalAndNonPositiveDf) {
  EXPECT_EQ(invalid_argument_message([] { student_t_quantile(1.0, 3.0); }),
            "student_t_quantile: p(=1) must be in (0, 1)");
  EXPECT_EQ(invalid_argument_message([] { student_t_quantile(0.9, 0.0); }),
            "student_t_quantile: df(=0) must be > 0");
}

TEST(NormalQuantile, MatchesKnownValuesToFullPrecision) {
  EXPECT_NEAR(normal_quantile(0.975), 1.9599639845400542, 1e-15);
  EXPECT_NEAR(normal_quantile(0.995), 2.5758293035489008, 1e-15);
  EXPECT_NEAR(normal_quantile(0.9), 1.2815515655446005, 1e-15);
  EXPECT_NEAR(normal_quantile(0.001), -3.0902323061678135, 1e-14);
  EXPECT_NEAR(normal_quantile(1e-10), -6.3613409024040559, 1e-13);
  EXPECT_DOUBLE_EQ(normal_quantile(0.5), 0.0);
}

TEST(NormalQuantile, IsAntisymmetricAndRejectsZero) {
  EXPECT_DOUBLE_EQ(normal_quantile(0.3), -normal_quantile(0.7));
  EXPECT_EQ(invalid_argument_message([] { normal_quantile(0.0); }),
            "normal_quantile: p(=0) must be in (0, 1)");
}

// --- Confidence intervals -------------------------------------------------------------

TEST(ConfidenceInterval, UsesStudentTWithNMinusOneDegreesOfFreedom) {
  // s^2 = 32/7, n = 8: half widths t_{0.975,7} * s / sqrt(8) and t_{0.95,7} * s / sqrt(8).
  const SufficientStats s = stats_of({2, 4, 4, 4, 5, 5, 7, 9});
  const ConfidenceInterval ci95 = confidence_interval(s, 0.95);
  EXPECT_EQ(ci95.n, 8u);
  EXPECT_DOUBLE_EQ(ci95.mean, 5.0);
  EXPECT_NEAR(ci95.half_width, 1.78748791824, 1e-10);
  EXPECT_DOUBLE_EQ(ci95.low, ci95.mean - ci95.half_width);
  EXPECT_DOUBLE_EQ(ci95.high, ci95.mean + ci95.half_width);
  EXPECT_NEAR(confidence_interval(s, 0.90).half_width, 1.43216680809, 1e-10);
}

TEST(ConfidenceInterval, IsUnboundedWithFewerThanTwoObservations) {
  const ConfidenceInterval one = confidence_interval(stats_of({3.0}), 0.95);
  EXPECT_EQ(one.n, 1u);
  EXPECT_DOUBLE_EQ(one.mean, 3.0);
  EXPECT_TRUE(std::isinf(one.half_width) && one.half_width > 0);
  EXPECT_TRUE(std::isinf(one.low) && one.low < 0);
  EXPECT_TRUE(std::isinf(one.high) && one.high > 0);
  EXPECT_TRUE(std::isinf(confidence_interval(SufficientStats{}, 0.95).half_width));
}

TEST(ConfidenceInterval, RejectsALevelOutsideTheOpenUnitInterval) {
  EXPECT_EQ(invalid_argument_message([] { confidence_interval(stats_of({1, 2}), 95.0); }),
            "confidence_interval: level(=95) must be in (0, 1)");
}

// --- Sample quantiles -----------------------------------------------------------------

TEST(Quantile, InterpolatesLinearlyBetweenOrderStatisticsLikeNumpy) {
  // numpy.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 0.9, 1]) = [1, 1.75, 2.5, 3.7, 4].
  const std::vector<double> v = {4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(quantile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 2.5);
  EXPECT_NEAR(quantile(v, 0.9), 3.7, 1e-15);
  EXPECT_DOUBLE_EQ(quantile(v, 1.0), 4.0);
  // Sorted {1, 3, 5, 7, 10}: h = 1.2, so 3 + 0.2 * (5 - 3).
  EXPECT_NEAR(quantile({10, 1, 7, 3, 5}, 0.3), 3.4, 1e-15);
}

TEST(Quantile, OfASingleValueIsThatValue) { EXPECT_DOUBLE_EQ(quantile({42.0}, 0.73), 42.0); }

TEST(Median, IsTheMiddleValueOrTheMeanOfTheTwoMiddleValues) {
  EXPECT_DOUBLE_EQ(median({5, 1, 9}), 5.0);
  EXPECT_DOUBLE_EQ(median({5, 1, 9, 2}), 3.5);
  EXPECT_DOUBLE_EQ(median({2, 2, 2, 2}), 2.0);
}

TEST(Quantile, RejectsEmptySamplesOutOfRangeProbabilitiesAndNan) {
  EXPECT_EQ(invalid_argument_message([] { quantile({}, 0.5); }), "quantile: values must not be empty");
  EXPECT_EQ(invalid_argument_message([] { quantile({1.0}, 1.5); }), "quantile: p(=1.5) must be in [0, 1]");
  EXPECT_EQ(invalid_argument_message([] { quantile({1.0, std::nan(""), 2.0}, 0.5); }),
            "quantile: values[1] is NaN");
}

}  // namespace
}  // namespace ketensim::sim

namespace {
ketensim::sim::SufficientStats sample_of(const std::vector<double>& values) {
  ketensim::sim::SufficientStats stats;
  for (const double x : values) stats.add(x);
  return stats;
}
}  // namespace

TEST(BoundedConfidenceInterval, StaysAboveZeroWhereStudentsGoesBelow) {
  using namespace ketensim::sim;
  const auto stats = sample_of({0.2, 0.5, 40.0});  // a wait that exploded in one replication
  const auto plain = confidence_interval(stats, 0.95);
  ASSERT_LT(plain.low, 0.0);
  const auto bounded = bounded_confidence_interval(stats, 0.95, Bounds::non_negative);
  EXPECT_GT(bounded.low, 0.0);
  EXPECT_GT(bounded.high, bounded.mean);
  EXPECT_DOUBLE_EQ(bounded.mean, plain.mean);
  EXPECT_DOUBLE_EQ(bounded.half_width, plain.half_width);
  // The log scale: the mean is the geometric centre of the interval.
  EXPECT_NEAR(bounded.low * bounded.high, bounded.mean * bounded.mean, 1e-9 * bounded.mean * bounded.mean);
  EXPECT_TRUE(interval_is_rough(bounded));
}

TEST(BoundedConfidenceInterval, KeepsASharewithinZeroAndOne) {
  using namespace ketensim::sim;
  const auto stats = sample_of({0.05, 0.9, 0.98});
  ASSERT_GT(confidence_interval(stats, 0.95).high, 1.0);
  ASSERT_LT(confidence_interval(stats, 0.95).low, 0.0);
  const auto bounded = bounded_confidence_interval(stats, 0.95, Bounds::unit_interval);
  EXPECT_GT(bounded.low, 0.0);
  EXPECT_LT(bounded.high, 1.0);
  EXPECT_LT(bounded.low, bounded.mean);
  EXPECT_GT(bounded.high, bounded.mean);
}

TEST(BoundedConfidenceInterval, ApproachesStudentsWhenTheSpreadIsSmall) {
  using namespace ketensim::sim;
  std::vector<double> values;
  for (int i = 0; i < 40; ++i) values.push_back(100.0 + (i % 5) * 0.1);
  const auto stats = sample_of(values);
  const auto plain = confidence_interval(stats, 0.95);
  const auto bounded = bounded_confidence_interval(stats, 0.95, Bounds::non_negative);
  EXPECT_NEAR(bounded.low, plain.low, 1e-3 * plain.half_width + 1e-6);
  EXPECT_NEAR(bounded.high, plain.high, 1e-3 * plain.half_width + 1e-6);
  EXPECT_FALSE(interval_is_rough(bounded));
}

TEST(BoundedConfidenceInterval, OnItsBoundOrFromOneValue) {
  using namespace ketensim::sim;
  const auto zeros = bounded_confidence_interval(sample_of({0, 0, 0}), 0.95, Bounds::non_negative);
  EXPECT_EQ(zeros.low, 0.0);
  EXPECT_EQ(zeros.high, 0.0);
  const auto ones = bounded_confidence_interval(sample_of({1, 1}), 0.95, Bounds::unit_interval);
  EXPECT_EQ(ones.low, 1.0);
  EXPECT_EQ(ones.high, 1.0);
  const auto one = bounded_confidence_interval(sample_of({0.4}), 0.95, Bounds::unit_interval);
  EXPECT_EQ(one.low, 0.0);
  EXPECT_EQ(one.high, 1.0);
}

TEST(IntervalExcludesZero, OnlyWhenWhollyOnOneSide) {
  using namespace ketensim::sim;
  EXPECT_TRUE(interval_excludes_zero(confidence_interval(sample_of({1.0, 1.1, 0.9}), 0.95)));
  EXPECT_TRUE(interval_excludes_zero(confidence_interval(sample_of({-1.0, -1.1, -0.9}), 0.95)));
  EXPECT_FALSE(interval_excludes_zero(confidence_interval(sample_of({-1.0, 1.1, 0.2}), 0.95)));
  EXPECT_FALSE(interval_excludes_zero(confidence_interval(sample_of({1.0}), 0.95)));
}
