// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "sweep/point_task.h"
#include "sweep/sweep_progress.h"

namespace ketensim::sweep {

/// Runs the tasks as child processes of this one, at most `jobs` at a time, taking them in
/// order as slots free up. Returns one outcome per task, in the tasks' order. On SIGINT or
/// SIGTERM (an InterruptGuard must be alive) it stops the running children, removes their
/// temporary files and throws Interrupted; finished run files stay for a restart.
std::vector<PointOutcome> run_points_locally(const std::vector<PointTask>& tasks, unsigned jobs,
                                             SweepProgress& progress);

/// Processors this process may run on (its CPU affinity, which batch systems restrict).
unsigned available_processors();

}  // namespace ketensim::sweep
