// SPDX-License-Identifier: MIT
// Degenerate configurations of the chain against queueing theory, within the 99% confidence
// interval over replications. The scenarios are files in scenarios/examples/.
#include <gtest/gtest.h>

#include <cmath>

#include "models/simulation.h"
#include "sim/queueing_theory.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

using testing::kpi_interval;

void expect_inside(const sim::ConfidenceInterval& ci, double theory, const std::string& what) {
  EXPECT_GE(theory, ci.low) << what << ": theory " << theory << ", simulated " << ci.mean << " ± " << ci.half_width;
  EXPECT_LE(theory, ci.high) << what << ": theory " << theory << ", simulated " << ci.mean << " ± " << ci.half_width;
}

TEST(QueueingValidation, MmcWaitAtTheRvdkMatchesErlangC) {
  const auto scenario = testing::load_example("examples/mmc-rvdk.toml");
  const auto run = run_scenario(scenario, RunOptions{});
  const double lambda = 175.2 / 365.0;
  const double mu = 1.0 / 5.0;
  expect_inside(kpi_interval(run, "wait_days_mean", "rvdk_other", 0.99), sim::theory::mmc_mean_wait(lambda, mu, 3),
                "M/M/3 mean wait");
}

TEST(QueueingValidation, ProcessorSharingSojournMatchesOneOverMuMinusLambda) {
  const auto scenario = testing::load_example("examples/mm1-ps-rvdk.toml");
  const auto run = run_scenario(scenario, RunOptions{});
  expect_inside(kpi_interval(run, "sojourn_days_mean", "rvdk_other", 0.99),
                sim::theory::mm1_ps_mean_sojourn(63.875 / 365.0, 1.0 / 4.0), "M/M/1-PS sojourn");
}

TEST(QueueingValidation, ATandemThroughTheChainMatchesJacksonsTheorem) {
  const auto scenario = testing::load_example("examples/tandem-jackson.toml");
  const auto run = run_scenario(scenario, RunOptions{});
  const double lambda = 109.5 / 365.0;
  // VT (2 servers, 3 days) -> local team (delay 20 days) -> RvdK (3 servers, 7 days) ->
  // court (delay 10 days) -> GI (40 guardians, each held for a 120-day measure). A delay is
  // an infinite-server station: given more servers than could ever be busy.
  Eigen::MatrixXd routing = Eigen::MatrixXd::Zero(5, 5);
  for (int i = 0; i < 4; ++i) routing(i, i + 1) = 1.0;
  Eigen::VectorXd external = Eigen::VectorXd::Zero(5);
  external(0) = lambda;
  const Eigen::VectorXd mu = (Eigen::VectorXd(5) << 1.0 / 3, 1.0 / 20, 1.0 / 7, 1.0 / 10, 1.0 / 120).finished();
  const Eigen::VectorXi servers = (Eigen::VectorXi(5) << 2, 1000, 3, 1000, 40).finished();
  const auto network = sim::theory::jackson_network(routing, external, mu, servers);

  expect_inside(kpi_interval(run, "wait_days_mean", "vt_triage", 0.99), network.mean_wait(0), "VT wait");
  expect_inside(kpi_interval(run, "sojourn_days_mean", "local_team", 0.99), network.mean_sojourn(1), "local team");
  expect_inside(kpi_interval(run, "wait_days_mean", "rvdk", 0.99), network.mean_wait(2), "RvdK wait");
  expect_inside(kpi_interval(run, "sojourn_days_mean", "court", 0.99), network.mean_sojourn(3), "court");
  // The GI is not a plain M/M/c: a measure's term runs from the ruling, so a child waiting
  // for a guardian can see its measure end first (abandonment at the service rate). Then the
  // number of children present is Poisson(lambda / mu) as in M/M/inf, and the number
  // waiting is E[(N - c)+].
  const double offered = lambda * 120.0;
  double waiting = 0;
  double poisson = std::exp(-offered);
  for (int n = 1; n < 400; ++n) {
    poisson *= offered / n;
    if (n > 40) waiting += (n - 40) * poisson;
  }
  expect_inside(kpi_interval(run, "waiting_children_mean", "gi", 0.99), waiting, "GI children without a guardian");
  const double report_to_measure = network.mean_sojourn.head(4).sum();
  expect_inside(kpi_interval(run, "report_to_measure_days_mean", "chain", 0.99), report_to_measure,
                "report to measure (stations 1-4)");
}

}  // namespace
}  // namespace ketensim::model
