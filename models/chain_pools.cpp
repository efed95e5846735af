// SPDX-License-Identifier: MIT
// The platform and the staff pools: which organisation works where, with how many FTE.
#include <algorithm>
#include <cmath>

#include "models/chain.h"

namespace ketensim::model {

namespace {
constexpr double days_per_year = 365.0;
}

std::uint32_t Chain::add_pool(Organisation organisation, const std::string& area, sim::ZoneId zone,
                              std::vector<std::uint16_t> regions) {
  const auto index = static_cast<std::uint32_t>(pools_.size());
  pool_plans_.push_back(PoolPlan{organisation, std::move(regions), area == "national" && organisation == Organisation::gi});
  double share = 0;
  for (const auto r : pool_plans_.back().regions) share += region_share_[r];
  pool_share_.push_back(pool_plans_.back().national_gi ? 0.0 : share);
  pool_hours_started_.push_back(0.0);
  pool_hours_capacity_.push_back(0.0);
  // Positions are created up front (SimGrid cannot add hosts later), enough for the largest
  // FTE the pool reaches under the scenario's interventions; positions beyond the FTE at
  // the start are funded only when a plan raises it.
  const PoolSize now = pool_size(index, region_params_);
  const double per_position = now.fte > 0 ? now.fte / std::max(1.0, std::round(now.fte)) : 1.0;
  double most = now.fte;
  for (const auto& state : intervention_states()) most = std::max(most, pool_size(index, state).fte);
  pools_.emplace_back(std::string(organisation_name(organisation)), area, zone,
                      static_cast<std::size_t>(std::max(1.0, std::round(most / per_position))), now.fte, now.cap,
                      now.hours_per_fte_day, platform_);
  pool_base_speed_.push_back(now.hours_per_fte_day * pools_.back().fte_per_position());
  if (organisation == Organisation::gi) pools_.back().set_average_cap(pool_parameters_now(index).gi.caseload_average_cap_children);
  return index;
}

Chain::PoolSize Chain::pool_size(std::uint32_t pool, const std::vector<Parameters>& params) const {
  // Each region holds its population share of an organisation's national staff keys; a pool
  // adds up the shares of the regions it serves. The cap and hours are FTE-weighted means.
  const PoolPlan& plan = pool_plans_[pool];
  PoolSize size;
  double weighted_cap = 0;
  double weighted_hours = 0;
  for (const auto r : plan.regions) {
    const Parameters& p = params[r];
    const PoolParameters& staff = pool_parameters(p, plan.organisation);
    double fte = staff.fte * (plan.organisation == Organisation::vt ? vt_staff_share_[r] : region_share_[r]);
    if (plan.organisation == Organisation::gi) fte *= plan.national_gi ? p.gi.national_share : 1.0 - p.gi.national_share;
    size.fte += fte;
    weighted_cap += fte * staff.caseload_cap_children;
    weighted_hours += fte * p.workforce.productive_hours_per_fte_year / days_per_year;
  }
  if (size.fte > 0) {
    size.cap = weighted_cap / size.fte;
    size.hours_per_fte_day = weighted_hours / size.fte;
  } else {
    const Parameters& p = params[plan.regions.front()];
    size.cap = pool_parameters(p, plan.organisation).caseload_cap_children;
    size.hours_per_fte_day = p.workforce.productive_hours_per_fte_year / days_per_year;
  }
  return size;
}

void Chain::build_platform() {
  const auto& table = scenario_.regions;
  const std::size_t regions = table.regions.size();
  const double regional = p_.handover.regional_link_days;
  nation_ = platform_.add_root("nation");
  for (std::size_t r = 0; r < regions; ++r) {
    region_zone_.push_back(platform_.add_zone("region:" + table.regions[r].code, nation_, regional));
  }
  // Each organisation's area is a zone below the nation; a hand-over between two of them
  // crosses both links. Regions (local teams, care providers) are zones too.
  auto pools_by_area = [&](Organisation organisation, const std::vector<std::string>& areas,
                           std::string Region::*member, std::vector<std::uint32_t>& pool_of_region) {
    pool_of_region.assign(regions, 0);
    for (const auto& area : areas) {
      std::vector<std::uint16_t> members;
      for (std::size_t r = 0; r < regions; ++r) {
        if (table.regions[r].*member == area) members.push_back(static_cast<std::uint16_t>(r));
      }
      const sim::ZoneId zone = platform_.add_zone(std::string(organisation_name(organisation)) + ":" + area, nation_, regional);
      const std::uint32_t pool = add_pool(organisation, area, zone, members);
      for (const auto r : members) pool_of_region[r] = pool;
    }
  };
  std::vector<std::uint16_t> everyone(regions);
  for (std::size_t r = 0; r < regions; ++r) everyone[r] = static_cast<std::uint16_t>(r);
  // A moved function: one team per region, close to the local teams (scenario 1), or one
  // national organisation further away (scenario 2).
  auto moved_function = [&](Organisation organisation, std::vector<std::uint32_t>& pool_of_region) {
    pool_of_region.assign(regions, 0);
    if (placement_ == Placement::regional) {
      for (std::size_t r = 0; r < regions; ++r) {
        pool_of_region[r] = add_pool(organisation, table.regions[r].code, region_zone_[r], {static_cast<std::uint16_t>(r)});
      }
    } else {
      const sim::ZoneId zone = platform_.add_zone(std::string(organisation_name(organisation)) + ":national", nation_,
                                                  p_.handover.national_link_days);
      const std::uint32_t pool = add_pool(organisation, "national", zone, everyone);
      std::fill(pool_of_region.begin(), pool_of_region.end(), pool);
    }
  };

  pools_by_area(Organisation::vt, table.vt_regions, &Region::vt_region, vt_pool_of_region_);
  pools_by_area(Organisation::rvdk, table.rvdk_areas, &Region::rvdk_area, rvdk_pool_of_region_);
  if (placement_ == Placement::baseline) {
    expertise_pool_of_region_ = vt_pool_of_region_;
    judgment_pool_of_region_ = rvdk_pool_of_region_;
  } else {
    moved_function(Organisation::expertise, expertise_pool_of_region_);
    moved_function(Organisation::judgment, judgment_pool_of_region_);
  }
  pools_by_area(Organisation::gi, table.gi_areas, &Region::gi_area, gi_pool_of_region_);
  const sim::ZoneId national_gi = platform_.add_zone("gi:national", nation_, p_.handover.national_link_days);
  national_gi_pool_ = add_pool(Organisation::gi, "national", national_gi, everyone);

  for (const auto& area : table.rvdk_areas) {
    const sim::ZoneId court = platform_.add_zone("court:" + area, nation_, regional);
    court_zone_of_region_.resize(regions);
    for (std::size_t r = 0; r < regions; ++r) {
      if (table.regions[r].rvdk_area == area) court_zone_of_region_[r] = court;
    }
  }
  for (std::size_t r = 0; r < regions; ++r) {
    for (const CareType type : all_care_types) {
      care_.emplace_back(type, static_cast<std::uint16_t>(r), p_.care_of(type).capacity_children * region_share_[r],
                         region_zone_[r]);
    }
  }
}

std::uint32_t Chain::pool_for(Stage stage, const Family& family) const {
  switch (stage) {
    case Stage::vt_triage: return vt_pool_of_region_[family.region];
    case Stage::vt_investigation: return expertise_pool_of_region_[family.region];
    case Stage::rvdk: return judgment_pool_of_region_[family.region];
    case Stage::rvdk_other: return rvdk_pool_of_region_[family.region];
    default: return family.pool;
  }
}

void Chain::refresh_capacities() {
  for (std::uint32_t k = 0; k < pools_.size(); ++k) {
    const PoolSize size = pool_size(k, region_params_);
    const sim::Hours speed = pools_[k].resize(size.fte, size.cap, size.hours_per_fte_day);
    if (pool_plans_[k].organisation == Organisation::gi) pools_[k].set_average_cap(pool_parameters_now(k).gi.caseload_average_cap_children);
    const bool speed_changed = speed != pool_base_speed_[k];
    pool_base_speed_[k] = speed;
    const std::size_t funded = pools_[k].positions_for(size.fte);
    // The budget follows the funded FTE: a plan that adds staff brings their salaries, or the
    // budget rule (L3) would stop every hire until the extra FTE had left again.
    const Parameters& p = pool_parameters_now(k);
    pool_budget_euros_[k] = p.workforce.budget_share_of_base_cost * size.fte * p.workforce.salary_per_fte_year_euros;
    for (std::size_t i = 0; i < pools_[k].worker_count(); ++i) {
      const sim::WorkerId w = pools_[k].first_worker() + static_cast<sim::WorkerId>(i);
      set_funded(w, i < funded);
      if (speed_changed) engine_->set_speed(w, speed * staff_[w].speed_factor);
    }
  }
  for (std::uint32_t c = 0; c < care_.size(); ++c) {
    const auto r = care_[c].region();
    care_[c].set_capacity(P(r).care_of(care_[c].type()).capacity_children * region_share_[r]);
  }
  // Arrival rates: a stream whose rate changed forgets its pending arrival and draws the next
  // one from now (exponential gaps are memoryless, so the process stays Poisson).
  const std::size_t regions = region_share_.size();
  for (std::size_t source = 0; source < source_count_; ++source) {
    for (std::size_t r = 0; r < regions; ++r) {
      const Parameters& p = P(static_cast<std::uint16_t>(r));
      const double national_per_year = arrivals_per_year(source, p);
      const std::size_t i = source * regions + r;
      const double share = source == static_cast<std::size_t>(Source::vt_report) ? report_share_[r] : region_share_[r];
      const double rate = national_per_year * share / days_per_year;
      if (rate == arrival_rate_per_day_[i]) continue;
      arrival_rate_per_day_[i] = rate;
      ++arrival_generation_[i];
      if (rate <= 0.0) continue;
      const double next = now() + arrival_streams_[i].exponential(1.0 / rate);
      if (next <= end_date_) {
        schedule(next, EventKind::arrival, source, r | (static_cast<std::uint64_t>(arrival_generation_[i]) << 32),
                 SameInstantOrder::arrival);
      }
    }
  }
  for (std::uint32_t k = 0; k < pools_.size(); ++k) assign_waiting(k);
  for (std::uint32_t c = 0; c < care_.size(); ++c) admit_waiting(c);
}

}  // namespace ketensim::model
