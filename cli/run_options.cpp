// SPDX-License-Identifier: MIT
#include "cli/run_options.h"

#include <cmath>

#include "models/output/overwrite_guard.h"
#include "models/scenario_error.h"

namespace ketensim::cli {

std::vector<Arguments::Option> run_option_list() {
  return {
      {"--output", "-o", true, "result file (default results/<scenario name>.h5)"},
      {"--seed", "", true, "root seed (overrides run.seed)"},
      {"--replications", "-r", true, "number of replications (overrides run.replications)"},
      {"--first-replication", "", true, "index of the first replication (default 0): runs K .. K+R-1, to split a run over processes"},
      {"--years", "", true, "simulated years, warm-up included (overrides run.years)"},
      {"--set", "", true, "KEY=VALUE: change one scenario key (repeatable), e.g. --set gi.fte=2400"},
      {"--engine", "", true, "native (default) or simgrid"},
      {"--jobs", "-j", true, "replications run at once (default: the processors this process may use); results do not depend on it"},
      {"--events", "", false, "also write the per-family event log"},
      {"--force", "", false, "overwrite an existing output that is not a ketensim file of the same kind"},
      {"--quiet", "-q", false, "no progress line and fewer tables"},
      {"--help", "-h", false, "show this help"},
  };
}

model::Scenario load_with_overrides(const std::string& path, const Arguments& args, const std::string& command) {
  model::Scenario scenario = model::load_scenario(path);
  if (const auto seed = args.number("--seed")) model::set_parameter(scenario, "run.seed", *seed, "--seed");
  if (const auto r = args.number("--replications")) model::set_parameter(scenario, "run.replications", *r, "--replications");
  if (const auto years = args.number("--years")) model::set_parameter(scenario, "run.years", *years, "--years");
  for (const auto& assignment : args.values("--set")) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) throw UsageError("ketensim " + command + ": --set " + assignment + ": expected KEY=VALUE");
    const std::string key = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    double value = 0;
    if (text == "true" || text == "false") {
      value = text == "true" ? 1.0 : 0.0;
    } else {
      std::size_t used = 0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != text.size()) throw model::ScenarioError("--set: " + key + " = " + text + ": expected a number");
    }
    model::set_parameter(scenario, key, value, "--set");
  }
  model::check_cross_field_rules(scenario);
  return scenario;
}

void refuse_foreign_output(const Arguments& args, const std::string& path, const std::string& filetype) {
  if (args.has("--force")) return;
  if (const auto reason = output::foreign_result_file(path, filetype)) {
    throw UsageError(output::refusal_message(path, *reason));
  }
}

model::RunOptions engine_options(const Arguments& args, const std::string& command) {
  model::RunOptions options;
  if (const auto engine = args.value("--engine")) {
    try {
      options.engine = sim::engine_kind_from_name(*engine);
    } catch (const std::invalid_argument& e) {
      throw UsageError("ketensim " + command + ": --engine: " + e.what());
    }
  }
  options.event_log = args.has("--events");
  options.jobs = model::available_processors();
  if (const auto jobs = args.number("--jobs")) {
    if (!(*jobs >= 1 && *jobs <= 1024) || std::floor(*jobs) != *jobs) {
      throw UsageError("ketensim " + command + ": --jobs = " + *args.value("--jobs") + ": expected a whole number from 1 to 1024");
    }
    options.jobs = static_cast<unsigned>(*jobs);
  }
  if (const auto first = args.number("--first-replication")) {
    if (!(*first >= 0 && *first <= 4294967295.0) || std::floor(*first) != *first) {
      throw UsageError("ketensim " + command + ": --first-replication = " + *args.value("--first-replication") +
                       ": expected a whole number >= 0");
    }
    options.first_replication = static_cast<std::uint32_t>(*first);
  }
  return options;
}

}  // namespace ketensim::cli
