// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/staff_pool.h"

namespace ketensim::model {
namespace {

StaffPool make_pool(sim::Platform& platform, double fte, double cap) {
  const auto root = platform.add_root("nation");
  return StaffPool("gi", "test", root, static_cast<std::size_t>(std::round(fte)), fte, cap, 3.4, platform);
}

TEST(StaffPool, TheLeastLoadedWorkerTakesTheNextFamily) {
  sim::Platform platform;
  auto pool = make_pool(platform, 3, 10);
  const auto first = *pool.worker_for(2, false);
  pool.take(first, 2);
  const auto second = *pool.worker_for(1, false);
  EXPECT_NE(first, second);
}

TEST(StaffPool, AWorkerAtTheCapTakesNoFamily) {
  sim::Platform platform;
  auto pool = make_pool(platform, 1, 4);
  pool.take(*pool.worker_for(3, false), 3);
  EXPECT_FALSE(pool.worker_for(2, false).has_value());
  EXPECT_TRUE(pool.worker_for(1, false).has_value());
}

TEST(StaffPool, AnUrgentFamilyIsTakenAboveTheCap) {
  sim::Platform platform;
  auto pool = make_pool(platform, 1, 2);
  pool.take(*pool.worker_for(2, false), 2);
  EXPECT_TRUE(pool.worker_for(3, true).has_value());
}

TEST(StaffPool, AnIdleWorkerTakesAFamilyLargerThanTheCap) {
  sim::Platform platform;
  auto pool = make_pool(platform, 1, 2);
  EXPECT_TRUE(pool.worker_for(4, false).has_value());
}

TEST(StaffPool, ReleasingACaseFreesRoom) {
  sim::Platform platform;
  auto pool = make_pool(platform, 1, 2);
  const auto worker = *pool.worker_for(2, false);
  pool.take(worker, 2);
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
  pool.release(worker, 2);
  EXPECT_TRUE(pool.worker_for(1, false).has_value());
  EXPECT_EQ(pool.children_in_caseload(), 0u);
}

TEST(StaffPool, MoreFteFundsMorePositionsAtTheSameShareOfAnFte) {
  sim::Platform platform;
  const auto root = platform.add_root("nation");
  StaffPool pool("gi", "test", root, 4, 2.0, 10, 3.4, platform);  // 4 positions, 2 funded at the start
  EXPECT_EQ(pool.worker_count(), 4u);
  EXPECT_EQ(pool.positions_for(2.0), 2u);
  EXPECT_EQ(pool.positions_for(3.0), 3u);
  EXPECT_EQ(pool.positions_for(9.0), 4u);  // never more than were created
  EXPECT_NEAR(pool.resize(3.0, 10, 3.4), 3.4, 1e-12);  // a position's speed stays one FTE's
  EXPECT_NEAR(platform.workers()[2].hours_per_day, 0.0, 1e-12);  // not funded at the start
}

TEST(StaffPool, FractionalStaffIsSpreadOverWholePositions) {
  sim::Platform platform;
  auto pool = make_pool(platform, 2.4, 10);
  EXPECT_EQ(pool.worker_count(), 2u);  // round(2.4) = 2 positions of 1.2 FTE each
  double hours = 0;
  for (const auto& worker : platform.workers()) hours += worker.hours_per_day;
  EXPECT_NEAR(hours, 2.4 * 3.4, 1e-12);
}


// The 2023-24 caseload agreement reads as an average per FTE over a GI, not a cap per guardian.
TEST(StaffPool, AnAverageCapLetsSingleWorkersExceedTheAverageWhileTheMeanStaysWithinIt) {
  sim::Platform platform;
  auto pool = make_pool(platform, 4, 10);  // hard cap 10 children per worker
  pool.set_average_cap(3);                  // at most 3 children per FTE on average
  for (int child = 0; child < 12; ++child) {
    const auto worker = pool.worker_for(1, false);
    ASSERT_TRUE(worker.has_value()) << "child " << child << ": the mean is below the average cap";
    pool.take(*worker, 1);
  }
  // Mean 3 per FTE: the next child waits, although every worker is below the hard cap.
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
  // Cases end at two workers; a family of four children goes to the least loaded worker,
  // who then carries more than the average while the mean stays at it.
  const sim::WorkerId a = pool.first_worker();
  pool.release(a, 2);
  pool.release(a + 1, 2);
  const auto worker = pool.worker_for(4, false);
  ASSERT_TRUE(worker.has_value());
  pool.take(*worker, 4);
  EXPECT_EQ(pool.caseload_of(*worker), 5);
  EXPECT_DOUBLE_EQ(static_cast<double>(pool.children_in_caseload()) / pool.fte(), 3.0);
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
}

TEST(StaffPool, AHardCapAtTheSameLevelRefusesWhatTheAverageCapAllows) {
  sim::Platform platform;
  auto pool = make_pool(platform, 4, 3);  // 3 children per worker, no average cap
  for (int child = 0; child < 12; ++child) pool.take(*pool.worker_for(1, false), 1);
  const sim::WorkerId a = pool.first_worker();
  pool.release(a, 2);
  pool.release(a + 1, 2);
  EXPECT_FALSE(pool.worker_for(4, false).has_value());
}

TEST(StaffPool, AnUrgentChildIsTakenAboveTheAverageCap) {
  sim::Platform platform;
  auto pool = make_pool(platform, 2, 10);
  pool.set_average_cap(1);
  pool.take(*pool.worker_for(1, false), 1);
  pool.take(*pool.worker_for(1, false), 1);
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
  EXPECT_TRUE(pool.worker_for(1, true).has_value());
}

TEST(StaffPool, AWorkerWhoStopsTakingFamiliesLeavesTheAverage) {
  sim::Platform platform;
  auto pool = make_pool(platform, 2, 10);
  pool.set_average_cap(2);
  const auto a = *pool.worker_for(2, false);
  pool.take(a, 2);
  const auto b = *pool.worker_for(2, false);
  pool.take(b, 2);
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
  // A sick worker's cases stay with them, outside the average of those at work: with one
  // worker left at 2 children per FTE, nothing more is assigned; back at work, neither.
  pool.set_available(a, false);
  EXPECT_FALSE(pool.worker_for(1, false).has_value());
  pool.release(b, 2);
  EXPECT_TRUE(pool.worker_for(2, false).has_value());
  pool.set_available(a, true);
  EXPECT_TRUE(pool.worker_for(2, false).has_value());
  EXPECT_FALSE(pool.worker_for(3, false).has_value());
}

}  // namespace
}  // namespace ketensim::model
