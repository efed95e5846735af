// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "models/simulation.h"
#include "models/waiting_trend.h"

namespace ketensim::model {

/// Which side of the tipping point the waiting lists stop settling on.
enum class TippingDirection {
  above,  // raising the key tips the chain (an inflow)
  below   // lowering the key tips it (a staffing level)
};

/// A bisection for the value of one key at which waiting lists stop settling
/// (`ketensim tipping`, docs/workforce.md).
struct TippingSearch {
  std::string key;
  /// Every evaluation in order: the two ends of the range, then one per bisection step.
  std::vector<TrendVerdict> evaluations;
  /// Empty when both ends got the same verdict: the range does not bracket a tipping point.
  std::optional<TippingDirection> direction;
  /// The final bracket: the value nearest the tipping point that settled, and the one that did not.
  double settles_at = 0;
  double tips_at = 0;

  [[nodiscard]] bool bracketed() const { return direction.has_value(); }
  /// The middle of the final bracket and its half width (the resolution of the search).
  [[nodiscard]] double estimate() const { return 0.5 * (settles_at + tips_at); }
  [[nodiscard]] double half_width() const { return 0.5 * (tips_at > settles_at ? tips_at - settles_at : settles_at - tips_at); }
};

/// Judges one value of the key.
using TrendEvaluator = std::function<TrendVerdict(double value)>;

/// Evaluates `low` and `high` (low < high), finds the direction from their verdicts, then
/// halves the bracket `steps` times. `on_evaluation` sees each verdict as it comes, with its
/// label ("low", "high" or the step number). Throws std::invalid_argument unless low < high.
TippingSearch find_tipping_point(const std::string& key, double low, double high, std::size_t steps,
                                 const TrendEvaluator& evaluate,
                                 const std::function<void(const std::string& label, const TrendVerdict&)>& on_evaluation = {});

/// An evaluator that runs `scenario` with `key` set to the value (the loader's checks apply),
/// on the scenario's seed and replications, so that every value sees the same random numbers.
/// Replications run on `options.jobs` threads or child processes (results do not depend on it).
TrendEvaluator scenario_evaluator(const Scenario& scenario, const std::string& key, const TrendCriterion& criterion,
                                  const RunOptions& options);

}  // namespace ketensim::model
