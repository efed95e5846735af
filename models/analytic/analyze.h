// SPDX-License-Identifier: MIT
#pragma once
#include "models/analytic/flow_report.h"
#include "models/analytic/region_parameters.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// The analytic companion of a scenario: solves the chain's traffic equations with Eigen
/// and estimates, per staff pool and per care type and region, the load, the utilisation,
/// whether it is stable and the mean wait (docs/analytic.md has the formulas and where they
/// stop being valid). It describes the steady state of one set of parameters (`state`): the
/// initial stocks, the warm-up and the run length play no part. Takes milliseconds for the
/// national scenario.
///
/// A plain function of the scenario returning plain records, so that the CLI, the result
/// file and a Python binding share it. Throws ScenarioError (naming the scenario's file and
/// line) when the routing shares leave no way out of a loop.
FlowReport analyze(const Scenario& scenario, ParameterState state = ParameterState::start);

}  // namespace ketensim::model::analytic
