// SPDX-License-Identifier: MIT
// How long measures hold a guardian and a care place, against direct sums and a Monte Carlo.
#include "models/analytic/holding_times.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "models/parameter_table.h"

namespace ketensim::model::analytic {
namespace {

Parameters measures() {
  Parameters p = default_parameters();
  p.gi.ots_term_days = 365;
  p.gi.share_ots_extended = 0.6;
  p.gi.vots_term_days = 90;
  p.gi.share_vots_to_ots = 0.8;
  p.gi.guardianship_days_mean = 2000;
  p.gi.youth_probation_days_mean = 400;
  p.gi.care_request_days_mean = 28;
  return p;
}

TEST(HoldingTimes, AnOtsLastsItsTermOverTheShareNotExtended) {
  const Parameters p = measures();
  EXPECT_NEAR(measure_days_mean(p, GiMeasure::ots), 365.0 / 0.4, 1e-9);
  EXPECT_NEAR(measure_days_mean(p, GiMeasure::provisional_ots), 90.0 + 0.8 * 365.0 / 0.4, 1e-9);
  EXPECT_NEAR(measure_days_mean(p, GiMeasure::guardianship), 2000.0, 1e-12);
}

TEST(HoldingTimes, AnOtsAlwaysExtendedNeverEnds) {
  Parameters p = measures();
  p.gi.share_ots_extended = 1.0;
  EXPECT_TRUE(std::isinf(measure_days_mean(p, GiMeasure::ots)));
  EXPECT_TRUE(std::isinf(guardian_holding_days(p, GiMeasure::ots, 1.0)));
}

TEST(HoldingTimes, TheLaplaceTransformOfAnOtsIsTheGeometricSumOfItsTerms) {
  const Parameters p = measures();
  const double s = 1.0 / 500.0;
  double direct = 0;
  for (int k = 1; k < 200; ++k) direct += 0.4 * std::pow(0.6, k - 1) * std::exp(-s * 365.0 * k);
  EXPECT_NEAR(measure_laplace(p, GiMeasure::ots, s), direct, 1e-12);
  EXPECT_NEAR(measure_laplace(p, GiMeasure::guardianship, s), 1.0 / (1.0 + s * 2000.0), 1e-15);
}

TEST(HoldingTimes, AGuardianHoldsTheMeasureLessTheHandOver) {
  const Parameters p = measures();
  EXPECT_NEAR(guardian_holding_days(p, GiMeasure::ots, 1.0), 365.0 / 0.4 - 1.0, 1e-9);
  EXPECT_NEAR(guardian_holding_days(p, GiMeasure::guardianship, 1.0), 2000.0 * std::exp(-1.0 / 2000.0), 1e-9);
  // Youth probation starts at the GI: no hand-over.
  EXPECT_NEAR(guardian_holding_days(p, GiMeasure::youth_probation, 1.0), 400.0, 1e-12);
}

TEST(HoldingTimes, OnlyExponentialMeasuresEndWhileAChildWaits) {
  const Parameters p = measures();
  EXPECT_NEAR(abandonment_per_day(p, GiMeasure::guardianship), 1.0 / 2000.0, 1e-15);
  EXPECT_EQ(abandonment_per_day(p, GiMeasure::ots), 0.0);
}

TEST(HoldingTimes, CarePlaceDaysUnderAMeasureMatchAMonteCarloOfRequestCareAndMeasure) {
  // Draw the measure, the request's exponential delay and the exponential care; a place is
  // held from the request's arrival until the care or the measure ends.
  const Parameters p = measures();
  const double care_mean = 730.0;
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> request(1.0 / 28.0), care(1.0 / care_mean);
  std::bernoulli_distribution extended(0.6), converted(0.8);
  for (const GiMeasure measure : {GiMeasure::ots, GiMeasure::provisional_ots}) {
    double place_days = 0, reached = 0;
    const int n = 400000;
    for (int i = 0; i < n; ++i) {
      double length = 0;
      bool goes_on = true;
      if (measure == GiMeasure::provisional_ots) {
        length = 90.0;
        goes_on = converted(rng);
      }
      if (goes_on) {
        length += 365.0;
        while (extended(rng)) length += 365.0;
      }
      const double t = request(rng);
      if (t >= length) continue;
      reached += 1;
      place_days += std::min(care(rng), length - t);
    }
    EXPECT_NEAR(care_request_reaches_care(p, measure), reached / n, 0.003);
    EXPECT_NEAR(care_place_days_under_measure(p, measure, care_mean), place_days / n, 0.01 * place_days / n);
  }
}

TEST(HoldingTimes, WithoutARequestDelayCareEndsAtTheEarlierOfCareAndMeasure) {
  Parameters p = measures();
  p.gi.care_request_days_mean = 0;
  // Exponential care (d) and exponential guardianship (m): E[min] = 1 / (1/d + 1/m).
  EXPECT_NEAR(care_place_days_under_measure(p, GiMeasure::guardianship, 500.0), 1.0 / (1.0 / 500.0 + 1.0 / 2000.0), 1e-9);
  EXPECT_EQ(care_request_reaches_care(p, GiMeasure::ots), 1.0);
}

}  // namespace
}  // namespace ketensim::model::analytic
