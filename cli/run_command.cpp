// SPDX-License-Identifier: MIT
// `ketensim run` and `ketensim calibration`: load, run, write, summarise.
#include <filesystem>
#include <iostream>

#include "cli/analytic_tables.h"
#include "cli/arguments.h"
#include "cli/calibration_rows.h"
#include "cli/output_format.h"
#include "cli/result_tables.h"
#include "cli/commands.h"
#include "cli/number_format.h"
#include "cli/progress_line.h"
#include "cli/run_options.h"
#include "cli/summary.h"
#include "models/analytic/analyze.h"
#include "models/analytic/report_rows.h"
#include "models/output/result_layout.h"
#include "models/output/result_writer.h"
#include "models/run_memory.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace ketensim::cli {
namespace {

std::string default_output(const model::Scenario& scenario) {
  std::string name = scenario.name.empty() ? std::filesystem::path(scenario.path).stem().string() : scenario.name;
  return "results/" + name + ".h5";
}

int run_or_calibrate(const std::vector<std::string>& words, bool calibration_only) {
  const std::string command = calibration_only ? "calibration" : "run";
  std::vector<Arguments::Option> options = run_option_list();
  if (!calibration_only) {
    options.insert(options.end() - 1, {"--analytic", "", false, "also print and store the analytic estimate (docs/analytic.md)"});
    options.insert(options.end() - 1, {"--all", "", false, "print every national KPI, not only the headline ones"});
  } else {
    for (auto& option : options) {
      if (option.long_name == "--output") option.help = "also write the HDF5 result to this file (default: none)";
    }
  }
  options.insert(options.end() - 1, format_option());
  Arguments args(command, options);
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim " << command << " SCENARIO [options]\n\n"
              << (calibration_only ? "Runs the scenario and prints each calibration target (figures.md) beside the\n"
                                     "simulated value; exit code 3 when a target is outside its tolerance.\n\n"
                                   : "Runs every replication of the scenario, writes the HDF5 result and prints the\n"
                                     "headline KPIs (--all: every national KPI) and the calibration comparison;\n"
                                     "--format csv|json prints tidy tables for programs instead (docs/cli.md).\n\n")
              << args.options_help();
    return success;
  }
  if (args.positional().size() != 1) throw UsageError("ketensim " + command + ": expected one scenario file (see --help)");
  struct {
    model::Scenario scenario;
    model::RunOptions options;
  } prepared{load_with_overrides(args.positional()[0], args, command), engine_options(args, command)};
  // A calibrated figure is a steady-state figure only if the run has settled, and a list
  // needs years to show whether it does (docs/calibration.md).
  constexpr double calibration_years = 10;
  if (calibration_only && prepared.scenario.parameters.run.years < calibration_years) {
    throw UsageError("ketensim calibration: run.years = " + format_number(prepared.scenario.parameters.run.years) +
                     ": calibration needs at least 10 years to test that every waiting list settles (use --years 10)");
  }
  const std::string output = args.value("--output").value_or(default_output(prepared.scenario));
  if (const auto physical = model::physical_memory_bytes()) {
    model::check_run_memory(prepared.scenario, *physical, "this machine's memory");
  }
  const bool writes = !calibration_only || args.value("--output");
  if (writes) refuse_foreign_output(args, output, output::layout::filetype);
  const OutputFormat format = output_format(args, command);
  const bool quiet = args.has("--quiet");
  ProgressLine progress(!quiet);
  prepared.options.progress = [&progress](const model::Progress& p) { progress.update(p); };
  // The analytic estimate first: it takes milliseconds and a scenario it refuses fails fast.
  std::vector<model::KpiValue> analytic;
  if (args.has("--analytic")) analytic = model::analytic::report_rows(model::analytic::analyze(prepared.scenario));
  model::RunResult run = model::run_scenario(prepared.scenario, prepared.options);
  run.analytic = std::move(analytic);
  progress.finish();
  if (writes) output::write_run_result(run, output);
  std::uint64_t events = 0;
  double seconds = 0;
  for (const auto& replication : run.replications) {
    events += replication.events_delivered;
    seconds += replication.wall_seconds;
  }
  const std::string timing = format_number(seconds) + " s (" + format_number(seconds > 0 ? events / seconds : 0.0) +
                             " events/s)";
  int missed = 0;
  if (format != OutputFormat::table) {
    const bool with_targets = calibration_only || prepared.scenario.parameters.run.compare_with_targets != 0;
    std::vector<TidyTable> tables;
    if (!calibration_only) tables.push_back(kpi_table(run));
    if (with_targets) tables.push_back(calibration_table(run));
    const TidyTable trends = trend_table(run);
    tables.push_back(trends);
    if (!run.analytic.empty()) tables.push_back(estimate_table(run.analytic));
    if (calibration_only) {
      for (const auto& row : calibration_rows(run)) missed += !row.ok && !row.open;
      for (const auto& row : trends.rows) missed += !std::get<bool>(row.back());
    }
    const Fields fields = {{"command", command},
                           {"scenario", run.scenario_name},
                           {"engine", run.engine},
                           {"replications", static_cast<double>(run.replications.size())},
                           {"events", static_cast<double>(events)},
                           {"seconds", seconds},
                           {"result", writes ? output : ""}};
    write_tables(std::cout, format, fields, tables);
    // CSV is the table alone: what the table would say around it goes to stderr.
    if (format == OutputFormat::csv) {
      std::cerr << "engine: " << run.engine << ", " << events << " events in " << timing << "\n";
      if (writes) std::cerr << "result: " << output << "\n";
    }
    return calibration_only && missed > 0 ? calibration_missed : success;
  }
  if (!quiet || calibration_only) {
    if (!calibration_only) {
      print_kpi_summary(std::cout, run, args.has("--all"));
      print_settling(std::cout, {run.scenario_name}, {&run});
    }
    if (!run.analytic.empty()) print_analytic_comparison(std::cout, run);
    if (calibration_only || prepared.scenario.parameters.run.compare_with_targets != 0) missed = print_calibration(std::cout, run);
    // Calibration prints each list's trend in full and counts a drift as a miss.
    if (calibration_only) missed += print_waiting_list_trends(std::cout, run);
  }
  std::cout << "\nengine: " << run.engine << ", " << events << " events in " << timing << "\n";
  if (writes) std::cout << "result: " << output << "\n";
  return calibration_only && missed > 0 ? calibration_missed : success;
}

}  // namespace

int run_command(const std::vector<std::string>& words) { return run_or_calibrate(words, false); }
int calibration_command(const std::vector<std::string>& words) { return run_or_calibrate(words, true); }

}  // namespace ketensim::cli
