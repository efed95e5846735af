// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/run_result.h"
#include "sim/statistics.h"

namespace ketensim::model {

/// One configuration of a comparison and its runs.
struct ConfigurationRun {
  std::string name;
  std::string path;
  std::string placement;
  RunResult run;
};

/// Which KPI: the columns of /kpis.
struct KpiKey {
  std::string name, stage, region, unit;
  bool operator==(const KpiKey& other) const {
    return name == other.name && stage == other.stage && region == other.region;
  }
};

/// Several configurations run on common random numbers: replication k of each uses the same
/// streams for the same sources, so differences are paired (docs/scenario-comparison.md).
struct Comparison {
  std::vector<std::string> names, paths, placements, scenario_texts;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  double years = 0, warmup_years = 0;
  std::string engine;
  /// Every KPI any configuration reports (the first configuration's order, then the rest).
  std::vector<KpiKey> kpis;
  /// [configuration][kpi][replication]; NaN where a configuration lacks the KPI or it is
  /// undefined in a replication.
  std::vector<double> values;
  /// Mean with its 95% interval, per [configuration][kpi].
  std::vector<sim::ConfidenceInterval> estimates;
  /// Paired difference (configuration - first) with its 95% interval, per [configuration][kpi];
  /// the first configuration's entries are NaN.
  std::vector<sim::ConfidenceInterval> differences;

  /// The spread of a stage's mean wait across regions, per configuration.
  struct Spread {
    std::string stage;
    sim::ConfidenceInterval max_min_ratio;
    sim::ConfidenceInterval coefficient_of_variation;
  };
  std::vector<std::vector<Spread>> spread;  // [configuration][stage]

  /// The waiting-list time series of every configuration: [configuration][replication][series][sample].
  std::vector<double> time_days;
  std::vector<std::string> series_stage, series_region;
  std::vector<double> waiting;

  [[nodiscard]] std::size_t at(std::size_t configuration, std::size_t kpi) const { return configuration * kpis.size() + kpi; }
  [[nodiscard]] double value(std::size_t configuration, std::size_t kpi, std::size_t replication) const {
    return values[(configuration * kpis.size() + kpi) * replications + replication];
  }
  [[nodiscard]] std::optional<std::size_t> find(const std::string& name, const std::string& stage,
                                                const std::string& region) const;
};

/// The stages whose regional spread of waiting times a comparison reports.
const std::vector<std::string>& spread_stages();

/// Builds the comparison; every run must have the same replications, seed and time points.
Comparison compare(const std::vector<ConfigurationRun>& configurations);

}  // namespace ketensim::model
