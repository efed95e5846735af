// SPDX-License-Identifier: MIT
#include "cli/summary.h"

#include "cli/number_format.h"

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

void print_kpi_summary(std::ostream& out, const model::RunResult& run) {
  if (run.replications.empty()) return;
  const auto& first = run.replications.front().kpis;
  out << "\nKPI summary, national (after warm-up; mean [95% interval] over " << run.replications.size()
      << " replication" << (run.replications.size() == 1 ? "" : "s") << ")\n";
  out << std::left << std::setw(28) << "stage" << std::setw(44) << "kpi" << std::setw(14) << "unit" << "value\n";
  out << std::string(102, '-') << "\n";
  const std::vector<std::string> shown = {"wait_days_mean",       "wait_days_median",     "wait_days_p90",
                                          "share_within_deadline", "waiting_children_mean"};
  // Staff per organisation (the stage column names the organisation; docs/workforce.md).
  const std::vector<std::string> staff = {"turnover_rate_per_year", "sick_share", "vacancy_share"};
  bool rough = false;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const auto& kpi = first[i];
    if (kpi.region != "national") continue;
    const bool chain = kpi.stage == "chain";
    bool wanted = chain;
    for (const auto& name : shown) wanted = wanted || kpi.name == name;
    for (const auto& name : staff) wanted = wanted || kpi.name == name;
    if (!wanted) continue;
    const auto ci = sim::bounded_confidence_interval(over_replications(run, i), 0.95, model::kpi_bounds(kpi.name, kpi.unit));
    rough = rough || (ci.n >= 2 && !(ci.half_width <= std::abs(ci.mean)));
    out << std::left << std::setw(28) << kpi.stage << std::setw(44) << kpi.name << std::setw(14) << kpi.unit
        << format_estimate(ci) << "\n";
  }
  out << interval_notes(run.replications.size(), rough, false);
}

int print_calibration(std::ostream& out, const model::RunResult& run) {
  if (run.replications.empty()) return 0;
  out << "\nCalibration: published targets (figures.md, marked T) beside the simulated mean (tolerance ±"
      << static_cast<int>(model::calibration_tolerance * 100) << "%)\n";
  out << std::left << std::setw(52) << "target" << std::setw(12) << "published" << std::setw(20) << "simulated"
      << std::setw(10) << "diff" << "ok\n";
  out << std::string(98, '-') << "\n";
  int outside = 0;
  const auto& first = run.replications.front().calibration;
  for (std::size_t i = 0; i < first.size(); ++i) {
    sim::SufficientStats stats;
    for (const auto& replication : run.replications) stats.add(replication.calibration.at(i).simulated);
    const auto ci = sim::confidence_interval(stats, 0.95);
    const double published = first[i].published;
    const double difference = (ci.mean - published) / published;
    const bool ok = std::isfinite(difference) && std::abs(difference) <= model::calibration_tolerance;
    const bool open = model::calibration_targets().size() == first.size() && model::calibration_targets()[i].open;
    if (!ok && !open) ++outside;
    std::ostringstream diff;
    diff << std::showpos << std::fixed << std::setprecision(1) << 100 * difference << "%";
    out << std::left << std::setw(52) << first[i].target << std::setw(12) << format_number(published) << std::setw(20)
        << format_interval(ci) << std::setw(10) << (std::isfinite(difference) ? diff.str() : "-") << (ok ? "yes" : "NO") << (open ? " (open target, docs/calibration.md)" : "")
        << "\n";
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
