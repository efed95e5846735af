// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/selftest/station_network.h"
#include "sim/statistics.h"

namespace ketensim::model::selftest {

/// One known answer of queueing theory beside what the engine simulated.
struct CheckResult {
  std::string system;    ///< e.g. "M/M/3"
  std::string quantity;  ///< e.g. "mean wait in queue"
  std::string unit;      ///< e.g. "days"
  std::string theory_source;  ///< the formula, e.g. "Erlang C"
  double theory = 0.0;
  sim::ConfidenceInterval simulated{};
  bool passed = false;
};

struct SelftestOptions {
  std::uint64_t seed = 20240611;
  std::uint32_t replications = 20;
  /// Multiplies every run's simulated length (1 = the shipped lengths).
  double length_scale = 1.0;
  double confidence = 0.99;
  /// The engine under test; empty: the native engine.
  EngineFactory engine;
};

/// Runs the fixed set of degenerate configurations with known answers: M/M/1, M/M/c against
/// Erlang C, M/M/c/K blocking, two-class non-preemptive priority M/M/1, M/M/1 processor
/// sharing, a Jackson network with feedback, and Little's law. Each check passes when the
/// theoretical value lies inside the simulated value's confidence interval over the
/// replications (docs/validation.md). Takes a few seconds.
std::vector<CheckResult> run_selftest(const SelftestOptions& options);

}  // namespace ketensim::model::selftest
