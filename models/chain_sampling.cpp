// SPDX-License-Identifier: MIT
// Time series: every `run.timeseries_step_days` the chain records each (stage, region).
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/chain.h"
#include "models/staff_metrics.h"
#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double days_per_year = 365.0;

std::pair<double, double> mean_p90(std::vector<double>& values) {
  if (values.empty()) return {nan, nan};
  double sum = 0;
  for (const double v : values) sum += v;
  const auto k = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(values.size()))) - 1;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return {sum / static_cast<double>(values.size()), values[k]};
}

}  // namespace

void Chain::sample() {
  const std::size_t regions = region_share_.size();
  const std::size_t series_count = stage_count * (regions + 1);
  const std::size_t samples = sample_times_.size();
  if (series_values_.empty()) series_values_.assign(metric_count * series_count * samples, nan);
  const std::size_t i = samples_taken_++;
  auto put = [&](Metric metric, std::size_t series, double value) {
    series_values_[(static_cast<std::size_t>(metric) * series_count + series) * samples + i] = value;
  };

  // Caseload per organisation: each region sees its area's pool; national sees every worker.
  std::vector<std::pair<double, double>> pool_caseload(pools_.size());
  for (std::size_t k = 0; k < pools_.size(); ++k) pool_caseload[k] = pools_[k].caseload_per_fte_mean_p90();
  auto national_caseload = [&](const std::string& organisation) {
    std::vector<double> loads;
    for (const auto& pool : pools_) {
      if (pool.organisation() == organisation) pool.append_caseloads_per_fte(loads);
    }
    return mean_p90(loads);
  };
  auto national_fte = [&](const std::string& organisation) {
    double fte = 0;
    for (const auto& pool : pools_) {
      if (pool.organisation() == organisation) fte += pool.fte();
    }
    return fte;
  };

  for (std::size_t s = 0; s < stage_count; ++s) {
    const auto stage = static_cast<Stage>(s);
    for (std::size_t r = 0; r <= regions; ++r) {
      const std::size_t series = s * (regions + 1) + r;
      const auto flows = statistics_.take_step_flows(stage, r);
      put(Metric::arrivals, series, static_cast<double>(flows.arrivals));
      put(Metric::started, series, static_cast<double>(flows.started));
      put(Metric::completed, series, static_cast<double>(flows.completed));
      put(Metric::waiting, series, static_cast<double>(statistics_.level(stage, r, Level::waiting)));
      put(Metric::in_service, series, static_cast<double>(statistics_.level(stage, r, Level::in_service)));
      if (!is_staffed(stage)) continue;
      const bool moved = placement_ != Placement::baseline;
      const std::string organisation = stage == Stage::rvdk               ? (moved ? "judgment" : "rvdk")
                                       : stage == Stage::rvdk_other       ? "rvdk"
                                       : stage == Stage::vt_investigation ? (moved ? "expertise" : "vt")
                                       : stage == Stage::gi               ? "gi"
                                                                          : "vt";
      if (r == regions) {
        const auto [mean, p90] = national_caseload(organisation);
        put(Metric::caseload_mean, series, mean);
        put(Metric::caseload_p90, series, p90);
        put(Metric::staff_fte, series, national_fte(organisation));
      } else {
        const std::uint32_t pool = stage == Stage::rvdk               ? judgment_pool_of_region_[r]
                                   : stage == Stage::rvdk_other       ? rvdk_pool_of_region_[r]
                                   : stage == Stage::gi               ? gi_pool_of_region_[r]
                                   : stage == Stage::vt_investigation ? expertise_pool_of_region_[r]
                                                                      : vt_pool_of_region_[r];
        put(Metric::caseload_mean, series, pool_caseload[pool].first);
        put(Metric::caseload_p90, series, pool_caseload[pool].second);
        put(Metric::staff_fte, series, pool_share_[pool] > 0 ? pools_[pool].fte() * region_share_[r] / pool_share_[pool] : 0.0);
      }
    }
  }

  // Staff hours available in the step that ends now (for utilisation), after warm-up.
  if (i > 0 && sample_times_[i - 1] >= warmup_end_) {
    const double step = sample_times_[i] - sample_times_[i - 1];
    for (std::size_t k = 0; k < pools_.size(); ++k) pool_hours_capacity_[k] += pools_[k].fte() * pools_[k].hours_per_fte_day() * step;
  }
  sample_staff(i);
  if (now() >= warmup_end_) {
    double gi_children = 0;
    double gi_fte = 0;
    // Caseload per guardian as published: children over the FTE of the guardians at work
    // (positions held, temporary staff included), not over the funded FTE.
    for (std::size_t k = 0; k < pools_.size(); ++k) {
      if (pool_plans_[k].organisation != Organisation::gi) continue;
      gi_children += static_cast<double>(pools_[k].children_in_caseload());
      for (std::size_t w = 0; w < pools_[k].worker_count(); ++w) {
        if (staff_[pools_[k].first_worker() + w].occupied()) gi_fte += pools_[k].fte_per_position();
      }
    }
    averages_.samples += 1;
    // The Board's whole waiting list, as published: protection investigations and other cases.
    averages_.rvdk_waiting += static_cast<double>(statistics_.level(Stage::rvdk, regions, Level::waiting) +
                                                  statistics_.level(Stage::rvdk_other, regions, Level::waiting));
    // Children without a guardian: waiting for one, or held by a position whose worker left.
    double at_vacant_positions = 0;
    for (std::size_t k = 0; k < pools_.size(); ++k) {
      if (pool_plans_[k].organisation != Organisation::gi) continue;
      for (std::size_t w = 0; w < pools_[k].worker_count(); ++w) {
        const sim::WorkerId worker = pools_[k].first_worker() + static_cast<sim::WorkerId>(w);
        if (!staff_[worker].occupied()) at_vacant_positions += pools_[k].caseload_of(worker);
      }
    }
    averages_.gi_waiting += static_cast<double>(statistics_.level(Stage::gi, regions, Level::waiting)) + at_vacant_positions;
    averages_.gi_at_vacant_positions += at_vacant_positions;
    averages_.gi_caseload_per_fte += gi_fte > 0 ? gi_children / gi_fte : nan;
    averages_.ots_children += static_cast<double>(ots_children_);
    averages_.foster_waiting += static_cast<double>(statistics_.level(Stage::care_foster_care, regions, Level::waiting));
  }

  // Conservation: count the families actually in a place and compare with the census. A
  // scan reads every record, over a million in a collapsing chain: once a simulated year
  // (at the first sample of each) and at the end.
  if (now() >= next_conservation_check_ || i + 1 == samples) {
    next_conservation_check_ = (std::floor(now() / days_per_year) + 1) * days_per_year;
    std::uint64_t in_place = 0;
    for (const auto& family : families_) in_place += family.status != Status::left ? 1 : 0;
    if (in_place != census_.in_place || census_.entered != census_.in_place + census_.left_total()) ++conservation_violations_;
  }
}

void Chain::sample_staff(std::size_t sample) {
  // Series: every pool, then every organisation nationally.
  std::vector<Organisation> organisations;
  for (const auto& plan : pool_plans_) {
    if (std::find(organisations.begin(), organisations.end(), plan.organisation) == organisations.end()) {
      organisations.push_back(plan.organisation);
    }
  }
  const std::size_t series_count = pools_.size() + organisations.size();
  const std::size_t samples = sample_times_.size();
  if (staff_values_.empty()) staff_values_.assign(staff_metric_count * series_count * samples, nan);
  std::vector<std::array<double, staff_metric_count>> rows(series_count, std::array<double, staff_metric_count>{});
  std::vector<double> pressure_weight(series_count, 0.0);
  for (std::size_t k = 0; k < pools_.size(); ++k) {
    const std::size_t national = pools_.size() + static_cast<std::size_t>(
        std::find(organisations.begin(), organisations.end(), pool_plans_[k].organisation) - organisations.begin());
    const double fte = pools_[k].fte_per_position();
    std::array<double, staff_metric_count> row{};
    double occupied = 0;
    for (std::size_t w = 0; w < pools_[k].worker_count(); ++w) {
      const StaffMember& member = staff_[pools_[k].first_worker() + w];
      if (member.occupied()) {
        row[static_cast<std::size_t>(StaffMetric::headcount)] += fte;
        row[static_cast<std::size_t>(StaffMetric::pressure_mean)] += member.pressure;
        occupied += 1;
      } else if (member.funded) {
        row[static_cast<std::size_t>(StaffMetric::vacancies)] += fte;
      }
      if (member.sick) row[static_cast<std::size_t>(StaffMetric::sick)] += fte;
      if (member.holder == StaffMember::Holder::temporary) row[static_cast<std::size_t>(StaffMetric::temporary)] += fte;
      row[static_cast<std::size_t>(StaffMetric::productive_fte)] += fte * member.speed_factor;
    }
    row[static_cast<std::size_t>(StaffMetric::funded_fte)] = pools_[k].fte();
    row[static_cast<std::size_t>(StaffMetric::leavers)] = staff_step_[k].leavers;
    row[static_cast<std::size_t>(StaffMetric::hires)] = staff_step_[k].hires;
    row[static_cast<std::size_t>(StaffMetric::cost_euros)] = staff_step_[k].cost_euros;
    staff_step_[k] = StaffStep{};
    for (std::size_t m = 0; m < staff_metric_count; ++m) rows[national][m] += row[m];
    pressure_weight[national] += occupied;
    row[static_cast<std::size_t>(StaffMetric::pressure_mean)] = occupied > 0 ? row[static_cast<std::size_t>(StaffMetric::pressure_mean)] / occupied : nan;
    rows[k] = row;
  }
  for (std::size_t n = pools_.size(); n < series_count; ++n) {
    auto& pressure = rows[n][static_cast<std::size_t>(StaffMetric::pressure_mean)];
    pressure = pressure_weight[n] > 0 ? pressure / pressure_weight[n] : nan;
  }
  for (std::size_t s = 0; s < series_count; ++s) {
    for (std::size_t m = 0; m < staff_metric_count; ++m) staff_values_[(m * series_count + s) * samples + sample] = rows[s][m];
  }
}

}  // namespace ketensim::model
