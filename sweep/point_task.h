// SPDX-License-Identifier: MIT
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sweep/spawned_process.h"

namespace ketensim::sweep {

/// One point to run: the command that runs it and the run file it must leave behind.
struct PointTask {
  std::uint32_t index = 0;
  std::vector<std::string> command;  // `ketensim run ...`, argv[0] the program
  std::string run_file;              // absolute path of DIR/points/NNNN.h5
};

/// How running a point went; `error` is empty when it succeeded.
struct PointOutcome {
  std::uint32_t index = 0;
  bool ok = false;
  std::string error;
};

/// The outcome of a point whose process `pid` ended as `process` says. A point succeeded
/// only when its program exited with 0 and its run file is in place. When it failed, the
/// temporary file the run may have left (RUN_FILE.tmp-PID, see docs/output-format.md) is
/// removed: a run killed before its rename leaves one behind.
PointOutcome finish_point(const PointTask& task, pid_t pid, const ProcessOutcome& process);

/// Byte strings that carry tasks and outcomes between MPI ranks.
std::string encode(const PointTask& task);
PointTask decode_task(const std::string& bytes);
std::string encode(const PointOutcome& outcome);
PointOutcome decode_outcome(const std::string& bytes);

}  // namespace ketensim::sweep
