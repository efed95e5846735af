// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "models/scenario.h"

// How much memory a run's results need before they are written: every replication's time
// series is kept until the file is written, so replications x samples x series x metrics
// decides it. `ketensim check` and `ketensim run` refuse a run that cannot fit, naming the
// keys that drive it, instead of failing late with std::bad_alloc.
namespace ketensim::model {

struct RunMemory {
  double bytes = 0.0;     // a lower bound: the time series alone
  std::string breakdown;  // "run.replications = R x ... x 8 bytes"
};

RunMemory estimate_run_memory(const Scenario& scenario);

/// Physical memory of this machine in bytes, or nothing when unknown.
std::optional<double> physical_memory_bytes();

/// Parses "4G", "512M", "2048K" or a byte count (binary units) for --max-memory; nothing
/// when the text is not one.
std::optional<double> parse_memory_size(const std::string& text);

/// Throws ScenarioError("SCENARIO: the run needs at least ...") when the estimate exceeds
/// `limit_bytes`; `limit_name` says where the limit came from ("--max-memory 4G",
/// "the machine's memory").
void check_run_memory(const Scenario& scenario, double limit_bytes, const std::string& limit_name);

}  // namespace ketensim::model
