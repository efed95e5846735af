// SPDX-License-Identifier: MIT
// `ketensim compare A.toml B.toml ...`: configurations on common random numbers, paired
// differences with 95% intervals, regional spread, an HDF5 file and PNG plots.
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/number_format.h"
#include "cli/progress_line.h"
#include "cli/run_options.h"
#include "models/comparison.h"
#include "models/output/comparison_writer.h"
#include "models/output/overwrite_guard.h"
#include "models/simulation.h"

#ifndef KETENSIM_SOURCE_DIR
#define KETENSIM_SOURCE_DIR "."
#endif

namespace ketensim::cli {
namespace {

// The national KPIs shown in the printed table (all are in the file).
const std::vector<std::pair<std::string, std::string>>& headline_kpis() {
  static const std::vector<std::pair<std::string, std::string>> kpis = {
      {"wait_days_mean", "vt_triage"},          {"share_within_deadline", "vt_triage"},
      {"wait_days_mean", "vt_investigation"},   {"share_within_deadline", "vt_investigation"},
      {"wait_days_mean", "rvdk"},               {"share_within_deadline", "rvdk"},
      {"wait_days_mean", "gi"},                 {"share_within_deadline", "gi"},
      {"report_to_measure_days_mean", "chain"}, {"measure_to_care_days_mean", "chain"},
      {"children_without_guardian_mean", "chain"}, {"caseload_per_guardian_mean", "chain"},
      {"waiting_children_mean", "care_foster_care"}, {"wait_days_mean", "care_foster_care"},
  };
  return kpis;
}

void print_national(std::ostream& out, const model::Comparison& c) {
  out << "\nNational KPIs (after warm-up): mean ± 95% CI over " << c.replications
      << " replications; Δ = paired difference with " << c.names.front() << "\n";
  out << std::left << std::setw(54) << "kpi";
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    out << std::setw(20) << c.names[i].substr(0, 19);
    if (i > 0) out << std::setw(20) << "Δ";
  }
  out << "\n" << std::string(54 + 20 * (2 * c.names.size() - 1), '-') << "\n";
  for (const auto& [name, stage] : headline_kpis()) {
    const auto k = c.find(name, stage, "national");
    if (!k) continue;
    out << std::setw(54) << (stage + " " + name + " (" + c.kpis[*k].unit + ")");
    for (std::size_t i = 0; i < c.names.size(); ++i) {
      out << std::setw(20) << format_interval(c.estimates[c.at(i, *k)]);
      if (i > 0) out << std::setw(20) << format_interval(c.differences[c.at(i, *k)], true);
    }
    out << "\n";
  }
}

void print_spread(std::ostream& out, const model::Comparison& c) {
  out << "\nSpread of mean waiting times across regions (max/min ratio; coefficient of variation)\n";
  out << std::left << std::setw(20) << "stage";
  for (const auto& name : c.names) out << std::setw(36) << name.substr(0, 35);
  out << "\n" << std::string(20 + 36 * c.names.size(), '-') << "\n";
  for (std::size_t s = 0; s < model::spread_stages().size(); ++s) {
    out << std::setw(20) << model::spread_stages()[s];
    for (std::size_t i = 0; i < c.names.size(); ++i) {
      const auto& spread = c.spread[i][s];
      out << std::setw(36) << (format_interval(spread.max_min_ratio) + "; " + format_interval(spread.coefficient_of_variation));
    }
    out << "\n";
  }
}

void print_regions(std::ostream& out, const model::Comparison& c, const std::string& stage) {
  out << "\nMean wait at " << stage << " per region (days): mean ± 95% CI, Δ paired with " << c.names.front() << "\n";
  out << std::left << std::setw(28) << "region";
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    out << std::setw(18) << c.names[i].substr(0, 17);
    if (i > 0) out << std::setw(18) << "Δ";
  }
  out << "\n" << std::string(28 + 18 * (2 * c.names.size() - 1), '-') << "\n";
  for (std::size_t k = 0; k < c.kpis.size(); ++k) {
    if (c.kpis[k].name != "wait_days_mean" || c.kpis[k].stage != stage) continue;
    out << std::setw(28) << c.kpis[k].region.substr(0, 27);
    for (std::size_t i = 0; i < c.names.size(); ++i) {
      out << std::setw(18) << format_interval(c.estimates[c.at(i, k)]);
      if (i > 0) out << std::setw(18) << format_interval(c.differences[c.at(i, k)], true);
    }
    out << "\n";
  }
}

// The plots comparison_plots.py draws beside FILE.h5, named from the stem.
std::string plot_prefix(const std::string& output) {
  return output.size() > 3 && output.substr(output.size() - 3) == ".h5" ? output.substr(0, output.size() - 3) : output;
}
std::vector<std::string> plot_files(const std::string& prefix) { return {prefix + "-waiting.png", prefix + "-regions.png"}; }

// Draws the PNG plots with Debian's Python and matplotlib; returns the files made.
std::vector<std::string> draw_plots(const std::string& file, const std::string& prefix) {
  const std::string script = std::string(KETENSIM_SOURCE_DIR) + "/bindings/python/ketensim/comparison_plots.py";
  const pid_t child = fork();
  if (child == 0) {
    execl("/usr/bin/python3", "python3", script.c_str(), file.c_str(), prefix.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "warning: no plots: " << script << " failed (it needs /usr/bin/python3 with h5py and matplotlib)\n";
    return {};
  }
  return plot_files(prefix);
}

}  // namespace

int compare_command(const std::vector<std::string>& words) {
  auto options = run_option_list();
  options.push_back({"--no-plots", "", false, "do not draw the PNG plots"});
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
  const bool quiet = args.has("--quiet");
  ProgressLine progress(!quiet);
  std::vector<model::ConfigurationRun> runs;
  for (const auto& scenario : scenarios) {
    model::RunOptions run_options = engine_options(args, "compare");
    run_options.progress = [&progress](const model::Progress& p) { progress.update(p); };
    runs.push_back({scenario.name.empty() ? std::filesystem::path(scenario.path).stem().string() : scenario.name,
                    scenario.path, model::placement_name(scenario.placement), model::run_scenario(scenario, run_options)});
  }
  progress.finish();
  const model::Comparison comparison = model::compare(runs);
  output::write_comparison(comparison, output, model::software_version(), model::git_revision());
  std::cout << "Configurations:";
  for (std::size_t i = 0; i < runs.size(); ++i) std::cout << "\n  " << i << ". " << runs[i].name << " (" << runs[i].path << ")";
  std::cout << "\n";
  print_national(std::cout, comparison);
  print_spread(std::cout, comparison);
  if (!quiet) {
    print_regions(std::cout, comparison, "rvdk");
    print_regions(std::cout, comparison, "gi");
  }
  std::cout << "\ntable: above; result: " << output << "\n";
  if (!args.has("--no-plots")) {
    for (const auto& plot : draw_plots(output, plot_prefix(output))) std::cout << "plot: " << plot << "\n";
  }
  return success;
}

}  // namespace ketensim::cli
