// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sweep/point_task.h"
#include "sweep/sweep_progress.h"

namespace ketensim::sweep {

/// Exit codes of `ketensim sweep` and `ketensim-sweep` (docs/sweeps.md).
enum SweepExitCode : int {
  sweep_ok = 0,             // every point ran and the summary is written
  sweep_failure = 1,        // the sweep itself failed (cannot write the summary, cannot start a run)
  sweep_input_error = 2,    // bad spec, base scenario or command line: nothing was run
  sweep_failed_points = 10  // 10 + k: k points failed (k capped at 100); the summary is written
};
inline constexpr std::size_t max_failed_points_in_exit_code = 100;
/// 0 when no point failed, else 10 + min(failed, 100).
int exit_code_for_failed_points(std::size_t failed);

/// What to sweep and where.
struct SweepRequest {
  std::string spec_path;
  std::string output_directory;
  std::string ketensim;    // the program that runs a point (`ketensim run ...`)
  bool quiet = false;      // no progress line
  bool list_only = false;  // print the points and stop
  bool force = false;      // overwrite a DIR/sweep.h5 that is not a ketensim sweep summary
};

/// Runs the tasks it is given, by whatever means (local child processes, MPI ranks), and
/// returns one outcome per task in the tasks' order; throws Interrupted on a signal.
using Executor = std::function<std::vector<PointOutcome>(const std::vector<PointTask>&, SweepProgress&)>;

/// A whole sweep: reads the spec, plans the points, skips points whose run file is
/// finished (see check_run_file), runs the others with `execute`, and writes the summary.
/// Reports problems on stderr and the result on stdout; returns the exit code. The same
/// steps serve the local command and the MPI driver, so both write the same summary.
int run_sweep(const SweepRequest& request, const Executor& execute);

}  // namespace ketensim::sweep
