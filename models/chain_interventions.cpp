// SPDX-License-Identifier: MIT
// Improvement plans: timed changes of scenario keys per region, optionally ramped.
#include <algorithm>
#include <cmath>

#include "models/chain.h"
#include "models/parameter_table.h"

namespace ketensim::model {

namespace {

std::vector<std::size_t> regions_of(const Intervention& change, const Scenario& scenario) {
  std::vector<std::size_t> found;
  for (std::size_t r = 0; r < scenario.regions.regions.size(); ++r) {
    if (change.regions.empty() ||
        std::find(change.regions.begin(), change.regions.end(), scenario.regions.regions[r].code) != change.regions.end()) {
      found.push_back(r);
    }
  }
  return found;
}

// Interventions in the order they take effect (start date, then file order).
std::vector<std::size_t> in_start_order(const std::vector<Intervention>& changes) {
  std::vector<std::size_t> order(changes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return changes[a].starts_on_day() < changes[b].starts_on_day(); });
  return order;
}

}  // namespace

const std::vector<std::vector<Parameters>>& Chain::intervention_states() const {
  // The start, then the state after each intervention in turn is fully applied: a pool's
  // largest FTE is in one of them, because ramps move linearly between them.
  if (!intervention_states_.empty()) return intervention_states_;
  std::vector<std::vector<Parameters>>& states = intervention_states_;
  states.push_back(region_params_);
  std::vector<Parameters> state = region_params_;
  for (const std::size_t i : in_start_order(scenario_.interventions)) {
    const Intervention& change = scenario_.interventions[i];
    const ParameterSpec& spec = *find_parameter(change.key);
    for (const std::size_t r : regions_of(change, scenario_)) {
      double& value = spec.field(state[r]);
      value = change.applied_to(value);
    }
    states.push_back(state);
  }
  return states;
}

std::size_t Chain::ramp_steps(const Intervention& change) const {
  // A ramp moves in weekly steps (at least one).
  return change.ramp_days > 0 ? static_cast<std::size_t>(std::max(1.0, std::ceil(change.ramp_days / 7.0))) : 1;
}

void Chain::schedule_interventions() {
  const std::size_t regions = region_share_.size();
  intervention_from_.assign(scenario_.interventions.size() * regions, 0.0);
  for (std::size_t i = 0; i < scenario_.interventions.size(); ++i) {
    const Intervention& change = scenario_.interventions[i];
    const std::size_t steps = ramp_steps(change);
    const double start = change.starts_on_day();
    for (std::size_t step = 1; step <= steps; ++step) {
      const double date = start + (steps == 1 ? 0.0 : change.ramp_days * static_cast<double>(step - 1) / (steps - 1));
      if (date <= end_date_) {
        schedule(date, EventKind::intervention_step, i, step, SameInstantOrder::change);
      }
    }
  }
}

void Chain::on_intervention_step(std::size_t index, std::size_t step) {
  const Intervention& change = scenario_.interventions[index];
  const ParameterSpec& spec = *find_parameter(change.key);
  const std::size_t steps = ramp_steps(change);
  const double fraction = static_cast<double>(step) / static_cast<double>(steps);
  const std::size_t regions = region_share_.size();
  for (const std::size_t r : regions_of(change, scenario_)) {
    double& value = spec.field(region_params_[r]);
    double& from = intervention_from_[index * regions + r];
    if (step == 1) from = value;  // the value when the plan starts, whatever came before
    const double target = change.applied_to(from);
    value = from + (target - from) * fraction;
  }
  refresh_capacities();
}

}  // namespace ketensim::model
