// SPDX-License-Identifier: MIT
// Unit tests of sim/queueing_theory.h against independently known numbers: special cases
// with elementary closed forms, hand-solved networks, values computed from the defining
// sums in 30-digit arithmetic (mpmath), and a self-contained Monte Carlo.
#include "sim/queueing_theory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

namespace ketensim::sim::theory {
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

// --- Erlang B and C -------------------------------------------------------------------

TEST(ErlangB, WithOneServerIsLoadOverOnePlusLoad) {
  for (const double a : {0.0, 0.25, 1.0, 3.0, 40.0}) EXPECT_NEAR(erlang_b(1, a), a / (1.0 + a), 1e-15);
}

TEST(ErlangB, MatchesTheDefiningSum) {
  // (a^c / c!) / sum_k a^k / k!, evaluated exactly or in 30-digit arithmetic.
  EXPECT_NEAR(erlang_b(2, 1.0), 0.2, 1e-15);
  EXPECT_NEAR(erlang_b(10, 5.0), 0.0183845703366481, 1e-15);
}

TEST(ErlangB, StaysAccurateForAThousandServers) {
  // a^1000 / 1000! would overflow; the recursion does not form it.
  EXPECT_NEAR(erlang_b(1000, 900.0) / 5.92986267014622e-5, 1.0, 1e-11);
}

TEST(ErlangC, TwoServersAtUnitLoadWaitWithProbabilityOneThird) {
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-15);
}

TEST(ErlangC, WithOneServerIsTheUtilisation) {
  for (const double rho : {0.0, 0.1, 0.5, 0.95}) EXPECT_NEAR(erlang_c(1, rho), rho, 1e-15);
}

TEST(ErlangC, IsNeverBelowErlangB) {
  // Waiting customers stay and keep servers busy, so a wait is likelier than a loss.
  for (int c = 1; c <= 20; ++c) EXPECT_GE(erlang_c(c, 0.8 * c), erlang_b(c, 0.8 * c));
}

TEST(ErlangC, RejectsNoServersAndAnUnstableLoad) {
  EXPECT_EQ(invalid_argument_message([] { erlang_c(0, 0.5); }), "erlang_c: servers(=0) must be >= 1");
  EXPECT_EQ(invalid_argument_message([] { erlang_c(2, 2.0); }),
            "erlang_c: offered_load(=2) must be < servers(=2) for a stable queue");
  EXPECT_EQ(invalid_argument_message([] { erlang_b(3, -1.0); }),
            "erlang_b: offered_load(=-1) must be finite and >= 0");
}

// --- M/M/c ----------------------------------------------------------------------------

TEST(MmcMeanWait, WithOneServerIsRhoOverMuMinusLambda) {
  const double mu = 2.0;
  for (const double lambda : {0.2, 1.0, 1.5, 1.98}) {
    const double rho = lambda / mu;
    EXPECT_NEAR(mmc_mean_wait(lambda, mu, 1), rho / (mu - lambda), 1e-12 * rho / (mu - lambda));
  }
}

TEST(MmcMeanWait, WithTwoServersMatchesTheMm2ClosedForm) {
  // M/M/2: Lq = 2 rho^3 / (1 - rho^2) with rho = lambda / (2 mu).
  for (const double rho : {0.25, 0.5, 0.75, 0.9}) {
    const double mu = 2.0;
    const double lambda = 2.0 * mu * rho;
    const double lq = 2.0 * rho * rho * rho / (1.0 - rho * rho);
    EXPECT_NEAR(mmc_mean_queue_length(lambda, mu, 2), lq, 1e-12 * lq);
    EXPECT_NEAR(mmc_mean_wait(lambda, mu, 2), lq / lambda, 1e-12 * lq / lambda);
  }
}

TEST(MmcMeanWait, IsZeroWithoutArrivals) { EXPECT_EQ(mmc_mean_wait(0.0, 1.0, 3), 0.0); }

TEST(MmcMeanSojourn, IsTheWaitPlusOneServiceTimeAndObeysLittlesLaw) {
  const double lambda = 7.0, mu = 1.5;
  const int c = 6;
  const double wq = mmc_mean_wait(lambda, mu, c);
  EXPECT_NEAR(mmc_mean_sojourn(lambda, mu, c), wq + 1.0 / mu, 1e-14);
  EXPECT_NEAR(mmc_mean_queue_length(lambda, mu, c), lambda * wq, 1e-14);
}

TEST(MmcMeanWait, RejectsAnUnstableQueueAndSaysWhy) {
  EXPECT_EQ(invalid_argument_message([] { mmc_mean_wait(3.0, 1.0, 3); }),
            "mmc_mean_wait: utilisation(=1) must be < 1 for a stable queue (arrival_rate=3, "
            "service_rate=1, servers=3)");
  EXPECT_EQ(invalid_argument_message([] { mmc_mean_sojourn(1.0, 0.0, 3); }),
            "mmc_mean_sojourn: service_rate(=0) must be finite and > 0");
  EXPECT_EQ(invalid_argument_message([] { mmc_mean_queue_length(1.0, 2.0, -1); }),
            "mmc_mean_queue_length: servers(=-1) must be >= 1");
}

// --- Processor sharing and priorities -------------------------------------------------

TEST(Mm1PsMeanSojourn, IsOneOverMuMinusLambdaLikeFifo) {
  EXPECT_NEAR(mm1_ps_mean_sojourn(0.5, 2.0), 1.0 / 1.5, 1e-15);
  EXPECT_NEAR(mm1_ps_mean_sojourn(0.9, 1.0), mmc_mean_sojourn(0.9, 1.0, 1), 1e-12);
}

TEST(Mm1PriorityMeanWaits, MatchTheHandCalculation) {
  // rho_h = 0.2, rho = 0.6, W0 = 0.6: W_h = 0.6 / 0.8, W_l = 0.6 / (0.8 * 0.4).
  const PriorityWaits w = mm1_priority_mean_waits(0.2, 0.4, 1.0);
  EXPECT_NEAR(w.high, 0.75, 1e-15);
  EXPECT_NEAR(w.low, 1.875, 1e-15);
}

TEST(Mm1PriorityMeanWaits, AverageToTheFifoWaitByTheConservationLaw) {
  for (const double share_high : {0.1, 0.5, 0.9}) {
    const double lambda = 0.85, mu = 1.0;
    const double lh = share_high * lambda, ll = lambda - lh;
    const PriorityWaits w = mm1_priority_mean_waits(lh, ll, mu);
    EXPECT_LT(w.high, w.low);
    EXPECT_NEAR((lh * w.high + ll * w.low) / lambda, mmc_mean_wait(lambda, mu, 1), 1e-12);
  }
}

TEST(Mm1PriorityMeanWaits, WithASingleClassReduceToMm1) {
  EXPECT_NEAR(mm1_priority_mean_waits(0.6, 0.0, 1.0).high, mmc_mean_wait(0.6, 1.0, 1), 1e-15);
  EXPECT_NEAR(mm1_priority_mean_waits(0.0, 0.6, 1.0).low, mmc_mean_wait(0.6, 1.0, 1), 1e-15);
}

TEST(Mm1PriorityMeanWaits, RejectAnUnstableQueue) {
  EXPECT_EQ(invalid_argument_message([] { mm1_priority_mean_waits(0.5, 0.5, 1.0); }),
            "mm1_priority_mean_waits: utilisation(=1) must be < 1 for a stable queue "
            "(arrival_rate_high=0.5, arrival_rate_low=0.5, service_rate=1)");
}

// --- M/M/c/K --------------------------------------------------------------------------

TEST(MmckBlocking, WithNoWaitingRoomIsErlangB) {
  for (const int c : {1, 3, 10}) EXPECT_NEAR(mmck_blocking(c, c, 2.0 * c, 2.5), erlang_b(c, 0.8 * c), 1e-14);
}

TEST(MmckBlocking, WithOneServerMatchesTheGeometricClosedForm) {
  const int k = 7;
  for (const double rho : {0.3, 0.9, 1.7}) {
    const double expected = (1.0 - rho) * std::pow(rho, k) / (1.0 - std::pow(rho, k + 1));
    EXPECT_NEAR(mmck_blocking(1, k, rho, 1.0), expected, 1e-14);
  }
  EXPECT_NEAR(mmck_blocking(1, k, 1.0, 1.0), 1.0 / (k + 1), 1e-15);  // rho = 1: uniform
}

TEST(MmckBlocking, MatchesTheDefiningSum) {
  EXPECT_NEAR(mmck_blocking(3, 10, 2.5, 1.0), 0.0390400873981454, 1e-15);
  EXPECT_NEAR(mmck_blocking(2, 6, 10.0, 2.0), 0.601725266684638, 1e-14);
}

TEST(MmckBlocking, NeitherOverflowsNorUnderflowsWithAHugeBuffer) {
  // Overloaded: throughput tends to c mu, so blocking tends to 1 - c / a = 0.5.
  EXPECT_NEAR(mmck_blocking(2, 3000, 4.0, 1.0), 0.5, 1e-12);
  EXPECT_NEAR(mmck_blocking(2, 3000, 1.0, 1.0), 0.0, 1e-300);
}

TEST(MmckBlocking, RejectsACapacityBelowTheServers) {
  EXPECT_EQ(invalid_argument_message([] { mmck_blocking(3, 2, 1.0, 1.0); }),
            "mmck_blocking: capacity(=2) must be >= servers(=3)");
}

// --- Jackson networks -----------------------------------------------------------------

TEST(JacksonNetwork, TandemOfMm1QueuesSojournsForTheSumOfOneOverMuMinusLambda) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 1.0;
  p(1, 2) = 1.0;
  const Eigen::Vector3d gamma(1.0, 0.0, 0.0);
  const Eigen::Vector3d mu(2.0, 3.0, 4.0);
  const Eigen::Vector3i c(1, 1, 1);
  const JacksonNetworkResult r = jackson_network(p, gamma, mu, c);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.arrival_rate(i), 1.0, 1e-14);
    EXPECT_NEAR(r.utilisation(i), 1.0 / mu(i), 1e-14);
    EXPECT_NEAR(r.mean_wait(i), mmc_mean_wait(1.0, mu(i), 1), 1e-14);
  }
  EXPECT_NEAR(r.network_mean_sojourn, 1.0 / 1.0 + 1.0 / 2.0 + 1.0 / 3.0, 1e-14);
}

TEST(JacksonNetwork, SingleNodeWithFeedbackMatchesTheHandCalculation) {
  // gamma = 1, half the customers return: lambda = 1 / (1 - 0.5) = 2, rho = 0.5 with mu = 4.
  // Per visit W = 1 / (4 - 2) = 0.5; 2 visits on average, so the network sojourn is 1.
  const Eigen::MatrixXd p = Eigen::MatrixXd::Constant(1, 1, 0.5);
  const JacksonNetworkResult r =
      jackson_network(p, Eigen::VectorXd::Constant(1, 1.0), Eigen::VectorXd::Constant(1, 4.0),
                      Eigen::VectorXi::Constant(1, 1));
  EXPECT_NEAR(r.arrival_rate(0), 2.0, 1e-14);
  EXPECT_NEAR(r.utilisation(0), 0.5, 1e-14);
  EXPECT_NEAR(r.mean_sojourn(0), 0.5, 1e-14);
  EXPECT_NEAR(r.network_mean_sojourn, 1.0, 1e-14);
}

TEST(JacksonNetwork, TwoNodeLoopMatchesTheHandCalculation) {
  // 0 -> 1 always; 1 -> 0 with probability 1/4, else out. lambda_0 = 1 + lambda_1 / 4 and
  // lambda_1 = lambda_0, so both are 4/3. mu = (2, 3): rho = (2/3, 4/9), L = (2, 0.8),
  // and the network sojourn is (2 + 0.8) / 1.
  Eigen::Matrix2d p;
  p << 0.0, 1.0, 0.25, 0.0;
  const JacksonNetworkResult r =
      jackson_network(p, Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(2.0, 3.0), Eigen::Vector2i(1, 1));
  EXPECT_NEAR(r.arrival_rate(0), 4.0 / 3.0, 1e-14);
  EXPECT_NEAR(r.arrival_rate(1), 4.0 / 3.0, 1e-14);
  EXPECT_NEAR(r.mean_in_system(0), 2.0, 1e-13);
  EXPECT_NEAR(r.mean_in_system(1), 0.8, 1e-13);
  EXPECT_NEAR(r.network_mean_sojourn, 2.8, 1e-13);
}

TEST(JacksonNetwork, MultiServerNodesBehaveAsMmcQueues) {
  // Intake (3 servers) splits to two teams; 10% of team 1's cases come back to intake.
  Eigen::Matrix3d p;
  p << 0.0, 0.6, 0.4, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0;
  const Eigen::Vector3d gamma(5.0, 0.5, 0.0);
  const Eigen::Vector3d mu(2.0, 1.0, 0.8);
  const Eigen::Vector3i c(3, 4, 3);
  const JacksonNetworkResult r = jackson_network(p, gamma, mu, c);
  // By hand: l0 = 5 + 0.1 l1, l1 = 0.5 + 0.6 l0  =>  l0 = 5.05 / 0.94.
  const double l0 = 5.05 / 0.94, l1 = 0.5 + 0.6 * l0, l2 = 0.4 * l0;
  EXPECT_NEAR(r.arrival_rate(0), l0, 1e-13);
  EXPECT_NEAR(r.arrival_rate(1), l1, 1e-13);
  EXPECT_NEAR(r.arrival_rate(2), l2, 1e-13);
  double total_in_system = 0.0;
  const double lambdas[] = {l0, l1, l2};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.mean_wait(i), mmc_mean_wait(lambdas[i], mu(i), c(i)), 1e-12);
    total_in_system += lambdas[i] * mmc_mean_sojourn(lambdas[i], mu(i), c(i));
  }
  EXPECT_NEAR(r.network_mean_sojourn, total_in_system / 5.5, 1e-12);
}

TEST(JacksonNetwork, NamesEveryUnstableNode) {
  Eigen::Matrix2d p;
  p << 0.0, 1.0, 0.0, 0.0;
  const std::string message = invalid_argument_message([&] {
    jackson_network(p, Eigen::Vector2d(2.0, 0.0), Eigen::Vector2d(4.0, 1.5), Eigen::Vector2i(1, 1));
  });
  EXPECT_EQ(message,
            "jackson_network: unstable: node 1 has utilisation(=1.33333333333) >= 1 (arrival_rate=2, "
            "service_rate=1.5, servers=1)");
}

TEST(JacksonNetwork, RejectsAClosedLoopThatNoCustomerLeaves) {
  Eigen::Matrix2d p;
  p << 0.0, 1.0, 1.0, 0.0;
  const std::string message = invalid_argument_message([&] {
    jackson_network(p, Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(4.0, 4.0), Eigen::Vector2i(1, 1));
  });
  EXPECT_NE(message.find("the network is not open"), std::string::npos) << message;
}

TEST(JacksonNetwork, RejectsMalformedInput) {
  const Eigen::Matrix2d ok = Eigen::Matrix2d::Zero();
  const Eigen::Vector2d gamma(1.0, 1.0), mu(2.0, 2.0);
  const Eigen::Vector2i c(1, 1);
  Eigen::Matrix2d leaky_row;
  leaky_row << 0.0, 0.7, 0.6, 0.7;
  EXPECT_EQ(invalid_argument_message([&] { jackson_network(leaky_row, gamma, mu, c); }),
            "jackson_network: routing row 1 sums to 1.3: the probabilities of leaving node 1 must "
            "sum to <= 1");
  EXPECT_EQ(invalid_argument_message([&] { jackson_network(ok, Eigen::Vector3d(1, 1, 1), mu, c); }),
            "jackson_network: external_arrival_rate has 3 entries, routing has 2 nodes");
  EXPECT_EQ(invalid_argument_message([&] { jackson_network(ok, gamma, Eigen::Vector2d(2.0, -1.0), c); }),
            "jackson_network: service_rate[1](=-1) must be finite and > 0");
  EXPECT_EQ(invalid_argument_message([&] { jackson_network(ok, gamma, mu, Eigen::Vector2i(1, 0)); }),
            "jackson_network: servers[1](=0) must be >= 1");
  EXPECT_EQ(invalid_argument_message([&] { jackson_network(ok, Eigen::Vector2d::Zero(), mu, c); }),
            "jackson_network: external_arrival_rate must have a positive entry: with no arrivals the "
            "network sojourn is undefined");
}

// --- Property: an independent simulation agrees with the formula ----------------------

/// Mean wait in queue of an M/M/1 FIFO queue by Lindley's recursion
/// W_{n+1} = max(0, W_n + S_n - A_{n+1}), deliberately sharing no code with the engines.
/// Exponentials are drawn by inversion from the raw 64-bit output, so the result is the
/// same with every standard library (std::exponential_distribution is not specified).
double lindley_mm1_mean_wait(double lambda, double mu, std::uint64_t customers, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto exponential = [&rng](double rate) {
    const double u = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;  // in (0, 1)
    return -std::log(u) / rate;
  };
  // Starting empty biases the first waits low; discard a warm-up of 5%.
  const std::uint64_t warm_up = customers / 20;
  double wait = 0.0;
  double total = 0.0;
  for (std::uint64_t n = 0; n < warm_up + customers; ++n) {
    if (n >= warm_up) total += wait;
    wait = std::max(0.0, wait + exponential(mu) - exponential(lambda));
  }
  return total / static_cast<double>(customers);
}

TEST(MmcMeanWaitProperty, AgreesWithALindleyRecursionSimulationOfMm1WithinThreePercent) {
  // At rho = 0.7 and 2e6 customers the estimate's relative standard error is about 0.5%
  // (measured over 40 seeds), so 3% is a margin of six standard errors.
  const double lambda = 0.7, mu = 1.0;
  const double simulated = lindley_mm1_mean_wait(lambda, mu, 2'000'000, 20240601);
  const double exact = mmc_mean_wait(lambda, mu, 1);
  EXPECT_NEAR(simulated / exact, 1.0, 0.03) << "simulated " << simulated << ", exact " << exact;
}

}  // namespace
}  // namespace ketensim::sim::theory
