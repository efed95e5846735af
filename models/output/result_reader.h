// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/output/hdf5_io.h"
#include "models/output/sufficient_statistics.h"
#include "models/output/yearly_table.h"
#include "models/run_result.h"

namespace ketensim::output {

/// Reads a file written by `write_run_result` back into memory, for tests and for merging
/// the results of separate processes. Checks the root attributes first: a file of another
/// type or of a major format version other than 1 is refused with a message such as
/// "run.h5: filetype is 'x', expected 'ketensim.run'" or
/// "run.h5: format_version is 2.0, this reader understands 1.x". Throws std::runtime_error.
/// Parts a file's minor version predates (/staff and /analytic in 1.0) read back empty.
model::RunResult read_run_result(const std::string& path);

/// Opens a run file after the checks above (right filetype, major format version 1), for
/// readers of parts of it (the sweep summary). Throws std::runtime_error.
h5::File open_run_file(const std::string& path);

/// The rows of /yearly (empty for files before 1.2, which have none).
std::vector<YearlyRow> read_yearly_table(const std::string& path);

/// One row of /kpis: a KPI and its sufficient statistics over replications.
struct KpiStatistics {
  std::string name;
  std::string stage;
  std::string region;
  std::string unit;
  SufficientStatistics statistics;
};
std::vector<KpiStatistics> read_kpi_statistics(const std::string& path);

/// One row of /calibration: a published target and the simulated values' statistics.
struct CalibrationStatistics {
  std::string target;
  double published = 0.0;
  std::string source;
  SufficientStatistics statistics;
};
std::vector<CalibrationStatistics> read_calibration_statistics(const std::string& path);

}  // namespace ketensim::output
