// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "sweep/point_task.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_spec.h"

namespace ketensim::sweep {

/// The summary file's kind and layout version (docs/sweeps.md, "The summary file").
/// A minor version adds things a 1.x reader can ignore; a major one changes what exists.
inline constexpr const char* summary_filetype = "ketensim.sweep";
inline constexpr const char* summary_format_version = "2.0";
inline constexpr const char* summary_file_name = "sweep.h5";

struct SummaryCounts {
  std::size_t ok = 0;
  std::size_t failed = 0;
};

/// Writes DIR/sweep.h5: one row per (point, replication) in point order, with the point's
/// factor values, seed, status, error text, run file and national KPIs read from the run
/// file; a failed point has one row per planned replication with NaN KPIs. `outcomes[i]`
/// belongs to `points[i]`. A point whose run file cannot be read counts as failed with the
/// reader's message. Nothing in the file depends on how or in which order the points ran.
/// Atomic (output::write_atomically): a temporary file renamed into place. Throws
/// std::runtime_error.
SummaryCounts write_sweep_summary(const SweepSpec& spec, const std::vector<Point>& points,
                                  std::vector<PointOutcome> outcomes, const std::string& directory);

}  // namespace ketensim::sweep
