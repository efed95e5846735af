// SPDX-License-Identifier: MIT
#include "cli/sensitivity_report.h"

#include <iomanip>
#include <iostream>

#include "cli/number_format.h"
#include "cli/package_location.h"
#include "cli/run_options.h"
#include "models/output/overwrite_guard.h"
#include "models/output/sensitivity_writer.h"
#include "models/scenario_error.h"
#include "models/simulation.h"

namespace ketensim::cli {
namespace {

std::size_t index_of(const std::string& name, const std::vector<std::string>& names, const model::SensitivityPlan& plan,
                     const char* which) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  std::string valid;
  for (const auto& n : names) valid += (valid.empty() ? "" : ", ") + n;
  throw model::ScenarioError(plan.path + ": " + which + " = \"" + name +
                             "\": no such configuration on the command line; the configurations are " + valid);
}

// "1 < 2": the first configuration's value is below the second's, with 95% confidence.
std::string order_text(int order) { return order > 0 ? "1 < 2" : order < 0 ? "1 > 2" : "1 ~ 2"; }

// "=" when the order of the base holds at this end, else the order found there.
std::string end_text(const model::Sensitivity& s, std::size_t range, int end, std::size_t kpi) {
  return s.holds(range, end, kpi) ? "=" : order_text(s.ends[range][end][kpi].order);
}

std::string range_tag(std::size_t r) { return "[" + std::string(1, static_cast<char>('A' + r % 26)) + "]"; }

// Draws the tornado plot with Debian's Python and matplotlib, running the package's
// sensitivity_plots.py found beside this program; false when it failed.
bool draw_tornado(const std::string& file, const std::string& plot) {
  return run_package_script("sensitivity_plots.py", {file, plot}, "no tornado plot");
}

}  // namespace

SensitivityRequest prepare_sensitivity(const std::string& plan_path, const std::vector<std::string>& names,
                                       const std::vector<model::Scenario>& scenarios,
                                       const std::vector<model::HeadlineKpi>& headline, const std::string& prefix,
                                       const Arguments& args) {
  SensitivityRequest request;
  request.plan = model::load_sensitivity_plan(plan_path);
  request.first = index_of(request.plan.first, names, request.plan, "first");
  request.second = index_of(request.plan.second, names, request.plan, "second");
  model::check_sensitivity_plan(request.plan, scenarios[request.first], scenarios[request.second], headline);
  request.file = prefix + "-sensitivity.h5";
  request.plot = prefix + "-tornado.png";
  refuse_foreign_output(args, request.file, output::sensitivity_filetype);
  if (!args.has("--no-plots") && !args.has("--force")) {
    if (const auto reason = output::foreign_plot_file(request.plot)) {
      throw UsageError(output::refusal_message(request.plot, *reason));
    }
  }
  return request;
}

void print_sensitivity(std::ostream& out, const model::Sensitivity& s) {
  const auto& ranges = s.plan.ranges;
  out << "\nSensitivity (" << s.plan.path << "): the order of 1 = " << s.plan.first << " and 2 = " << s.plan.second
      << " on each headline KPI (national)\nat the low and the high end of each range, everything else as resolved, both "
         "rerun on common random numbers ("
      << s.simulations << " simulations of " << s.replications << " replications).\n"
      << "Order: \"1 < 2\" when the paired difference 2 - 1 has a 95% interval above 0, \"1 > 2\" below 0, \"1 ~ 2\" when "
         "it holds 0;\na cell is low / high, \"=\" where the base order holds, else the order found there.\n";
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    out << "  " << range_tag(r) << " " << ranges[r].key << " (" << ranges[r].unit << "): " << format_number(ranges[r].low)
        << " .. " << format_number(ranges[r].high) << ", as resolved " << format_number(s.first_base_value[r]) << " (1), "
        << format_number(s.second_base_value[r]) << " (2); " << ranges[r].source << "\n";
  }
  out << std::left << std::setw(54) << "kpi" << std::setw(22) << "base: Δ 2 - 1, order";
  for (std::size_t r = 0; r < ranges.size(); ++r) out << std::setw(16) << range_tag(r);
  out << "\n" << std::string(54 + 22 + 16 * ranges.size(), '-') << "\n";
  std::size_t steady = 0;
  std::vector<std::string> reversals;
  for (std::size_t k = 0; k < s.kpis.size(); ++k) {
    const std::string unit = s.kpis[k].unit.empty() ? "" : " (" + s.kpis[k].unit + ")";
    out << std::setw(54) << (s.kpis[k].label + unit).substr(0, 53);
    out << std::setw(22) << (format_number(s.base[k].difference.mean) + " " + order_text(s.base[k].order));
    bool all_hold = true;
    for (std::size_t r = 0; r < ranges.size(); ++r) {
      out << std::setw(16) << (end_text(s, r, 0, k) + " / " + end_text(s, r, 1, k));
      for (int end = 0; end < 2; ++end) {
        all_hold = all_hold && s.holds(r, end, k);
        if (s.base[k].order != 0 && s.ends[r][end][k].order == -s.base[k].order) {
          reversals.push_back(s.kpis[k].label + " at " + ranges[r].key + (end == 0 ? " low" : " high"));
        }
      }
    }
    if (all_hold) ++steady;
    out << "\n";
  }
  out << "The base order holds at both ends of every range for " << steady << " of " << s.kpis.size()
      << " headline KPIs.\n";
  out << "It turns round (a clear order becomes the opposite clear order) for "
      << (reversals.empty() ? "none" : std::to_string(reversals.size())) << (reversals.empty() ? ".\n" : ":\n");
  for (const auto& r : reversals) out << "  " << r << "\n";
  out << interval_notes(s.replications, false, false);
}

void report_sensitivity(std::ostream& out, const SensitivityRequest& request, const std::vector<model::Scenario>& scenarios,
                        const std::vector<model::ConfigurationRun>& runs, const std::vector<model::HeadlineKpi>& headline,
                        const model::RunOptions& options, bool plots, bool quiet) {
  const model::Sensitivity s = model::run_sensitivity(
      request.plan, scenarios[request.first], scenarios[request.second], runs[request.first], runs[request.second], headline,
      options, [quiet](const std::string& note) {
        if (!quiet) std::cerr << "\rsensitivity: " << note << "                    " << std::flush;
      });
  if (!quiet) std::cerr << "\n";
  output::write_sensitivity(s, request.file, model::software_version(), model::git_revision());
  print_sensitivity(out, s);
  out << "sensitivity: " << request.file << "\n";
  if (plots && draw_tornado(request.file, request.plot)) out << "plot: " << request.plot << "\n";
}

}  // namespace ketensim::cli
