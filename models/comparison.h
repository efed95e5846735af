// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/region_table.h"
#include "models/run_result.h"
#include "models/settling.h"
#include "sim/statistics.h"

namespace ketensim::model {

/// One configuration of a comparison and its runs.
struct ConfigurationRun {
  std::string name;
  std::string path;
  std::string placement;
  RunResult run;
  /// The scenario's regions, for the regional spread (the pools they share, their youth
  /// population); empty: each KPI region its own unit of equal weight.
  std::vector<Region> regions = {};
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
  /// Mean with its 95% interval, per [configuration][kpi]; low and high respect the KPI's
  /// bounds (models/kpi_bounds.h), half_width is Student's.
  std::vector<sim::ConfidenceInterval> estimates;
  /// Paired difference (configuration - first) with its 95% interval, per [configuration][kpi];
  /// the first configuration's entries are NaN. Student's t (a difference has either sign).
  std::vector<sim::ConfidenceInterval> differences;

  /// The spread across regions of a stage's mean wait or share within deadline, per
  /// configuration: per replication, over the units that serve the regions (a pool shared
  /// by several regions once, models/regional_spread.h), each unit's population-weighted
  /// value; then the population-weighted p90 - p10 and the max - min, with bounded 95%
  /// intervals over replications.
  struct Spread {
    std::string stage;
    std::string metric;  ///< wait_days_mean or share_within_deadline
    std::uint64_t units = 0;
    sim::ConfidenceInterval p10_to_p90;
    sim::ConfidenceInterval max_minus_min;
  };
  std::vector<std::vector<Spread>> spread;  // [configuration][stage]
  /// Whether each national waiting list settles, per configuration (models/settling.h).
  std::vector<std::vector<SettlingFlag>> settling;

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

/// The stages whose regional spread a comparison reports.
const std::vector<std::string>& spread_stages();

/// Builds the comparison; every run must have the same replications, seed and time points.
Comparison compare(const std::vector<ConfigurationRun>& configurations);

}  // namespace ketensim::model
