// SPDX-License-Identifier: MIT
// `ketensim run` and `ketensim calibration`: load, run, write, summarise.
#include <filesystem>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "cli/summary.h"
#include "models/output/result_writer.h"
#include "models/scenario.h"
#include "models/scenario_error.h"
#include "models/simulation.h"

namespace ketensim::cli {
namespace {

std::vector<Arguments::Option> run_options() {
  return {
      {"--output", "-o", true, "result file (default results/<scenario name>.h5)"},
      {"--seed", "", true, "root seed (overrides run.seed)"},
      {"--replications", "-r", true, "number of replications (overrides run.replications)"},
      {"--years", "", true, "simulated years, warm-up included (overrides run.years)"},
      {"--engine", "", true, "native (default) or simgrid"},
      {"--set", "", true, "KEY=VALUE: change one scenario key (repeatable), e.g. --set gi.fte=2400"},
      {"--events", "", false, "also write the per-family event log"},
      {"--quiet", "-q", false, "no progress line and no summary tables"},
      {"--help", "-h", false, "show this help"},
  };
}

struct Prepared {
  model::Scenario scenario;
  model::RunOptions options;
};

// Reads the scenario and applies the command-line overrides with the loader's own checks.
Prepared prepare(const Arguments& args, const std::string& command) {
  if (args.positional().size() != 1) throw UsageError("ketensim " + command + ": expected one scenario file (see --help)");
  Prepared prepared{model::load_scenario(args.positional()[0]), {}};
  if (const auto seed = args.number("--seed")) model::set_parameter(prepared.scenario, "run.seed", *seed, "--seed");
  if (const auto r = args.number("--replications")) model::set_parameter(prepared.scenario, "run.replications", *r, "--replications");
  if (const auto years = args.number("--years")) model::set_parameter(prepared.scenario, "run.years", *years, "--years");
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
      if (used == 0 || used != text.size()) {
        throw model::ScenarioError("--set: " + key + " = " + text + ": expected a number");
      }
    }
    model::set_parameter(prepared.scenario, key, value, "--set");
  }
  model::check_cross_field_rules(prepared.scenario);
  if (const auto engine = args.value("--engine")) {
    try {
      prepared.options.engine = sim::engine_kind_from_name(*engine);
    } catch (const std::invalid_argument& e) {
      throw UsageError("ketensim " + command + ": --engine: " + e.what());
    }
  }
  prepared.options.event_log = args.has("--events");
  return prepared;
}

std::string default_output(const model::Scenario& scenario) {
  std::string name = scenario.name.empty() ? std::filesystem::path(scenario.path).stem().string() : scenario.name;
  return "results/" + name + ".h5";
}

int run_or_calibrate(const std::vector<std::string>& words, bool calibration_only) {
  const std::string command = calibration_only ? "calibration" : "run";
  Arguments args(command, run_options());
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim " << command << " SCENARIO [options]\n\n"
              << (calibration_only ? "Runs the scenario and prints each calibration target (figures.md) beside the\n"
                                     "simulated value; exit code 3 when a target is outside its tolerance.\n\n"
                                   : "Runs every replication of the scenario, writes the HDF5 result and prints the\n"
                                     "KPI summary and the calibration comparison.\n\n")
              << args.options_help();
    return success;
  }
  auto prepared = prepare(args, command);
  const std::string output = args.value("--output").value_or(default_output(prepared.scenario));
  const bool quiet = args.has("--quiet");
  ProgressLine progress(!quiet);
  prepared.options.progress = [&progress](const model::Progress& p) { progress.update(p); };
  const model::RunResult run = model::run_scenario(prepared.scenario, prepared.options);
  progress.finish();
  if (!calibration_only || args.value("--output")) output::write_run_result(run, output);
  int missed = 0;
  if (!quiet || calibration_only) {
    if (!calibration_only) print_kpi_summary(std::cout, run);
    if (calibration_only || prepared.scenario.parameters.run.compare_with_targets != 0) missed = print_calibration(std::cout, run);
  }
  std::uint64_t events = 0;
  double seconds = 0;
  for (const auto& replication : run.replications) {
    events += replication.events_delivered;
    seconds += replication.wall_seconds;
  }
  std::cout << "\nengine: " << run.engine << ", " << events << " events in " << seconds << " s ("
            << (seconds > 0 ? events / seconds : 0.0) << " events/s)\n";
  if (!calibration_only || args.value("--output")) std::cout << "result: " << output << "\n";
  return calibration_only && missed > 0 ? calibration_missed : success;
}

}  // namespace

int run_command(const std::vector<std::string>& words) { return run_or_calibrate(words, false); }
int calibration_command(const std::vector<std::string>& words) { return run_or_calibrate(words, true); }

}  // namespace ketensim::cli
