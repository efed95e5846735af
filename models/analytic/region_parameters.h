// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <vector>

#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// Which parameters the analytic model describes when a scenario has [[intervention]]s.
enum class ParameterState : std::uint8_t {
  start,                ///< the scenario's values, before any intervention
  after_interventions,  ///< every intervention fully applied, in the order they start
};

/// The parameters of each region (in the order of scenario.regions) in `state`. An
/// intervention changes its key for the regions it lists (all when none), as the model's
/// plans do (models/chain_interventions.cpp); a ramp counts at its end value.
std::vector<Parameters> region_parameters(const Scenario& scenario, ParameterState state);

}  // namespace ketensim::model::analytic
