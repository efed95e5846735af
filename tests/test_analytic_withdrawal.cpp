// SPDX-License-Identifier: MIT
// Withdrawal from the waiting lists and VT's quality erosion in the analytic model
// (docs/analytic.md, "Withdrawal and quality erosion"): the formulas against their exact
// special cases and a Monte Carlo, the single-pool estimate against the simulation (an
// overloaded list now settles), and the calibrated national default against a short run.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>

#include "models/analytic/analyze.h"
#include "models/analytic/quality_erosion.h"
#include "models/analytic/report_rows.h"
#include "models/analytic/waiting_models.h"
#include "models/analytic/withdrawal.h"
#include "models/simulation.h"
#include "sim/queueing_theory.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

using analytic::QueueEstimate;

double analytic_row(const std::vector<KpiValue>& rows, const std::string& name, const std::string& stage,
                    const std::string& region) {
  for (const auto& row : rows) {
    if (row.name == name && row.stage == stage && row.region == region) return row.value;
  }
  throw std::out_of_range("no analytic row " + name + "/" + stage + "/" + region);
}

sim::ConfidenceInterval simulated(const RunResult& run, const std::string& name, const std::string& stage,
                                  const std::string& region, double level = 0.99) {
  sim::SufficientStats stats;
  for (const auto& replication : run.replications) stats.add(testing::kpi(replication, name, stage, region));
  return sim::confidence_interval(stats, level);
}

TEST(Withdrawal, TheHazardWithdrawsTheGivenShareWithinNinetyDays) {
  const double theta = analytic::withdrawal_rate_per_day(0.54);
  EXPECT_NEAR(1.0 - std::exp(-90.0 * theta), 0.54, 1e-12);
  EXPECT_EQ(analytic::withdrawal_rate_per_day(0.0), 0.0);
}

TEST(Withdrawal, AbandonmentAtTheServiceRateLeavesAPoissonNumberPresentEvenAboveCapacity) {
  // theta = mu and K = c: every child present leaves at mu, the chain of M/M/infinity, whose
  // number present is Poisson(lambda / mu) at any load. 3 workers, 5 hours a child, load 1.5.
  const double mu = 0.2, lambda = 0.9;
  const QueueEstimate q = analytic::caseload_pool(lambda, 5.0, 3, 1.0, 1, mu);
  EXPECT_TRUE(q.stable);
  EXPECT_NEAR(q.in_system_mean, lambda / mu, 1e-9);
  // What leaves the list unserved balances the excess: served = E[min(N, c)] mu.
  EXPECT_NEAR(lambda - q.abandoning_per_day, q.held_mean * mu, 1e-9);
  EXPECT_NEAR(q.utilisation, q.held_mean / 3.0, 1e-9);
  EXPECT_LT(q.utilisation, 1.0);
}

TEST(Withdrawal, AVanishingHazardGivesBackErlangC) {
  const QueueEstimate with = analytic::caseload_pool(0.48, 5.0, 3, 1.0, 1, 1e-9);
  EXPECT_NEAR(with.wait_days_mean, sim::theory::mmc_mean_wait(0.48, 0.2, 3), 1e-5);
  EXPECT_NEAR(with.served_wait_days_mean, sim::theory::mmc_mean_wait(0.48, 0.2, 3), 1e-5);
}

// An M/M/c+M queue drawn event by event (FIFO; the served children's mean wait and the share
// withdrawn), to check the served-wait recursion beside the birth-death chain.
struct Drawn {
  double withdrawn_share, served_wait;
};
Drawn draw_mmc_with_abandonment(double lambda, double mu, int c, double theta, int children, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::exponential_distribution<double> arrival(lambda), service(mu), patience(theta);
  std::vector<double> free_at(static_cast<std::size_t>(c), 0.0);
  double t = 0.0, served_wait = 0.0;
  int served = 0, withdrawn = 0;
  // FIFO with a patience per child: the child is served at the earliest free worker time if
  // that comes before its patience runs out; otherwise it leaves and takes nobody's time.
  for (int i = 0; i < children; ++i) {
    t += arrival(rng);
    auto earliest = std::min_element(free_at.begin(), free_at.end());
    const double start = std::max(t, *earliest);
    const double wait = start - t;
    if (wait > 0.0 && wait > patience(rng)) {
      ++withdrawn;
      continue;
    }
    if (i > children / 10) {
      served_wait += wait;
      ++served;
    }
    *earliest = start + service(rng);
  }
  return {static_cast<double>(withdrawn) / children, served_wait / served};
}

TEST(Withdrawal, TheServedWaitAndTheWithdrawnShareMatchAQueueDrawnChildByChild) {
  // Overloaded (load 1.2) and near capacity (0.95), 3 workers, a patience of 30 days.
  for (const double lambda : {0.72, 0.57}) {
    const double mu = 0.2, theta = 1.0 / 30.0;
    const QueueEstimate q = analytic::caseload_pool(lambda, 5.0, 3, 1.0, 1, theta);
    const Drawn d = draw_mmc_with_abandonment(lambda, mu, 3, theta, 2'000'000, 7);
    EXPECT_NEAR(q.abandoning_per_day / lambda, d.withdrawn_share, 0.01) << lambda;
    EXPECT_NEAR(q.served_wait_days_mean, d.served_wait, 0.03 * d.served_wait) << lambda;
    EXPECT_LT(q.served_wait_days_mean, 1.0 / theta * 2.0);
  }
}

TEST(QualityErosion, TheMeanShareOfWorkLeftMatchesDrawnWaits) {
  // A share pi waits, exponentially with mean d; the model cuts cut x min(1, W / D).
  std::mt19937_64 rng(3);
  for (const double d : {2.0, 7.0, 30.0}) {
    const double pi = 0.6, cut = 0.8, deadline = 7.0;
    std::bernoulli_distribution waits(pi);
    std::exponential_distribution<double> wait(1.0 / d);
    double sum = 0.0;
    const int n = 1'000'000;
    for (int i = 0; i < n; ++i) sum += 1.0 - cut * std::min(1.0, (waits(rng) ? wait(rng) : 0.0) / deadline);
    EXPECT_NEAR(analytic::late_work_share(cut, deadline, pi, pi * d), sum / n, 2e-3) << d;
  }
  EXPECT_NEAR(analytic::late_work_share(0.8, 7.0, 1.0, std::numeric_limits<double>::infinity()), 0.2, 1e-12);
  EXPECT_EQ(analytic::late_work_share(0.0, 7.0, 1.0, 5.0), 1.0);
}

// A single Board pool, overloaded by half, with the calibrated withdrawal share (read from
// the parameter table's default): the list settles and the analytic withdrawn share, the
// served children's wait and the list agree with the simulation within its 99% interval.
void expect_settled_list_agrees(const std::string& file) {
  Scenario scenario = testing::load_example(file);
  const Scenario defaults = testing::load_example("netherlands-2020.toml");
  set_parameter(scenario, "rvdk.withdrawal_share_within_90_days", get_parameter(defaults, "rvdk.withdrawal_share_within_90_days"), "test");
  const double inflow = 1.5 * get_parameter(scenario, "inflow.rvdk_other_cases_per_year");
  set_parameter(scenario, "inflow.rvdk_other_cases_per_year", inflow, "test");
  const auto report = analytic::analyze(scenario);
  const auto rows = analytic::report_rows(report);
  const RunResult run = run_scenario(scenario, RunOptions{});
  struct Check {
    const char* what;
    double analytic;
    sim::ConfidenceInterval simulated;
  };
  const std::vector<Check> checks = {
      {"withdrawn share", report.loops.rvdk_withdrawals_per_year / inflow,
       [&] {
         auto ci = simulated(run, "rvdk_withdrawals_per_year", "chain", "national");
         return sim::ConfidenceInterval{ci.mean / inflow, ci.half_width / inflow, ci.low / inflow, ci.high / inflow};
       }()},
      {"served wait (days)", analytic_row(rows, "pool_served_wait_days_mean", "rvdk", "RvdK Test"),
       simulated(run, "wait_days_mean", "rvdk_other", "national")},
      {"children waiting", analytic_row(rows, "waiting_children_mean", "rvdk_other", "national"),
       simulated(run, "waiting_children_mean", "rvdk_other", "national")},
  };
  EXPECT_TRUE(std::isfinite(analytic_row(rows, "pool_waiting_children_mean", "rvdk", "RvdK Test")));
  EXPECT_LT(analytic_row(rows, "utilisation", "rvdk", "RvdK Test"), 1.0);
  for (const Check& c : checks) {
    std::printf("%s: %s: analytic %.4g, simulated %.4g ± %.2g (99%%)\n", file.c_str(), c.what, c.analytic, c.simulated.mean,
                c.simulated.half_width);
    EXPECT_GE(c.analytic, c.simulated.low) << file << ": " << c.what << ": analytic " << c.analytic << ", simulated "
                                           << c.simulated.mean << " ± " << c.simulated.half_width;
    EXPECT_LE(c.analytic, c.simulated.high) << file << ": " << c.what << ": analytic " << c.analytic << ", simulated "
                                            << c.simulated.mean << " ± " << c.simulated.half_width;
  }
}

TEST(AnalyticAgainstSimulation, AnOverloadedBoardOfThreeWithWithdrawalSettlesAsErlangASays) {
  expect_settled_list_agrees("examples/mmc-rvdk.toml");
}

TEST(AnalyticAgainstSimulation, AnOverloadedCappedWorkerWithWithdrawalSettlesAsTheChainSays) {
  expect_settled_list_agrees("examples/capped-ps-rvdk.toml");
}

}  // namespace
}  // namespace ketensim::model

namespace ketensim::model {
namespace {

double organisation_row(const analytic::FlowReport& report, const std::string& organisation,
                        double analytic::PoolEstimate::*field) {
  for (const auto& pool : report.pools) {
    if (pool.total && pool.organisation == organisation) return pool.*field;
  }
  throw std::out_of_range("no national pool " + organisation);
}

// The calibrated national default, analysed and simulated briefly (3 replications of 6 years,
// 3 of them warm-up; the Board's list settles within the warm-up, docs/calibration.md).
// Tolerance: the analytic Board list and withdrawals within 15% of the simulated means (the
// steady state spreads the Board's areas' waits evenly; the simulation does not quite).
TEST(AnalyticNationalDefault, VtAndTheBoardAreWithinTheirHoursAndTheBoardListMatchesASimulatedRun) {
  Scenario scenario = testing::load_example("netherlands-2020.toml");
  const auto report = analytic::analyze(scenario);
  EXPECT_LT(organisation_row(report, "vt", &analytic::PoolEstimate::effective_utilisation), 1.0);
  EXPECT_LT(organisation_row(report, "rvdk", &analytic::PoolEstimate::effective_utilisation), 1.0);
  for (const auto& pool : report.pools) {
    if (pool.organisation == "vt" || pool.organisation == "rvdk") {
      EXPECT_TRUE(pool.stable) << pool.area;
      EXPECT_LE(pool.effective_utilisation, 1.0) << pool.area;
      EXPECT_TRUE(std::isfinite(pool.waiting_children_mean)) << pool.area;
    }
  }
  const auto rows = analytic::report_rows(report);
  const double board_list = analytic_row(rows, "waiting_children_mean", "rvdk", "national") +
                            analytic_row(rows, "waiting_children_mean", "rvdk_other", "national");
  const double withdrawals = analytic_row(rows, "rvdk_withdrawals_per_year", "chain", "national");

  set_parameter(scenario, "run.years", 6, "test");
  set_parameter(scenario, "run.warmup_years", 3, "test");
  set_parameter(scenario, "run.replications", 3, "test");
  RunOptions options;
  options.jobs = 2;
  const RunResult run = run_scenario(scenario, options);
  const auto simulated_list = simulated(run, "rvdk_waiting_children_all_cases_mean", "chain", "national", 0.95);
  const auto simulated_withdrawals = simulated(run, "rvdk_withdrawals_per_year", "chain", "national", 0.95);
  std::printf("Board list: analytic %.0f, simulated %.0f ± %.0f; withdrawals a year: analytic %.0f, simulated %.0f ± %.0f\n",
              board_list, simulated_list.mean, simulated_list.half_width, withdrawals, simulated_withdrawals.mean,
              simulated_withdrawals.half_width);
  EXPECT_NEAR(board_list, simulated_list.mean, 0.15 * simulated_list.mean);
  EXPECT_NEAR(withdrawals, simulated_withdrawals.mean, 0.15 * simulated_withdrawals.mean);
}

}  // namespace
}  // namespace ketensim::model
