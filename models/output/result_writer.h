// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <string>

#include "models/output/atomic_write.h"
#include "models/run_result.h"

namespace ketensim::output {

struct WriteOptions {
  /// Value of the root attribute `created` (ISO 8601 UTC); empty means now. Pinning it makes
  /// two writes of the same result byte-identical, which regression tests can compare.
  std::string created;
  /// Test hook: called with the temporary file's path once it is complete and closed, just
  /// before it is renamed onto the final path. A throw aborts the write like any failure.
  std::function<void(const std::string& temporary_path)> before_rename;
};

/// Writes `run` to the HDF5 file `path` in the layout of docs/output-format.md.
///
/// Atomic: the file is written as `path + ".tmp-<pid>"` in the same directory, flushed to
/// disk and renamed onto `path`, so readers never see a half-written file. On any failure
/// the temporary file is removed, a file already at `path` is left as it was, and the
/// error is rethrown (std::runtime_error naming the path). Creates missing parent
/// directories. Results whose replications disagree in shape (time points, series,
/// metrics, staff series and metrics, KPIs, calibration targets) are refused before anything
/// is written.
void write_run_result(const model::RunResult& run, const std::string& path);
void write_run_result(const model::RunResult& run, const std::string& path, const WriteOptions& options);

}  // namespace ketensim::output
