// SPDX-License-Identifier: MIT
#include "models/chain_statistics.h"

#include <limits>

namespace ketensim::model {

ChainStatistics::ChainStatistics(std::size_t regions, sim::Days warmup_end)
    : regions_(regions),
      warmup_end_(warmup_end),
      step_(stage_count * (regions + 1)),
      levels_(stage_count * (regions + 1), std::array<std::int64_t, 3>{0, 0, 0}),
      waits_(stage_count * (regions + 1)),
      deadline_met_(stage_count * (regions + 1), 0),
      deadline_total_(stage_count * (regions + 1), 0),
      completed_after_warmup_(stage_count * (regions + 1), 0),
      sojourn_sum_(stage_count * (regions + 1), 0.0),
      departed_after_warmup_(stage_count * (regions + 1), 0),
      access_sum_(stage_count * (regions + 1), 0.0),
      access_count_(stage_count * (regions + 1), 0.0) {}

void ChainStatistics::accessed(Stage stage, std::uint16_t region, int children, sim::Days access_days, sim::Days now) {
  if (now < warmup_end_) return;
  for (const std::size_t r : {static_cast<std::size_t>(region), regions_}) {
    access_sum_[at(stage, r)] += access_days * children;
    access_count_[at(stage, r)] += children;
  }
}

double ChainStatistics::access_days_mean(Stage stage, std::size_t region) const {
  const double n = access_count_[at(stage, region)];
  return n > 0 ? access_sum_[at(stage, region)] / n : std::numeric_limits<double>::quiet_NaN();
}

void ChainStatistics::arrived(Stage stage, std::uint16_t region, int children) {
  step_[at(stage, region)].arrivals += children;
  step_[at(stage, regions_)].arrivals += children;
}

void ChainStatistics::started(Stage stage, std::uint16_t region, int children, sim::Days wait_days, sim::Days now) {
  step_[at(stage, region)].started += children;
  step_[at(stage, regions_)].started += children;
  if (now >= warmup_end_) {
    // A wait is counted once per child, so that children are the unit of every KPI.
    for (int i = 0; i < children; ++i) {
      waits_[at(stage, region)].push_back(static_cast<float>(wait_days));
      waits_[at(stage, regions_)].push_back(static_cast<float>(wait_days));
    }
  }
}

void ChainStatistics::completed(Stage stage, std::uint16_t region, int children, sim::Days now, sim::Days sojourn_days) {
  step_[at(stage, region)].completed += children;
  step_[at(stage, regions_)].completed += children;
  if (now >= warmup_end_) {
    completed_after_warmup_[at(stage, region)] += children;
    completed_after_warmup_[at(stage, regions_)] += children;
  }
  departed(stage, region, children, now, sojourn_days);
}

void ChainStatistics::departed(Stage stage, std::uint16_t region, int children, sim::Days now, sim::Days sojourn_days) {
  if (now < warmup_end_) return;
  for (const std::size_t r : {static_cast<std::size_t>(region), regions_}) {
    sojourn_sum_[at(stage, r)] += sojourn_days * children;
    departed_after_warmup_[at(stage, r)] += children;
  }
}

void ChainStatistics::change_level(Stage stage, std::uint16_t region, Level level, int children) {
  levels_[at(stage, region)][static_cast<std::size_t>(level)] += children;
  levels_[at(stage, regions_)][static_cast<std::size_t>(level)] += children;
}

void ChainStatistics::deadline(Stage stage, std::uint16_t region, bool met, sim::Days now) {
  if (now < warmup_end_) return;
  for (const std::size_t r : {static_cast<std::size_t>(region), regions_}) {
    deadline_total_[at(stage, r)] += 1;
    if (met) deadline_met_[at(stage, r)] += 1;
  }
}

void ChainStatistics::lead_time(LeadTime what, sim::Days days, sim::Days now) {
  if (now >= warmup_end_) lead_times_[static_cast<std::size_t>(what)].push_back(static_cast<float>(days));
}

void ChainStatistics::flow(Flow what, int amount, sim::Days now) {
  if (now >= warmup_end_) flows_[static_cast<std::size_t>(what)] += amount;
}

double ChainStatistics::sojourn_days_mean(Stage stage, std::size_t region) const {
  const auto n = departed_after_warmup_[at(stage, region)];
  return n > 0 ? sojourn_sum_[at(stage, region)] / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

ChainStatistics::StepFlows ChainStatistics::take_step_flows(Stage stage, std::size_t region) {
  const StepFlows flows = step_[at(stage, region)];
  step_[at(stage, region)] = StepFlows{};
  return flows;
}

std::int64_t ChainStatistics::level(Stage stage, std::size_t region, Level which) const {
  return levels_[at(stage, region)][static_cast<std::size_t>(which)];
}

}  // namespace ketensim::model
