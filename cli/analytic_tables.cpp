// SPDX-License-Identifier: MIT
#include "cli/analytic_tables.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/number_format.h"
#include "models/analytic/report_rows.h"
#include "sim/statistics.h"

namespace ketensim::cli {
namespace {

using model::analytic::CareEstimate;
using model::analytic::FlowReport;
using model::analytic::PoolEstimate;

std::string yes_no(bool value) { return value ? "yes" : "NO"; }

// Columns sized to their widest cell; the first `left` columns align left, the rest right.
class TextTable {
 public:
  TextTable(std::vector<std::string> header, std::size_t left) : left_(left) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    }
    std::size_t total = 0;
    for (const auto w : width) total += w + 2;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      for (std::size_t c = 0; c < rows_[r].size(); ++c) {
        out << (c < left_ ? std::left : std::right) << std::setw(static_cast<int>(width[c])) << rows_[r][c]
            << (c + 1 < rows_[r].size() ? "  " : "");
      }
      out << "\n";
      if (r == 0) out << std::string(total - 2, '-') << "\n";
    }
  }

 private:
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

void print_flows(std::ostream& out, const FlowReport& report) {
  out << "\nFlows, national (children per year; urgent: jump every queue, provisional OTS at the court)\n";
  TextTable table({"node", "children/year", "urgent/year"}, 1);
  for (const auto& flow : report.flows) {
    if (flow.region != "national") continue;
    table.add({flow.node, format_number(flow.children_per_day * 365.0), format_number(flow.urgent_children_per_day * 365.0)});
  }
  table.print(out);
}

void print_pools(std::ostream& out, const FlowReport& report) {
  out << "\nStaff pools (load and capacity in hours per day; slots: children the positions may carry;\n"
         "held: children held on average, for the GI the offered slot load; x inflow: factor on all inflows at capacity)\n";
  TextTable table({"organisation", "area", "FTE", "children/yr", "load h/d", "capacity h/d", "utilisation", "slots", "held/slots",
                   "stable", "waiting", "wait days", "x inflow"},
                  2);
  for (const PoolEstimate& pool : report.pools) {
    table.add({pool.organisation, model::analytic::pool_key(pool), format_number(pool.fte), format_number(pool.arrivals_children_per_day * 365.0),
               format_number(pool.offered_hours_per_day), format_number(pool.capacity_hours_per_day), format_number(pool.utilisation),
               format_number(pool.slots), format_number(pool.slot_utilisation), yes_no(pool.stable), format_number(pool.waiting_children_mean),
               format_number(pool.wait_days_mean), format_number(pool.max_inflow_multiplier)});
  }
  table.print(out);
  if (!report.loops.staff_dynamics_on) return;
  out << "\nStaff strength at the fixed point (staff dynamics; docs/analytic.md): pressure = children held per FTE\n"
         "over the norm; productive = hours delivered over the funded FTE's; shares as the simulated KPIs\n";
  TextTable strength({"organisation", "area", "pressure", "productive", "effective util.", "turnover/yr", "vacancy",
                      "temporary", "sick"},
                     2);
  for (const PoolEstimate& pool : report.pools) {
    strength.add({pool.organisation, model::analytic::pool_key(pool), format_number(pool.pressure_mean), format_number(pool.productive_share),
                  format_number(pool.effective_utilisation),
                  format_number(pool.turnover_rate_per_year), format_number(pool.vacancy_share), format_number(pool.temporary_share),
                  format_number(pool.sick_share)});
  }
  strength.print(out);
}

void print_care(std::ostream& out, const FlowReport& report, bool by_region) {
  out << "\nCare (" << (by_region ? "every region and national" : "national; --by-region for every region")
      << "; an M/M/c queue over the places of each region)\n";
  TextTable table({"care type", "region", "places", "children/yr", "holding days", "occupied", "utilisation", "stable",
                   "waiting", "wait days", "x inflow"},
                  2);
  for (const CareEstimate& care : report.care) {
    if (!by_region && care.region != "national") continue;
    table.add({care.care_type, care.region, format_number(care.places), format_number(care.arrivals_children_per_day * 365.0),
               format_number(care.holding_days_mean), format_number(care.occupied_places_offered), format_number(care.utilisation),
               yes_no(care.stable), format_number(care.waiting_children_mean), format_number(care.wait_days_mean),
               format_number(care.max_inflow_multiplier)});
  }
  table.print(out);
}

void print_stages(std::ostream& out, const FlowReport& report) {
  out << "\nStages, national (waits before a worker or a place takes the child; delays for the local team and court)\n";
  TextTable table({"stage", "children/yr", "waiting", "wait days", "sojourn days"}, 1);
  for (const auto& stage : report.stages) {
    if (stage.region != "national") continue;
    table.add({stage.stage, format_number(stage.arrivals_children_per_day * 365.0), format_number(stage.waiting_children_mean),
               format_number(stage.wait_days_mean), format_number(stage.sojourn_days_mean)});
  }
  table.print(out);
}

// Simulated mean over replications of the KPI with this key; for keys the model writes twice
// (a national pool and the organisation's total are both region "national"), the last one,
// which is the total (models/chain_result.cpp writes the totals after the pools).
std::optional<sim::ConfidenceInterval> simulated(const model::RunResult& run, const model::KpiValue& key) {
  if (run.replications.empty()) return std::nullopt;
  const auto& kpis = run.replications.front().kpis;
  std::optional<std::size_t> found;
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    if (kpis[k].name == key.name && kpis[k].stage == key.stage && kpis[k].region == key.region) found = k;
  }
  if (!found) return std::nullopt;
  sim::SufficientStats stats;
  for (const auto& replication : run.replications) stats.add(replication.kpis.at(*found).value);
  return sim::confidence_interval(stats, 0.95);
}

}  // namespace

void print_flow_report(std::ostream& out, const FlowReport& report, bool by_region) {
  print_flows(out, report);
  print_pools(out, report);
  print_care(out, report, by_region);
  print_stages(out, report);
  out << "\nfirst to reach capacity when every inflow grows: " << report.bottleneck << " at x"
      << format_number(report.max_inflow_multiplier) << " (ketensim analyze --max-inflow)\n";
}

void print_loops(std::ostream& out, const model::analytic::LoopSummary& loops) {
  if (loops.rvdk_withdrawals_per_year > 0.0 || loops.care_withdrawals_per_year > 0.0) {
    out << "withdrawn while waiting (Erlang A): " << format_number(loops.rvdk_withdrawals_per_year)
        << " Board requests and " << format_number(loops.care_withdrawals_per_year) << " care requests a year\n";
  }
  if (!loops.escalation_on && !loops.care_delay_on && !loops.staff_dynamics_on) {
    out << "feedback loops: staff dynamics, L4 (escalation) and L5 (care delay) are off in this scenario\n";
    return;
  }
  out << "feedback loops at their configured rates (fixed point in " << loops.iterations << " rounds"
      << (loops.converged ? "" : ", NOT converged: the estimates below are the last round's") << "):\n";
  if (loops.escalation_on) {
    out << "  L4 escalation while waiting: " << format_number(loops.escalations_per_year) << " children a year escalate, "
        << format_number(loops.re_reports_per_year) << " re-reports, " << format_number(loops.crisis_placements_per_year)
        << " crisis placements\n";
  }
  if (loops.staff_dynamics_on) {
    out << "  staff dynamics (L1, L2): each pool at its long-run strength; see the pools' productive share\n";
  }
  out << "  OTS extended at a review: " << format_number(loops.ots_extension_share)
      << " (with the extra extensions of L4 and L5)\n";
}

void print_max_inflow(std::ostream& out, const FlowReport& report) {
  out << "\nInflow multiplier at which load reaches capacity (every external inflow scaled together;\n"
         "capacity / load, with the staff strength and escalations of this inflow's fixed point held\n"
         "fixed). A first guess for the tipping point: pressure and waits that grow with the inflow\n"
         "can only lower it (docs/analytic.md, \"The stability boundary\").\n";
  struct Row {
    double multiplier;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  for (const PoolEstimate& pool : report.pools) {
    if (pool.total) continue;
    const bool slots_bind = pool.organisation == "gi" && pool.slot_utilisation > pool.effective_utilisation;
    rows.push_back({pool.max_inflow_multiplier,
                    {"pool", pool.organisation + " " + model::analytic::pool_key(pool),
                     slots_bind ? "caseload slots" : "hours", format_number(std::max(pool.effective_utilisation, slots_bind ? pool.slot_utilisation : 0.0)),
                     format_number(pool.max_inflow_multiplier)}});
  }
  // Care: the region that tips first for each type.
  std::map<std::string, const CareEstimate*> first;
  for (const CareEstimate& care : report.care) {
    if (care.region == "national") continue;
    auto& worst = first[care.care_type];
    if (worst == nullptr || care.max_inflow_multiplier < worst->max_inflow_multiplier) worst = &care;
  }
  for (const auto& [type, care] : first) {
    rows.push_back({care->max_inflow_multiplier,
                    {"care", type + " " + care->region + " (first region)", "places", format_number(care->utilisation),
                     format_number(care->max_inflow_multiplier)}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.multiplier < b.multiplier; });
  TextTable table({"kind", "where", "binding", "load/capacity", "multiplier"}, 3);
  for (auto& row : rows) table.add(std::move(row.cells));
  table.print(out);
  out << "\nfirst to reach capacity: " << report.bottleneck << " at x" << format_number(report.max_inflow_multiplier) << "\n";
}

void print_analytic_comparison(std::ostream& out, const model::RunResult& run) {
  out << "\nAnalytic estimate beside the simulation, national (simulated: mean ± 95% CI over replications;\n"
         "docs/analytic.md says where the estimate stops being valid)\n";
  TextTable table({"stage", "kpi", "unit", "analytic", "simulated"}, 3);
  const std::vector<std::string> shown = {"utilisation",          "wait_days_mean",      "waiting_children_mean",
                                          "sojourn_days_mean",    "completed_per_year",  "escalations_per_year",
                                          "re_reports_per_year",  "crisis_placements_per_year", "children_without_guardian_mean", "turnover_rate_per_year",
                                          "vacancy_share",        "sick_share",          "temporary_share"};
  for (const std::string& name : shown) {
    for (const auto& row : run.analytic) {
      if (row.name != name || row.region != "national") continue;
      const auto sim = simulated(run, row);
      if (!sim) continue;
      // Stages nobody passes through say nothing.
      const bool nothing_estimated = row.value == 0.0 || std::isnan(row.value);
      if (nothing_estimated && (sim->n == 0 || sim->mean == 0.0)) continue;
      table.add({row.stage, row.name, row.unit, format_number(row.value), format_interval(*sim)});
    }
  }
  table.print(out);
}

}  // namespace ketensim::cli
