// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/run_result.h"
#include "sim/statistics.h"

namespace ketensim::cli {

/// One calibration target of a run beside the simulated mean over its replications: what the
/// calibration table prints and `--format csv|json` writes (one computation for both).
struct CalibrationRow {
  std::string target, source;
  double published = 0;
  sim::ConfidenceInterval simulated{};
  double difference_share = 0;  // (mean - published) / published; NaN when undefined
  bool ok = false;              // within model::calibration_tolerance
  bool open = false;            // an open target (docs/calibration.md): a miss is not counted
};

std::vector<CalibrationRow> calibration_rows(const model::RunResult& run);

}  // namespace ketensim::cli
