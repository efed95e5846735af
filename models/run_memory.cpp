// SPDX-License-Identifier: MIT
#include "models/run_memory.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "models/scenario_error.h"
#include "models/stage.h"
#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

std::string gib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return text;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace

RunMemory estimate_run_memory(const Scenario& scenario) {
  const auto& run = scenario.parameters.run;
  // As Chain::attach samples: every step from day 0 to just before the end, plus the
  // closing sample.
  const double samples = std::floor((run.years * 365.0 - 1e-9) / run.timeseries_step_days) + 2.0;
  const double regions = static_cast<double>(scenario.regions.regions.size());
  const double series = static_cast<double>(stage_count) * (regions + 1.0);  // each region and national
  const double values = run.replications * samples * series * static_cast<double>(metric_count);
  RunMemory memory;
  memory.bytes = values * sizeof(double);
  memory.breakdown = "run.replications = " + number(run.replications) + " x " + number(samples) +
                     " samples (run.years = " + number(run.years) + " / run.timeseries_step_days = " +
                     number(run.timeseries_step_days) + ") x " + number(series) + " series (" +
                     std::to_string(stage_count) + " stages x (" + number(regions) + " regions + national)) x " +
                     std::to_string(metric_count) + " metrics x 8 bytes";
  return memory;
}

std::optional<double> physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return std::nullopt;
  return static_cast<double>(pages) * static_cast<double>(page_size);
}

std::optional<double> parse_memory_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(value) || value <= 0) return std::nullopt;
  const std::string unit(end);
  double factor = 1.0;
  if (unit == "K" || unit == "KiB") factor = 1024.0;
  else if (unit == "M" || unit == "MiB") factor = 1024.0 * 1024.0;
  else if (unit == "G" || unit == "GiB") factor = 1024.0 * 1024.0 * 1024.0;
  else if (unit == "T" || unit == "TiB") factor = 1024.0 * 1024.0 * 1024.0 * 1024.0;
  else if (!unit.empty()) return std::nullopt;
  return value * factor;
}

void check_run_memory(const Scenario& scenario, double limit_bytes, const std::string& limit_name) {
  const RunMemory memory = estimate_run_memory(scenario);
  if (memory.bytes <= limit_bytes) return;
  throw ScenarioError(scenario.path + ": the run needs at least " + gib(memory.bytes) + " for its time series (" +
                      memory.breakdown + "), more than " + limit_name + " (" + gib(limit_bytes) +
                      "); lower run.replications, run.years or the regions, or raise run.timeseries_step_days");
}

}  // namespace ketensim::model
