// SPDX-License-Identifier: MIT
#include "cli/summary.h"

#include "cli/calibration_rows.h"
#include "cli/headline_kpis.h"
#include "cli/number_format.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "models/calibration_targets.h"
#include "models/waiting_list_trends.h"
#include "models/kpi_bounds.h"
#include "models/settling.h"
#include "sim/statistics.h"

namespace ketensim::cli {
namespace {

// Sufficient statistics of one KPI over the replications.
sim::SufficientStats over_replications(const model::RunResult& run, std::size_t kpi_index) {
  sim::SufficientStats stats;
  for (const auto& replication : run.replications) stats.add(replication.kpis.at(kpi_index).value);
  return stats;
}

}  // namespace

void print_kpi_summary(std::ostream& out, const model::RunResult& run, bool all) {
  if (run.replications.empty()) return;
  const auto& first = run.replications.front().kpis;
  out << "\nKPI summary, national (after warm-up; mean [95% interval] over " << run.replications.size()
      << " replication" << (run.replications.size() == 1 ? "" : "s") << (all ? "; every KPI" : "; --all for every KPI")
      << ")\n";
  auto estimate = [&](std::size_t i) {
    return sim::bounded_confidence_interval(over_replications(run, i), 0.95, model::kpi_bounds(first[i].name, first[i].unit));
  };
  bool rough = false;
  auto note = [&rough](const sim::ConfidenceInterval& ci) { rough = rough || (ci.n >= 2 && !(ci.half_width <= std::abs(ci.mean))); };
  if (all) {
    out << std::left << std::setw(28) << "stage" << std::setw(44) << "kpi" << std::setw(14) << "unit" << "value\n";
    out << std::string(102, '-') << "\n";
    for (std::size_t i = 0; i < first.size(); ++i) {
      if (first[i].region != "national") continue;
      const auto ci = estimate(i);
      note(ci);
      out << std::left << std::setw(28) << first[i].stage << std::setw(44) << first[i].name << std::setw(14) << first[i].unit
          << format_estimate(ci) << "\n";
    }
  } else {
    out << std::left << std::setw(56) << "kpi" << "value\n" << std::string(90, '-') << "\n";
    for (const auto& headline : headline_kpis()) {
      for (std::size_t i = 0; i < first.size(); ++i) {
        if (first[i].region != "national" || first[i].name != headline.name || first[i].stage != headline.stage) continue;
        auto ci = estimate(i);
        note(ci);
        // Costs in millions, as in compare's table.
        const bool euros = first[i].unit == "euros/year";
        if (euros) {
          for (double* x : {&ci.mean, &ci.half_width, &ci.low, &ci.high}) *x /= 1e6;
        }
        const std::string unit = euros ? "million euros/year" : first[i].unit;
        out << std::left << std::setw(56) << (std::string(headline.label) + " (" + unit + ")").substr(0, 55)
            << format_estimate(ci) << "\n";
      }
    }
  }
  out << interval_notes(run.replications.size(), rough, false);
}

int print_calibration(std::ostream& out, const model::RunResult& run) {
  if (run.replications.empty()) return 0;
  out << "\nCalibration: published targets (figures.md, marked T) beside the simulated mean (tolerance ±"
      << static_cast<int>(model::calibration_tolerance * 100) << "%)\n";
  const auto rows = calibration_rows(run);
  // The target column as wide as the longest target, so that none runs into its number.
  std::size_t width = 52;
  for (const auto& row : rows) width = std::max(width, row.target.size() + 2);
  out << std::left << std::setw(static_cast<int>(width)) << "target" << std::setw(12) << "published" << std::setw(20)
      << "simulated" << std::setw(10) << "diff" << "ok\n";
  out << std::string(width + 46, '-') << "\n";
  int outside = 0;
  for (const auto& row : rows) {
    if (!row.ok && !row.open) ++outside;
    std::ostringstream diff;
    diff << std::showpos << std::fixed << std::setprecision(1) << 100 * row.difference_share << "%";
    out << std::left << std::setw(static_cast<int>(width)) << row.target << std::setw(12) << format_number(row.published) << std::setw(20)
        << format_interval(row.simulated) << std::setw(10) << (std::isfinite(row.difference_share) ? diff.str() : "-")
        << (row.ok ? "yes" : "NO") << (row.open ? " (open target, docs/calibration.md)" : "") << "\n";
  }
  return outside;
}

int print_waiting_list_trends(std::ostream& out, const model::RunResult& run) {
  out << "\nSettling: trend of each national waiting list after the warm-up (children/year, 95% interval)\n";
  if (run.replications.size() < 2) {
    out << "not tested: the test over replications needs at least 2 (-r 2)\n";
    return 0;
  }
  out << std::left << std::setw(28) << "waiting list" << std::setw(12) << "start" << std::setw(12) << "end"
      << std::setw(24) << "trend per year" << std::setw(10) << "floor" << "settles\n";
  out << std::string(94, '-') << "\n";
  int drifting = 0;
  for (const auto& trend : model::waiting_list_trends(run)) {
    if (!trend.settles) ++drifting;
    std::ostringstream slope;
    slope << format_number(trend.slope_mean) << " ± " << format_number(trend.margin);
    out << std::left << std::setw(28) << trend.stage << std::setw(12) << format_number(trend.waiting_start_mean)
        << std::setw(12) << format_number(trend.waiting_end_mean) << std::setw(24) << slope.str() << std::setw(10)
        << format_number(trend.floor_per_year)
        << (trend.settles ? "yes" : trend.slope_mean > 0 ? "NO: grows" : "NO: shrinks") << "\n";
  }
  return drifting;
}

void print_settling(std::ostream& out, const std::vector<std::string>& names, const std::vector<const model::RunResult*>& runs) {
  std::vector<std::vector<model::SettlingFlag>> flags;
  bool any = false;
  for (const auto* run : runs) {
    flags.push_back(model::settling_flags(*run));
    any = any || !flags.back().empty();
  }
  if (!any) return;
  const model::TrendCriterion criterion;
  out << "\nDo the national waiting lists settle? (slope after warm-up per replication, one-sided "
      << format_number(100 * criterion.confidence) << "% test against " << format_number(100 * criterion.min_growth_share)
      << "% of the list's arrivals a year, as in `ketensim tipping`)\n";
  out << std::left << std::setw(20) << "waiting list";
  for (const auto& name : names) out << std::setw(42) << name.substr(0, 41);
  out << "\n" << std::string(20 + 42 * names.size(), '-') << "\n";
  for (const auto& stage : model::trend_stages()) {
    out << std::setw(20) << stage;
    for (const auto& configuration : flags) {
      std::string cell = "-";
      for (const auto& flag : configuration) {
        if (flag.stage != stage) continue;
        cell = flag.verdict.settles ? "settles"
                                    : "does not settle: +" + format_number(flag.verdict.slope_mean) + " children a year";
      }
      out << std::setw(42) << cell;
    }
    out << "\n";
  }
}

}  // namespace ketensim::cli
