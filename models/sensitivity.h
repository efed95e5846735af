// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "models/comparison.h"
#include "models/scenario.h"
#include "models/sensitivity_plan.h"
#include "models/simulation.h"
#include "sim/statistics.h"

namespace ketensim::model {

/// The order of two configurations on one KPI, from the paired difference second - first:
/// +1 when its 95% interval lies above 0 (the second is higher), -1 below 0, 0 when the
/// interval holds 0 (no order the replications can tell apart) or there is no value.
int order_of(const sim::ConfidenceInterval& difference);

/// One headline KPI of the pair at one setting of the keys.
struct PairedKpi {
  sim::ConfidenceInterval first;
  sim::ConfidenceInterval second;
  /// second - first, paired over replications (Student's t).
  sim::ConfidenceInterval difference;
  int order = 0;  ///< order_of(difference)
};

/// A headline KPI (national) whose order the sensitivity reports.
struct HeadlineKpi {
  std::string name;
  std::string stage;
  /// Plain words for the printed table.
  std::string label;
  std::string unit;  ///< filled from the base comparison
};

/// What `compare --sensitivity` found: the pair at its base settings, and at the low and
/// the high end of every range with everything else as resolved.
struct Sensitivity {
  SensitivityPlan plan;
  /// The scenario files of the first and the second configuration.
  std::string first_path, second_path;
  /// Their structure.placement ("baseline", "regional", "national"), for the plots' labels.
  std::string first_placement, second_placement;
  std::vector<HeadlineKpi> kpis;
  /// Each range's key as resolved in the first and the second configuration.
  std::vector<double> first_base_value, second_base_value;
  std::vector<PairedKpi> base;                           ///< [kpi]
  std::vector<std::array<std::vector<PairedKpi>, 2>> ends;  ///< [range][0 low, 1 high][kpi]
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  double years = 0, warmup_years = 0;
  std::string engine;
  /// Simulations run (an end equal to a configuration's base value reuses its base run).
  int simulations = 0;

  /// True when the order at `end` of `range` is the base order.
  [[nodiscard]] bool holds(std::size_t range, int end, std::size_t kpi) const {
    return ends[range][end][kpi].order == base[kpi].order;
  }
};

/// Checks, before anything runs, that every range holds both configurations' resolved
/// value and that every tornado KPI is among `headline`; a ScenarioError names the plan.
void check_sensitivity_plan(const SensitivityPlan& plan, const Scenario& first, const Scenario& second,
                            const std::vector<HeadlineKpi>& headline);

/// Runs the plan: `first` and `second` are the configurations named by plan.first and
/// plan.second (already on their comparison basis), `first_run` and `second_run` their base
/// runs. Every range's low and high is set in both (as `--set` would), both are rerun on
/// common random numbers, and each of `headline` is read nationally. Checks the plan first
/// (check_sensitivity_plan). `note` hears progress ("team.x low: 1/2").
Sensitivity run_sensitivity(const SensitivityPlan& plan, const Scenario& first, const Scenario& second,
                            const ConfigurationRun& first_run, const ConfigurationRun& second_run,
                            const std::vector<HeadlineKpi>& headline, const RunOptions& options,
                            const std::function<void(const std::string&)>& note);

}  // namespace ketensim::model
