// SPDX-License-Identifier: MIT
// `ketensim compare A.toml B.toml ...`: configurations on common random numbers, paired
// differences with 95% intervals, regional spread, an HDF5 file and PNG plots.

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/headline_kpis.h"
#include "cli/number_format.h"
#include "cli/output_format.h"
#include "cli/result_tables.h"
#include "cli/package_location.h"
#include "cli/progress_line.h"
#include "cli/run_options.h"
#include "cli/sensitivity_report.h"
#include "cli/summary.h"
#include "cli/staff_table.h"
#include "models/comparison.h"
#include "models/comparison_basis.h"
#include "models/output/comparison_writer.h"
#include "models/output/overwrite_guard.h"
#include "models/simulation.h"

namespace ketensim::cli {
namespace {

void print_national(std::ostream& out, const model::Comparison& c) {
  out << "\nNational KPIs (after warm-up): mean [95% interval] over " << c.replications
      << " replications; Δ = paired difference with " << c.names.front() << " (± 95%)\n";
  out << std::left << std::setw(54) << "kpi";
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    out << std::setw(26) << c.names[i].substr(0, 25);
    if (i > 0) out << std::setw(20) << "Δ";
  }
  out << "\n" << std::string(54 + 26 * c.names.size() + 20 * (c.names.size() - 1), '-') << "\n";
  bool rough = false;
  bool marked = false;
  for (const auto& headline : headline_kpis()) {
    const auto k = c.find(headline.name, headline.stage, "national");
    if (!k) continue;
    // Costs in millions, so that they fit the columns.
    const bool euros = c.kpis[*k].unit == "euros/year";
    auto scaled = [euros](sim::ConfidenceInterval ci) {
      if (!euros) return ci;
      for (double* x : {&ci.mean, &ci.half_width, &ci.low, &ci.high}) *x /= 1e6;
      return ci;
    };
    const std::string unit = euros ? "million euros/year" : c.kpis[*k].unit;
    out << std::setw(54) << (std::string(headline.label) + " (" + unit + ")").substr(0, 53);
    for (std::size_t i = 0; i < c.names.size(); ++i) {
      const auto estimate = scaled(c.estimates[c.at(i, *k)]);
      rough = rough || (estimate.n >= 2 && !(estimate.half_width <= std::abs(estimate.mean)));
      out << std::setw(26) << format_estimate(estimate) << " ";
      if (i > 0) {
        marked = marked || sim::interval_excludes_zero(c.differences[c.at(i, *k)]);
        out << std::setw(20) << format_difference(scaled(c.differences[c.at(i, *k)]));
      }
    }
    out << "\n";
  }
  out << interval_notes(c.replications, rough, marked);
}

void print_spread(std::ostream& out, const model::Comparison& c) {
  out << "\nSpread across regions (each pool once, population-weighted; units: pools or regions counted)\n";
  out << std::left << std::setw(54) << "stage";
  for (const auto& name : c.names) out << std::setw(27) << name.substr(0, 26);
  out << "\n" << std::string(54 + 27 * c.names.size(), '-') << "\n";
  if (c.spread.empty()) return;
  for (std::size_t s = 0; s < c.spread.front().size(); ++s) {
    const auto& first = c.spread.front()[s];
    const std::string what = first.stage + (first.metric == "wait_days_mean" ? " wait (days)" : " share within deadline");
    for (const bool p10_p90 : {true, false}) {
      out << std::setw(54) << (what + (p10_p90 ? ": p90 - p10" : ": max - min"));
      for (std::size_t i = 0; i < c.names.size(); ++i) {
        std::string cell = "-";
        for (const auto& spread : c.spread[i]) {
          if (spread.stage != first.stage || spread.metric != first.metric) continue;
          cell = spread.units < 2 ? "one pool"
                                  : format_estimate(p10_p90 ? spread.p10_to_p90 : spread.max_minus_min) + " (" +
                                        std::to_string(spread.units) + ")";
        }
        out << std::setw(27) << cell;
      }
      out << "\n";
    }
  }
}

void print_regions(std::ostream& out, const model::Comparison& c, const std::string& stage) {
  out << "\nMean wait before assignment at " << stage << " per region (days): mean [95% interval], Δ paired with "
      << c.names.front() << "\n";
  out << std::left << std::setw(28) << "region";
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    out << std::setw(24) << c.names[i].substr(0, 23);
    if (i > 0) out << std::setw(18) << "Δ";
  }
  out << "\n" << std::string(28 + 24 * c.names.size() + 18 * (c.names.size() - 1), '-') << "\n";
  for (std::size_t k = 0; k < c.kpis.size(); ++k) {
    if (c.kpis[k].name != "wait_days_mean" || c.kpis[k].stage != stage) continue;
    out << std::setw(28) << c.kpis[k].region.substr(0, 27);
    for (std::size_t i = 0; i < c.names.size(); ++i) {
      out << std::setw(24) << format_estimate(c.estimates[c.at(i, k)]);
      if (i > 0) out << std::setw(18) << format_difference(c.differences[c.at(i, k)]);
    }
    out << "\n";
  }
}

// The plots comparison_plots.py draws beside FILE.h5, named from the stem.
std::string plot_prefix(const std::string& output) {
  return output.size() > 3 && output.substr(output.size() - 3) == ".h5" ? output.substr(0, output.size() - 3) : output;
}
std::vector<std::string> plot_files(const std::string& prefix) {
  return {prefix + "-waiting.png", prefix + "-regions.png", prefix + "-differences.png"};
}

// Draws the PNG plots with Debian's Python and matplotlib, running the package's
// comparison_plots.py found beside this program (cli/package_location.h); returns the files made.
std::vector<std::string> draw_plots(const std::string& file, const std::string& prefix) {
  if (!run_package_script("comparison_plots.py", {file, prefix}, "no plots")) return {};
  return plot_files(prefix);
}

// Puts every configuration on the chosen basis (docs/scenario-comparison.md) and returns
// what the table should say about it.
std::string put_on_basis(std::vector<model::Scenario>& scenarios, const std::vector<std::string>& names, model::Basis basis,
                         const model::RunOptions& options, bool quiet) {
  std::ostringstream notes;
  if (basis == model::Basis::equal_budget) {
    notes << "Highest effective utilisation of any pool (analytic), as configured -> equal budget:\n";
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      auto highest = [](const model::Scenario& s) {
        double most = 0;
        for (const auto& [organisation, u] : model::highest_effective_utilisation(s)) most = std::max(most, u);
        return most;
      };
      const double before = highest(scenarios[i]);
      scenarios[i] = model::equal_budget(scenarios[i]);
      notes << "  " << names[i] << ": " << format_number(before) << " -> " << format_number(highest(scenarios[i])) << "\n";
    }
  }
  if (basis == model::Basis::meet_norms) {
    notes << "Deadlines at the staff found (national share within the deadline, mean [95% interval] >= norm):\n";
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const auto found = model::meet_norms(scenarios[i], options, 0.01, [&](const std::string& note) {
        if (!quiet) std::cerr << "\r" << names[i] << ": meet-norms " << note << "          " << std::flush;
      });
      if (!quiet) std::cerr << "\n";
      scenarios[i] = found.scenario;
      notes << "  " << names[i] << " (" << found.simulations << " simulations):";
      for (const auto& check : found.checks) {
        notes << " " << check.stage << " " << format_estimate(check.share) << (check.met() ? " >= " : " < ")
              << format_number(check.target) << ";";
      }
      notes << "\n";
    }
  }
  return notes.str();
}

}  // namespace

int compare_command(const std::vector<std::string>& words) {
  auto options = run_option_list();
  for (auto& option : options) {
    if (option.long_name == "--output") option.help = "comparison file (default results/compare.h5); the plots go beside it";
  }
  options.push_back({"--no-plots", "", false, "do not draw the PNG plots"});
  options.push_back(format_option());
  options.push_back({"--sensitivity", "", true,
                     "PLAN.toml: also vary the plan's assumption keys over their ranges and report whether the order "
                     "of its two configurations holds (e.g. scenarios/sensitivity/scenario-order.toml)"});
  options.push_back({"--basis", "", true,
                     "as-configured (default) | equal-budget (same total FTE, equal effective utilisation) | "
                     "meet-norms (smallest staff that meets the legal deadlines)"});
  Arguments args("compare", options);
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim compare A.toml B.toml [C.toml ...] [options]\n\n"
                 "Runs every configuration on common random numbers (replication k of each uses the same\n"
                 "streams for the same sources) and reports each KPI's mean with a 95% interval, the paired\n"
                 "difference with the first configuration, and the spread of waiting times across regions.\n"
                 "Writes an HDF5 file (default results/compare.h5) and PNG plots beside it.\n\n"
              << args.options_help();
    return success;
  }
  if (args.positional().size() < 2) throw UsageError("ketensim compare: expected at least two scenario files (see --help)");
  // Every configuration gets the same seed and replications, or the differences are not paired.
  std::vector<model::Scenario> scenarios;
  for (const auto& path : args.positional()) scenarios.push_back(load_with_overrides(path, args, "compare"));
  for (auto& scenario : scenarios) {
    if (scenario.parameters.run.seed != scenarios.front().parameters.run.seed ||
        scenario.parameters.run.replications != scenarios.front().parameters.run.replications ||
        scenario.parameters.run.years != scenarios.front().parameters.run.years ||
        scenario.parameters.run.warmup_years != scenarios.front().parameters.run.warmup_years) {
      std::cerr << "note: " << scenario.path << ": run settings (seed, replications, years, warm-up) taken from "
                << scenarios.front().path << " so that replications are paired\n";
      for (const char* key : {"run.seed", "run.replications", "run.years", "run.warmup_years"}) {
        model::set_parameter(scenario, key, model::get_parameter(scenarios.front(), key), scenarios.front().path);
      }
      model::check_cross_field_rules(scenario);
    }
  }
  const std::string output = args.value("--output").value_or("results/compare.h5");
  refuse_foreign_output(args, output, output::comparison_filetype);
  if (!args.has("--no-plots") && !args.has("--force")) {
    for (const std::string& plot : plot_files(plot_prefix(output))) {
      if (const auto reason = output::foreign_plot_file(plot)) throw UsageError(output::refusal_message(plot, *reason));
    }
  }
  const OutputFormat format = output_format(args, "compare");
  const bool quiet = args.has("--quiet");
  model::Basis basis = model::Basis::as_configured;
  try {
    basis = model::basis_from_name(args.value("--basis").value_or("as-configured"));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("ketensim compare: --basis ") + e.what());
  }
  std::vector<std::string> names;
  for (const auto& scenario : scenarios) {
    names.push_back(scenario.name.empty() ? std::filesystem::path(scenario.path).stem().string() : scenario.name);
  }
  std::vector<model::HeadlineKpi> headline;
  for (const auto& h : headline_kpis()) headline.push_back({h.name, h.stage, h.label, ""});
  std::optional<SensitivityRequest> sensitivity;
  if (const auto plan = args.value("--sensitivity")) {
    sensitivity = prepare_sensitivity(*plan, names, scenarios, headline, plot_prefix(output), args);
  }
  const std::string basis_notes = put_on_basis(scenarios, names, basis, engine_options(args, "compare"), quiet);
  ProgressLine progress(!quiet);
  std::vector<model::ConfigurationRun> runs;
  for (const auto& scenario : scenarios) {
    model::RunOptions run_options = engine_options(args, "compare");
    run_options.progress = [&progress](const model::Progress& p) { progress.update(p); };
    runs.push_back({names[runs.size()], scenario.path, model::placement_name(scenario.placement),
                    model::run_scenario(scenario, run_options), scenario.regions.regions});
  }
  progress.finish();
  const model::Comparison comparison = model::compare(runs);
  output::write_comparison(comparison, output, model::software_version(), model::git_revision());
  if (format != OutputFormat::table) {
    Fields fields = {{"command", std::string("compare")},
                     {"basis", std::string(model::basis_name(basis))},
                     {"replications", static_cast<double>(comparison.replications)},
                     {"result", output}};
    const auto plots = args.has("--no-plots") ? std::vector<std::string>{} : draw_plots(output, plot_prefix(output));
    for (std::size_t i = 0; i < plots.size(); ++i) fields.push_back({"plot_" + std::to_string(i + 1), plots[i]});
    write_tables(std::cout, format, fields, {comparison_table(comparison), spread_table(comparison)});
    // CSV is the table alone: the paths go to stderr.
    if (format == OutputFormat::csv) {
      std::cerr << "result: " << output << "\n";
      for (const auto& plot : plots) std::cerr << "plot: " << plot << "\n";
    }
    return success;
  }
  std::cout << "Configurations:";
  for (std::size_t i = 0; i < runs.size(); ++i) std::cout << "\n  " << i << ". " << runs[i].name << " (" << runs[i].path << ")";
  std::cout << "\n";
  std::cout << "\nBasis: " << model::basis_name(basis) << "\n" << basis_notes;
  print_staff(std::cout, comparison.names, scenarios);
  print_national(std::cout, comparison);
  std::vector<const model::RunResult*> results;
  for (const auto& run : runs) results.push_back(&run.run);
  print_settling(std::cout, comparison.names, results);
  print_spread(std::cout, comparison);
  if (!quiet) {
    print_regions(std::cout, comparison, "rvdk");
    print_regions(std::cout, comparison, "gi");
  }
  std::cout << "\ntable: above; result: " << output << "\n";
  if (!args.has("--no-plots")) {
    for (const auto& plot : draw_plots(output, plot_prefix(output))) std::cout << "plot: " << plot << "\n";
  }
  if (sensitivity) {
    report_sensitivity(std::cout, *sensitivity, scenarios, runs, headline, engine_options(args, "compare"),
                       !args.has("--no-plots"), quiet);
  }
  return success;
}

}  // namespace ketensim::cli
