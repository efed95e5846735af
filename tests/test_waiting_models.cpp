// SPDX-License-Identifier: MIT
// The queueing approximations of the analytic model against their exact special cases.
#include "models/analytic/waiting_models.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/queueing_theory.h"

namespace ketensim::model::analytic {
namespace {

TEST(CaseloadPool, WithACapOfOneChildPerWorkerItIsMmc) {
  // 3 workers of 1 hour a day, 5 hours per child, 0.48 children a day: the mmc-rvdk scenario.
  const QueueEstimate q = caseload_pool(0.48, 5.0, 3, 1.0, 1);
  EXPECT_NEAR(q.utilisation, 0.8, 1e-12);
  EXPECT_NEAR(q.wait_days_mean, sim::theory::mmc_mean_wait(0.48, 0.2, 3), 1e-12);
  EXPECT_NEAR(q.waiting_mean, sim::theory::mmc_mean_queue_length(0.48, 0.2, 3), 1e-12);
}

TEST(CaseloadPool, OneWorkerSharingItsHoursWaitsOnlyBeyondTheCap) {
  // M/M/1 in the number present; children beyond K = 4 wait: E[(N - 4)+] = rho^5 / (1 - rho).
  const double rho = 0.75;
  const QueueEstimate q = caseload_pool(rho, 1.0, 1, 1.0, 4);
  EXPECT_NEAR(q.waiting_mean, std::pow(rho, 5) / (1 - rho), 1e-12);
  EXPECT_NEAR(q.in_system_mean, rho / (1 - rho), 1e-12);
  EXPECT_NEAR(q.held_mean + q.waiting_mean, q.in_system_mean, 1e-12);
}

TEST(CaseloadPool, ALoadAboveCapacityIsUnstableWithAnInfiniteWait) {
  const QueueEstimate q = caseload_pool(0.66, 5.0, 3, 1.0, 2);
  EXPECT_FALSE(q.stable);
  EXPECT_NEAR(q.utilisation, 1.1, 1e-12);
  EXPECT_TRUE(std::isinf(q.wait_days_mean));
}

TEST(CaseloadPool, WithoutArrivalsTheWaitIsUndefined) {
  const QueueEstimate q = caseload_pool(0.0, 5.0, 3, 1.0, 2);
  EXPECT_TRUE(q.stable);
  EXPECT_EQ(q.waiting_mean, 0.0);
  EXPECT_TRUE(std::isnan(q.wait_days_mean));
}

TEST(HeldSlots, WithoutAbandonmentItIsErlangC) {
  const QueueEstimate q = held_slots(0.3, 120.0, 40, 0.0);
  EXPECT_NEAR(q.wait_days_mean, sim::theory::mmc_mean_wait(0.3, 1.0 / 120.0, 40), 1e-12);
  EXPECT_NEAR(q.held_mean, 36.0, 1e-12);
}

TEST(HeldSlots, AbandonmentAtTheServiceRateLeavesAPoissonNumberPresent) {
  // A measure that ends at the same rate whether or not a guardian holds it: N ~ Poisson(a)
  // as in M/M/inf, and those beyond the slots wait, E[(N - c)+] (the tandem-jackson GI).
  const double a = 36.0;
  double expected = 0;
  double poisson = std::exp(-a);
  for (int n = 1; n < 400; ++n) {
    poisson *= a / n;
    if (n > 40) expected += (n - 40) * poisson;
  }
  const QueueEstimate q = held_slots(0.3, 120.0, 40, 1.0 / 120.0);
  EXPECT_NEAR(q.waiting_mean, expected, 1e-9);
  EXPECT_NEAR(q.in_system_mean, a, 1e-9);
}

TEST(HeldSlots, AboveTheSlotsAbandonmentKeepsTheListFiniteButTheLoadUnstable) {
  const QueueEstimate q = held_slots(0.5, 120.0, 40, 1.0 / 120.0);
  EXPECT_FALSE(q.stable);
  EXPECT_TRUE(std::isfinite(q.waiting_mean));
  EXPECT_NEAR(q.in_system_mean, 60.0, 1e-9);  // still Poisson(lambda / mu)
  EXPECT_TRUE(std::isinf(held_slots(0.5, 120.0, 40, 0.0).waiting_mean));
}

TEST(HeldSlots, ThousandsOfSlotsNeitherOverflowNorLoseTheTail) {
  // 40,000 guardian slots at 98%: the Halfin-Whitt regime, a small but positive wait.
  const QueueEstimate q = held_slots(40.0, 980.0, 40000, 0.0);
  EXPECT_NEAR(q.utilisation, 0.98, 1e-12);
  EXPECT_GT(q.waiting_mean, 0.0);
  EXPECT_NEAR(q.wait_days_mean, sim::theory::mmc_mean_wait(40.0, 1.0 / 980.0, 40000), 1e-9);
  const QueueEstimate with_abandonment = held_slots(40.0, 980.0, 40000, 1e-4);
  EXPECT_LT(with_abandonment.waiting_mean, q.waiting_mean);
  EXPECT_GT(with_abandonment.waiting_mean, 0.0);
}

}  // namespace
}  // namespace ketensim::model::analytic
