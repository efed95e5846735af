// SPDX-License-Identifier: MIT
#include "models/simulation.h"

#include <chrono>

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

  const auto replications = static_cast<std::uint32_t>(scenario.parameters.run.replications);
  for (std::uint32_t i = 0; i < replications; ++i) {
    const std::uint32_t k = options.first_replication + i;
    if (options.engine == sim::EngineKind::native) {
      run.replications.push_back(run_replication(scenario, k, options));
    } else {
      const std::string bytes = sim::run_in_child_process([&] { return output::encode(run_replication(scenario, k, options)); });
      run.replications.push_back(output::decode_replication(bytes));
    }
  }
  return run;
}

}  // namespace ketensim::model
