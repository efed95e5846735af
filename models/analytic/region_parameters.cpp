// SPDX-License-Identifier: MIT
#include "models/analytic/region_parameters.h"

#include <algorithm>

#include "models/moved_staff.h"
#include "models/parameter_table.h"
#include "models/scenario_error.h"

namespace ketensim::model::analytic {

std::vector<Parameters> region_parameters(const Scenario& scenario, ParameterState state) {
  std::vector<Parameters> params(scenario.regions.regions.size(), with_moved_staff(scenario));
  if (state == ParameterState::start) return params;
  std::vector<const Intervention*> order;
  for (const auto& change : scenario.interventions) order.push_back(&change);
  // Same order as the model: by start date, then as written.
  std::stable_sort(order.begin(), order.end(),
                   [](const Intervention* a, const Intervention* b) { return a->starts_on_day() < b->starts_on_day(); });
  for (const Intervention* change : order) {
    const ParameterSpec* spec = find_parameter(change->key);
    if (spec == nullptr) throw ScenarioError(change->where + ": intervention.key = \"" + change->key + "\": unknown key");
    for (std::size_t r = 0; r < params.size(); ++r) {
      const auto& listed = change->regions;
      if (!listed.empty() && std::find(listed.begin(), listed.end(), scenario.regions.regions[r].code) == listed.end()) {
        continue;
      }
      double& value = spec->field(params[r]);
      value = change->applied_to(value);
    }
  }
  return params;
}

}  // namespace ketensim::model::analytic
