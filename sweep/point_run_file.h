// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_plan.h"
#include "sweep/sweep_spec.h"

namespace ketensim::sweep {

/// One national KPI of a run file: its value in each replication (NaN where undefined).
struct NationalKpi {
  std::string name;
  std::string stage;
  std::string unit;
  std::vector<double> values;  // one per row of /replications
};

/// The national rows of a run file's /kpis_by_replication, and its replication numbers.
struct PointKpis {
  std::vector<std::uint32_t> replications;
  std::vector<NationalKpi> kpis;  // in the file's order
};

/// Reads them; throws std::runtime_error naming the file when it is not a complete
/// ketensim.run 1.x file.
PointKpis read_national_kpis(const std::string& path);

/// Whether a point's run file can be taken as the point's result.
struct RunFileCheck {
  bool finished = false;
  bool exists = false;
  std::string reason;        // why not, when it exists but is not taken
  std::string git_revision;  // of the ketensim that wrote it, when finished
};

/// A run file stands for a point when it is a readable ketensim.run 1.x file (ketensim
/// writes a temporary file and renames it, so a half-written one never sits at this path),
/// ran on the spec's engine, and holds exactly the resolved scenario the point's command
/// would run: the base scenario with the point's values, seed, replications and years.
/// Any other file (another spec, an edited base scenario) is not finished.
RunFileCheck check_run_file(const SweepSpec& spec, const Point& point, const std::string& path);

}  // namespace ketensim::sweep
