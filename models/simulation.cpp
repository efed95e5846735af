// SPDX-License-Identifier: MIT
#include "models/simulation.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "models/chain.h"
#include "models/output/result_codec.h"
#include "sim/child_process.h"

#ifndef KETENSIM_VERSION
#define KETENSIM_VERSION "unknown"
#endif
#ifndef KETENSIM_GIT_REVISION
#define KETENSIM_GIT_REVISION "unknown"
#endif

namespace ketensim::model {

std::string software_version() { return KETENSIM_VERSION; }
std::string git_revision() { return KETENSIM_GIT_REVISION; }

ReplicationResult run_replication(const Scenario& scenario, std::uint32_t replication, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Chain chain(scenario, replication, options.event_log);
  auto engine = sim::make_engine(options.engine, chain.platform(), chain);
  chain.attach(*engine);
  const double end = chain.end_date();
  // Run in slices of simulated time so that a progress line can be shown; slices do not
  // change results (run_until delivers exactly the events due up to each slice's end).
  const double slice = 30.0;
  for (double until = slice;; until += slice) {
    engine->run_until(std::min(until, end));
    if (options.progress) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      options.progress(Progress{replication, static_cast<std::uint32_t>(scenario.parameters.run.replications),
                                std::min(until, end), end, engine->events_delivered(), wall});
    }
    if (until >= end) break;
  }
  ReplicationResult result = chain.result();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

unsigned available_processors() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
  return std::max(1U, std::thread::hardware_concurrency());
}

void run_replications(const Scenario& scenario, const RunOptions& options,
                      const std::function<void(std::size_t index, ReplicationResult&& result)>& take) {
  const auto replications = static_cast<std::size_t>(scenario.parameters.run.replications);
  const unsigned jobs = static_cast<unsigned>(std::min<std::size_t>(std::max(1U, options.jobs), std::max<std::size_t>(1, replications)));
  auto replication_of = [&](std::size_t i) { return static_cast<std::uint32_t>(options.first_replication + i); };
  if (options.engine != sim::EngineKind::native) {
    sim::run_in_child_processes(
        replications, jobs, [&](std::size_t i) { return output::encode(run_replication(scenario, replication_of(i), options)); },
        [&](std::size_t i, std::string&& bytes) { take(i, output::decode_replication(bytes)); });
    return;
  }
  if (jobs == 1) {
    for (std::size_t i = 0; i < replications; ++i) take(i, run_replication(scenario, replication_of(i), options));
    return;
  }
  // A Chain and its engine share nothing with other Chains (no global state), so replications
  // run on threads; the lock serialises the hand-over of results and progress reports.
  std::mutex lock;
  RunOptions threaded = options;
  if (options.progress) {
    threaded.progress = [&](const Progress& progress) {
      const std::lock_guard<std::mutex> guard(lock);
      options.progress(progress);
    };
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  auto work = [&] {
    for (std::size_t i = next++; i < replications; i = next++) {
      try {
        ReplicationResult result = run_replication(scenario, replication_of(i), threaded);
        const std::lock_guard<std::mutex> guard(lock);
        if (!failure) take(i, std::move(result));
      } catch (...) {
        const std::lock_guard<std::mutex> guard(lock);
        if (!failure) failure = std::current_exception();
        next = replications;  // start no more
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(work);
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  RunResult run;
  run.software_version = software_version();
  run.git_revision = git_revision();
  run.engine = options.engine == sim::EngineKind::native ? "native" : "simgrid";
  run.scenario_name = scenario.name;
  run.scenario_path = scenario.path;
  run.scenario_text = scenario.resolved_text();
  run.seed = static_cast<std::uint64_t>(scenario.parameters.run.seed);
  run.years = scenario.parameters.run.years;
  run.warmup_years = scenario.parameters.run.warmup_years;
  run.start_date = scenario.start_date;
  for (const auto& region : scenario.regions.regions) run.region_names.push_back(region.code);
  for (std::size_t s = 0; s < stage_count; ++s) run.stage_names.emplace_back(stage_name(static_cast<Stage>(s)));
  run.event_names = Chain::event_names();
  run.has_events = options.event_log;

  std::vector<std::optional<ReplicationResult>> gathered(static_cast<std::size_t>(scenario.parameters.run.replications));
  run_replications(scenario, options, [&](std::size_t i, ReplicationResult&& result) { gathered[i] = std::move(result); });
  run.replications.reserve(gathered.size());
  for (auto& result : gathered) run.replications.push_back(std::move(*result));
  return run;
}

}  // namespace ketensim::model
