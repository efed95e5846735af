// SPDX-License-Identifier: MIT
#include "cli/calibration_rows.h"

#include <cmath>

#include "models/calibration_targets.h"

namespace ketensim::cli {

std::vector<CalibrationRow> calibration_rows(const model::RunResult& run) {
  std::vector<CalibrationRow> rows;
  if (run.replications.empty()) return rows;
  const auto& first = run.replications.front().calibration;
  for (std::size_t i = 0; i < first.size(); ++i) {
    sim::SufficientStats stats;
    for (const auto& replication : run.replications) stats.add(replication.calibration.at(i).simulated);
    CalibrationRow row;
    row.target = first[i].target;
    row.source = first[i].source;
    row.published = first[i].published;
    row.simulated = sim::confidence_interval(stats, 0.95);
    row.difference_share = (row.simulated.mean - row.published) / row.published;
    if (!std::isfinite(row.difference_share)) row.difference_share = std::nan("");
    row.ok = std::isfinite(row.difference_share) && std::abs(row.difference_share) <= model::calibration_tolerance;
    row.open = model::calibration_targets().size() == first.size() && model::calibration_targets()[i].open;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace ketensim::cli
