// SPDX-License-Identifier: MIT
// `ketensim analyze`: the analytic flow model of a scenario (docs/analytic.md).
#include <chrono>
#include <iostream>

#include "cli/analytic_tables.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/number_format.h"
#include "cli/output_format.h"
#include "cli/result_tables.h"
#include "cli/run_options.h"
#include "models/analytic/analyze.h"
#include "models/analytic/report_rows.h"

namespace ketensim::cli {

int analyze_command(const std::vector<std::string>& words) {
  Arguments args("analyze", {
                                {"--max-inflow", "", false, "per pool, the factor on all external inflows at which load reaches capacity"},
                                {"--after-interventions", "", false, "apply every [[intervention]] in full (default: the values at the start)"},
                                {"--by-region", "", false, "print care for every region, not only national"},
                                {"--set", "", true, "KEY=VALUE: change one scenario key (repeatable), e.g. --set rvdk.fte=1100"},
                                format_option(),
                                {"--help", "-h", false, "show this help"},
                            });
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim analyze SCENARIO [options]\n\n"
                 "Solves the chain's traffic equations and estimates each staff pool's load, utilisation,\n"
                 "stability and mean wait, and each care type's, in steady state and in milliseconds\n"
                 "(docs/analytic.md). Nothing is simulated and nothing is written.\n\n"
              << args.options_help();
    return success;
  }
  if (args.positional().size() != 1) throw UsageError("ketensim analyze: expected one scenario file (see --help)");
  const model::Scenario scenario = load_with_overrides(args.positional()[0], args, "analyze");
  const auto state = args.has("--after-interventions") ? model::analytic::ParameterState::after_interventions
                                                       : model::analytic::ParameterState::start;
  const auto started = std::chrono::steady_clock::now();
  const model::analytic::FlowReport report = model::analytic::analyze(scenario, state);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const OutputFormat format = output_format(args, "analyze");
  if (format != OutputFormat::table) {
    // Every estimate, keyed like the simulated KPIs (the same rows as `run --analytic` stores).
    auto estimates = estimate_table(model::analytic::report_rows(report));
    estimates.name = "estimates";
    write_tables(std::cout, format,
                 {{"command", std::string("analyze")},
                  {"scenario", scenario.name},
                  {"parameters", std::string(state == model::analytic::ParameterState::start ? "start" : "after_interventions")},
                  {"bottleneck", report.bottleneck},
                  {"max_inflow_multiplier", report.max_inflow_multiplier}},
                 {estimates});
    return success;
  }

  std::cout << "Analytic flow model: " << scenario.name << " (steady state, no simulation; docs/analytic.md)\n";
  if (!scenario.interventions.empty()) {
    std::cout << "parameters: "
              << (state == model::analytic::ParameterState::start
                      ? "the values at the start; " + std::to_string(scenario.interventions.size()) +
                            " intervention(s) not applied (--after-interventions applies them)\n"
                      : "after every intervention, in full\n");
  }
  for (const auto& what : report.left_out) std::cout << "not in this estimate: " << what << "\n";
  print_loops(std::cout, report.loops);
  if (args.has("--max-inflow")) {
    print_max_inflow(std::cout, report);
  } else {
    print_flow_report(std::cout, report, args.has("--by-region"));
  }
  std::cout << "\nsolved in " << format_number(seconds * 1000.0) << " ms\n";
  return success;
}

}  // namespace ketensim::cli
