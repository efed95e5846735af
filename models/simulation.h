// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "models/run_result.h"
#include "models/scenario.h"
#include "sim/engine.h"

namespace ketensim::model {

/// Progress of a running replication, for a progress line.
struct Progress {
  std::uint32_t replication;
  std::uint32_t replications;
  double simulated_days;
  double end_days;
  std::uint64_t events;
  double wall_seconds;
};

struct RunOptions {
  sim::EngineKind engine = sim::EngineKind::native;
  bool event_log = false;
  /// Index of the first replication to run: run_scenario runs replications
  /// first_replication .. first_replication + run.replications - 1, so that a run split over
  /// processes gives each replication the streams of the same index in a single run.
  std::uint32_t first_replication = 0;
  /// Replications run at once: native ones on threads of this process, SimGrid ones in as
  /// many child processes. Results do not depend on it (replication k's random streams
  /// depend only on k, and results are gathered in replication order).
  unsigned jobs = 1;
  /// Called now and then from the process running the replication (may be a child process);
  /// with several jobs, from one thread at a time, for whichever replication has news.
  std::function<void(const Progress&)> progress;
};

/// Runs replication `replication` of `scenario` in this process.
/// A SimGrid replication can run only once per process: see run_scenario.
ReplicationResult run_replication(const Scenario& scenario, std::uint32_t replication, const RunOptions& options);

/// Runs replications first_replication .. first_replication + run.replications - 1 on
/// `options.jobs` threads (native) or child processes (SimGrid) and hands each result to
/// `take(i, result)`, i counted from 0, as it finishes: in any order, one call at a time.
/// The first failure is thrown once the replications already running have ended.
void run_replications(const Scenario& scenario, const RunOptions& options,
                      const std::function<void(std::size_t index, ReplicationResult&& result)>& take);

/// The number of processors this process may use: the default of the commands' --jobs.
unsigned available_processors();

/// Runs every replication of the scenario (`run.replications`, numbered from
/// `options.first_replication`) and gathers the result.
/// Native replications run in this process; each SimGrid replication runs in its own child
/// process (SimGrid allows one engine per process) and sends its result back.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

/// Version and revision of this build, written into every result.
std::string software_version();
std::string git_revision();

}  // namespace ketensim::model
