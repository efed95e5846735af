// SPDX-License-Identifier: MIT
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "models/run_result.h"
#include "sim/statistics.h"

namespace ketensim::testing {

/// The value of one KPI of one replication.
inline double kpi(const model::ReplicationResult& replication, const std::string& name, const std::string& stage,
                  const std::string& region = "national") {
  for (const auto& k : replication.kpis) {
    if (k.name == name && k.stage == stage && k.region == region) return k.value;
  }
  throw std::out_of_range("no KPI " + name + " at " + stage + "/" + region);
}

/// A KPI's confidence interval over the replications of a run.
inline sim::ConfidenceInterval kpi_interval(const model::RunResult& run, const std::string& name,
                                            const std::string& stage, double level) {
  sim::SufficientStats stats;
  for (const auto& replication : run.replications) stats.add(kpi(replication, name, stage));
  return sim::confidence_interval(stats, level);
}

}  // namespace ketensim::testing
