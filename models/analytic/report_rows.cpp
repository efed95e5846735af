// SPDX-License-Identifier: MIT
#include "models/analytic/report_rows.h"

#include <limits>

namespace ketensim::model::analytic {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double days_per_year = 365.0;

// Delay stages have no waiting list; pooled and care stages have no fixed sojourn here.
bool is_delay(const std::string& stage) { return stage == "local_team" || stage == "court"; }
bool is_care(const std::string& stage) { return stage.rfind("care_", 0) == 0; }

}  // namespace

std::string pool_key(const PoolEstimate& pool) {
  if (pool.total) return "national";
  return pool.area == "national" ? pool.organisation + ":national" : pool.area;
}

std::vector<KpiValue> report_rows(const FlowReport& report) {
  std::vector<KpiValue> rows;
  auto add = [&](const char* name, const std::string& stage, const std::string& region, const char* unit, double value) {
    rows.push_back(KpiValue{name, stage, region, unit, value});
  };
  for (const PoolEstimate& pool : report.pools) {
    const std::string& stage = pool.organisation;
    const std::string region = pool_key(pool);
    add("utilisation", stage, region, "share", pool.utilisation);
    add("offered_hours_per_day", stage, region, "hours/day", pool.offered_hours_per_day);
    add("capacity_hours_per_day", stage, region, "hours/day", pool.capacity_hours_per_day);
    add("pool_arrivals_per_year", stage, region, "children/year", pool.arrivals_children_per_day * days_per_year);
    add("slots", stage, region, "children", pool.slots);
    add("slot_utilisation", stage, region, "share", pool.slot_utilisation);
    add("caseload_per_fte_mean", stage, region, "children/FTE", pool.fte > 0.0 ? pool.caseload_children_mean / pool.fte : nan);
    add("pool_waiting_children_mean", stage, region, "children", pool.waiting_children_mean);
    add("pool_wait_days_mean", stage, region, "days", pool.wait_days_mean);
    if (pool.withdrawn_children_per_day > 0.0) {
      add("pool_served_wait_days_mean", stage, region, "days", pool.served_wait_days_mean);
      add("withdrawals_per_year", stage, region, "children/year", pool.withdrawn_children_per_day * days_per_year);
    }
    add("stable", stage, region, "yes/no", pool.stable ? 1.0 : 0.0);
    add("max_inflow_multiplier", stage, region, "ratio", pool.max_inflow_multiplier);
    if (report.loops.staff_dynamics_on) {
      // Named and defined like the simulated workforce KPIs (docs/workforce.md, "Outputs").
      add("turnover_rate_per_year", stage, region, "1/year", pool.turnover_rate_per_year);
      add("vacancy_share", stage, region, "share", pool.vacancy_share);
      add("temporary_share", stage, region, "share", pool.temporary_share);
      add("sick_share", stage, region, "share", pool.sick_share);
      add("productive_share", stage, region, "share", pool.productive_share);
      add("effective_utilisation", stage, region, "share", pool.effective_utilisation);
    }
  }
  for (const CareEstimate& care : report.care) {
    const std::string stage = "care_" + care.care_type;
    add("places", stage, care.region, "children", care.places);
    add("occupied_places_mean", stage, care.region, "children", care.occupied_places_offered);
    add("holding_days_mean", stage, care.region, "days", care.holding_days_mean);
    add("utilisation", stage, care.region, "share", care.utilisation);
    add("stable", stage, care.region, "yes/no", care.stable ? 1.0 : 0.0);
    add("max_inflow_multiplier", stage, care.region, "ratio", care.max_inflow_multiplier);
    if (care.withdrawn_children_per_day > 0.0) {
      add("withdrawals_per_year", stage, care.region, "children/year", care.withdrawn_children_per_day * days_per_year);
    }
  }
  for (const StageEstimate& e : report.stages) {
    add("arrivals_per_year", e.stage, e.region, "children/year", e.arrivals_children_per_day * days_per_year);
    // In steady state what comes in goes out, less the requests withdrawn from the list; care
    // also loses requests withdrawn with a measure, which the simulated count leaves out, so
    // care has no such row.
    if (!is_care(e.stage)) {
      add("completed_per_year", e.stage, e.region, "children/year",
          (e.arrivals_children_per_day - e.withdrawn_children_per_day) * days_per_year);
    }
    if (is_delay(e.stage)) {
      add("sojourn_days_mean", e.stage, e.region, "days", e.sojourn_days_mean);
    } else {
      add("wait_days_mean", e.stage, e.region, "days", e.wait_days_mean);
      add("waiting_children_mean", e.stage, e.region, "children", e.waiting_children_mean);
    }
  }
  add("max_inflow_multiplier", "chain", "national", "ratio", report.max_inflow_multiplier);
  // Children with a measure but no guardian: waiting for a first one, or on a vacant position.
  double without_guardian = 0.0;
  for (const PoolEstimate& pool : report.pools) {
    if (pool.organisation == "gi" && !pool.total) without_guardian += pool.waiting_children_mean;
  }
  add("children_without_guardian_mean", "chain", "national", "children", without_guardian);
  // Loop L4, named and counted like the simulated KPIs (children, re-reports in reports).
  if (report.loops.escalation_on) {
    add("escalations_per_year", "chain", "national", "children/year", report.loops.escalations_per_year);
    add("re_reports_per_year", "chain", "national", "reports/year", report.loops.re_reports_per_year);
    add("crisis_placements_per_year", "chain", "national", "children/year", report.loops.crisis_placements_per_year);
  }
  // Withdrawal, named and counted like the simulated KPIs (children).
  add("rvdk_withdrawals_per_year", "chain", "national", "children/year", report.loops.rvdk_withdrawals_per_year);
  add("care_withdrawals_per_year", "chain", "national", "children/year", report.loops.care_withdrawals_per_year);
  return rows;
}

}  // namespace ketensim::model::analytic
