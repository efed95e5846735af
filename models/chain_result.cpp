// SPDX-License-Identifier: MIT
// KPIs of one replication, after warm-up (docs/kpis.md lists every name).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "models/calibration_targets.h"
#include "models/chain.h"
#include "models/staff_metrics.h"
#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double quantile(std::vector<float> values, double p) {
  if (values.empty()) return nan;
  // Type 7 (linear between order statistics), like numpy's default.
  const double h = (static_cast<double>(values.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
  const double low = values[lo];
  if (lo + 1 >= values.size()) return low;
  const double high = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
  return low + (h - static_cast<double>(lo)) * (high - low);
}

double mean(const std::vector<float>& values) {
  if (values.empty()) return nan;
  double sum = 0;
  for (const float v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace

ReplicationResult Chain::result() const {
  ReplicationResult out;
  out.replication = replication_;
  out.stream_seed = replication_key_.value();
  out.events_delivered = engine_ ? engine_->events_delivered() : 0;
  const std::size_t regions = region_share_.size();
  const double years_observed = std::max(1e-9, (end_date_ - warmup_end_) / 365.0);

  // Time series.
  TimeSeries& ts = out.timeseries;
  ts.time_days = sample_times_;
  for (std::size_t s = 0; s < stage_count; ++s) {
    for (std::size_t r = 0; r <= regions; ++r) {
      ts.series_stage.emplace_back(stage_name(static_cast<Stage>(s)));
      ts.series_region.push_back(r == regions ? "national" : scenario_.regions.regions[r].code);
    }
  }
  for (std::size_t m = 0; m < metric_count; ++m) {
    ts.metric_names.emplace_back(metric_names[m]);
    ts.metric_units.emplace_back(metric_units[m]);
  }
  ts.values = series_values_;
  if (ts.values.empty()) ts.values.assign(metric_count * ts.series_stage.size() * ts.time_days.size(), nan);

  auto region_name = [&](std::size_t r) { return r == regions ? std::string("national") : scenario_.regions.regions[r].code; };
  auto add = [&](const std::string& name, const std::string& stage, const std::string& region, const std::string& unit, double value) {
    out.kpis.push_back(KpiValue{name, stage, region, unit, value});
  };

  // Per stage and region: waits, deadlines, throughput, mean waiting list.
  const Stage waited[] = {Stage::vt_triage, Stage::vt_investigation, Stage::local_team, Stage::rvdk, Stage::rvdk_other,
                          Stage::court, Stage::gi,
                          Stage::care_ambulatory, Stage::care_intensive_ambulatory, Stage::care_foster_care,
                          Stage::care_family_home, Stage::care_residential, Stage::care_closed};
  const std::size_t waiting_metric = static_cast<std::size_t>(Metric::waiting);
  for (const Stage stage : waited) {
    const std::string name(stage_name(stage));
    for (std::size_t r = 0; r <= regions; ++r) {
      const auto& waits = statistics_.waits(stage, r);
      add("wait_days_mean", name, region_name(r), "days", mean(waits));
      add("wait_days_median", name, region_name(r), "days", quantile(waits, 0.5));
      add("wait_days_p90", name, region_name(r), "days", quantile(waits, 0.9));
      if (is_staffed(stage)) {
        const auto [met, total] = statistics_.deadlines(stage, r);
        add("share_within_deadline", name, region_name(r), "share", total ? static_cast<double>(met) / total : nan);
      }
      add("sojourn_days_mean", name, region_name(r), "days", statistics_.sojourn_days_mean(stage, r));
      if (is_staffed(stage)) {
        add("access_days_mean", name, region_name(r), "days", statistics_.access_days_mean(stage, r));
      }
      add("completed_per_year", name, region_name(r), "children/year",
          static_cast<double>(statistics_.completed_after_warmup(stage, r)) / years_observed);
      const std::size_t series = index_of(stage) * (regions + 1) + r;
      double sum = 0;
      double count = 0;
      for (std::size_t i = 0; i < ts.time_days.size(); ++i) {
        if (ts.time_days[i] < warmup_end_) continue;
        sum += ts.at(waiting_metric, series, i);
        count += 1;
      }
      add("waiting_children_mean", name, region_name(r), "children", count > 0 ? sum / count : nan);
    }
  }

  // Chain-wide indicators (national).
  const auto lead = [&](LeadTime what) { return statistics_.lead_times(what); };
  add("report_to_measure_days_mean", "chain", "national", "days", mean(lead(LeadTime::report_to_measure)));
  add("report_to_measure_days_median", "chain", "national", "days", quantile(lead(LeadTime::report_to_measure), 0.5));
  {
    // Censoring-aware: the families still in the chain at the end count (chain_safety.cpp).
    // The mean is restricted to the time observed after warm-up, the longest follow-up.
    const sim::KaplanMeier safety(report_to_safety_follow_ups());
    add("report_to_safety_censored_share", "chain", "national", "share",
        safety.subjects() > 0 ? 1.0 - static_cast<double>(safety.events()) / static_cast<double>(safety.subjects()) : nan);
    add("report_to_safety_km_median_days", "chain", "national", "days", safety.median());
    add("report_to_safety_km_restricted_mean_days", "chain", "national", "days",
        safety.restricted_mean(end_date_ - warmup_end_));
  }
  add("measure_to_care_days_mean", "chain", "national", "days", mean(lead(LeadTime::measure_to_care)));
  add("measure_to_care_days_median", "chain", "national", "days", quantile(lead(LeadTime::measure_to_care), 0.5));
  add("guardian_wait_days_mean", "chain", "national", "days", mean(lead(LeadTime::guardian_wait)));
  const double samples = averages_.samples;
  auto average = [&](double sum) { return samples > 0 ? sum / samples : nan; };
  auto per_year_flow = [&](Flow flow) { return static_cast<double>(statistics_.flow_total(flow)) / years_observed; };
  {
    // The Board's waiting list and mean wait over all its case types, as published in 2019.
    std::vector<float> board_waits = statistics_.waits(Stage::rvdk, regions);
    const auto& other = statistics_.waits(Stage::rvdk_other, regions);
    board_waits.insert(board_waits.end(), other.begin(), other.end());
    add("rvdk_waiting_children_all_cases_mean", "chain", "national", "children", average(averages_.rvdk_waiting));
    add("rvdk_wait_days_all_cases_mean", "chain", "national", "days", mean(board_waits));
  }
  {
    // VT regions (organisations) that meet the sector norms, as counted in Q4 2018: a region's
    // deadlines add up over its youth-care regions.
    double regions_seen = 0, triage_met = 0, investigation_met = 0;
    for (std::size_t k = 0; k < pools_.size(); ++k) {
      if (pool_plans_[k].organisation != Organisation::vt) continue;
      double met[2] = {0, 0}, total[2] = {0, 0};
      for (const auto r : pool_plans_[k].regions) {
        for (int s = 0; s < 2; ++s) {
          const auto [m, t] = statistics_.deadlines(s == 0 ? Stage::vt_triage : Stage::vt_investigation, r);
          met[s] += static_cast<double>(m);
          total[s] += static_cast<double>(t);
        }
      }
      if (total[0] <= 0 || total[1] <= 0) continue;
      const Parameters& p = pool_parameters_now(static_cast<std::uint32_t>(k));
      regions_seen += 1;
      triage_met += met[0] / total[0] >= p.vt.sector_norm_triage_share ? 1 : 0;
      investigation_met += met[1] / total[1] >= p.vt.sector_norm_investigation_share ? 1 : 0;
    }
    add("vt_regions_meeting_triage_norm_share", "chain", "national", "share", regions_seen > 0 ? triage_met / regions_seen : nan);
    add("vt_regions_meeting_investigation_norm_share", "chain", "national", "share",
        regions_seen > 0 ? investigation_met / regions_seen : nan);
  }
  add("children_without_guardian_mean", "chain", "national", "children", average(averages_.gi_waiting));
  add("children_at_vacant_guardian_positions_mean", "chain", "national", "children", average(averages_.gi_at_vacant_positions));
  add("escalations_per_year", "chain", "national", "children/year", per_year_flow(Flow::escalations));
  add("crisis_placements_per_year", "chain", "national", "children/year", per_year_flow(Flow::crisis_placements));
  add("re_reports_per_year", "chain", "national", "reports/year", per_year_flow(Flow::re_reports));
  {
    // Guardian changes per child, over the measures that ended after warm-up.
    double sum = 0;
    double three_or_more = 0;
    for (const float changes : guardian_changes_) {
      sum += changes;
      three_or_more += changes >= 3 ? 1 : 0;
    }
    const double n = static_cast<double>(guardian_changes_.size());
    add("guardian_changes_mean", "chain", "national", "changes/child", n > 0 ? sum / n : nan);
    add("share_three_or_more_guardian_changes", "chain", "national", "share", n > 0 ? three_or_more / n : nan);
  }
  add("caseload_per_guardian_mean", "chain", "national", "children/FTE", average(averages_.gi_caseload_per_fte));
  add("ots_children_mean", "chain", "national", "children", average(averages_.ots_children));
  auto per_year = [&](Flow flow) { return static_cast<double>(statistics_.flow_total(flow)) / years_observed; };
  add("vt_reports_per_year", "chain", "national", "families/year", per_year(Flow::vt_reports_families));
  add("rvdk_investigations_per_year", "chain", "national", "children/year", per_year(Flow::rvdk_investigations));
  add("measures_requested_per_year", "chain", "national", "children/year", per_year(Flow::measures_requested));
  add("measures_started_per_year", "chain", "national", "children/year", per_year(Flow::measures_started));
  add("ots_started_per_year", "chain", "national", "children/year", per_year(Flow::ots_started));
  add("rvdk_withdrawals_per_year", "chain", "national", "children/year", per_year(Flow::rvdk_withdrawals));
  add("care_withdrawals_per_year", "chain", "national", "children/year", per_year(Flow::care_withdrawals));
  const double reviewed = static_cast<double>(statistics_.flow_total(Flow::ots_reviewed));
  add("share_ots_extended", "chain", "national", "share",
      reviewed > 0 ? static_cast<double>(statistics_.flow_total(Flow::ots_extended)) / reviewed : nan);
  add("families_entered", "chain", "national", "families", static_cast<double>(census_.entered));
  add("families_in_place_at_end", "chain", "national", "families", static_cast<double>(census_.in_place));
  add("conservation_violations", "chain", "national", "count", static_cast<double>(conservation_violations_));

  // Utilisation of each staff pool: work started after warm-up over the hours its staff
  // could deliver (work still open at the end counts in full: a slight overestimate).
  // A pool serving the whole country (the national GIs, a function placed nationally) is
  // `<organisation>:national`, as in the analytic rows: `national` is the organisation's total.
  auto pool_area = [&](std::size_t k) {
    return pools_[k].area() == "national" ? pools_[k].organisation() + ":national" : pools_[k].area();
  };
  std::map<std::string, std::pair<double, double>> by_organisation;  // hours started, capacity
  for (std::size_t k = 0; k < pools_.size(); ++k) {
    const double capacity = pool_hours_capacity_[k];
    add("utilisation", pools_[k].organisation(), pool_area(k), "share",
        capacity > 0 ? pool_hours_started_[k] / capacity : nan);
    by_organisation[pools_[k].organisation()].first += pool_hours_started_[k];
    by_organisation[pools_[k].organisation()].second += capacity;
  }
  for (const auto& [organisation, totals] : by_organisation) {
    add("utilisation", organisation, "national", "share", totals.second > 0 ? totals.first / totals.second : nan);
  }

  // Workforce: rates per person-year after warm-up, per pool and per organisation.
  std::map<std::string, StaffTotals> staff_by_organisation;
  auto add_staff = [&](const std::string& organisation, const std::string& area, const StaffTotals& t) {
    const double years = t.headcount_years;
    add("turnover_rate_per_year", organisation, area, "1/year", years > 0 ? t.leavers / years : nan);
    add("sick_share", organisation, area, "share", years > 0 ? t.sick_years / years : nan);
    add("vacancy_share", organisation, area, "share", years + t.vacant_years > 0 ? t.vacant_years / (years + t.vacant_years) : nan);
    add("temporary_share", organisation, area, "share", years > 0 ? t.temporary_years / years : nan);
    add("hires_per_year", organisation, area, "people/year", t.hires / years_observed);
    add("cost_per_year_euros", organisation, area, "euros/year", t.cost_euros / years_observed);
  };
  for (std::size_t k = 0; k < pools_.size(); ++k) {
    add_staff(pools_[k].organisation(), pool_area(k), staff_totals_[k]);
    StaffTotals& sum = staff_by_organisation[pools_[k].organisation()];
    const StaffTotals& t = staff_totals_[k];
    sum.headcount_years += t.headcount_years;
    sum.sick_years += t.sick_years;
    sum.vacant_years += t.vacant_years;
    sum.temporary_years += t.temporary_years;
    sum.leavers += t.leavers;
    sum.hires += t.hires;
    sum.cost_euros += t.cost_euros;
  }
  for (const auto& [organisation, totals] : staff_by_organisation) add_staff(organisation, "national", totals);

  // Staff time series.
  {
    StaffSeries& staff = out.staff;
    std::vector<std::string> organisations;
    for (std::size_t k = 0; k < pools_.size(); ++k) {
      const auto& pool = pools_[k];
      staff.series_organisation.push_back(pool.organisation());
      staff.series_area.push_back(pool_area(k));
      if (std::find(organisations.begin(), organisations.end(), pool.organisation()) == organisations.end()) {
        organisations.push_back(pool.organisation());
      }
    }
    for (const auto& organisation : organisations) {
      staff.series_organisation.push_back(organisation);
      staff.series_area.push_back("national");
    }
    for (std::size_t m = 0; m < staff_metric_count; ++m) {
      staff.metric_names.emplace_back(staff_metric_names[m]);
      staff.metric_units.emplace_back(staff_metric_units[m]);
    }
    staff.values = staff_values_;
    if (staff.values.empty()) staff.values.assign(staff_metric_count * staff.series_organisation.size() * sample_times_.size(), nan);
  }

  for (const auto& target : calibration_targets()) {
    double simulated = nan;
    for (const auto& kpi : out.kpis) {
      if (kpi.name == target.kpi_name && kpi.stage == target.kpi_stage && kpi.region == "national") simulated = kpi.value;
    }
    out.calibration.push_back(CalibrationValue{target.target, target.published, simulated, target.source});
  }
  out.events = events_;
  return out;
}

}  // namespace ketensim::model
