// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "models/moved_staff.h"
#include "models/run_result.h"
#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/statistics.h"

namespace ketensim::model {

/// On what terms configurations are compared (`compare --basis`, docs/scenario-comparison.md).
enum class Basis {
  as_configured,  ///< the files as they are
  equal_budget,   ///< the same total FTE, spread so that no pool is needlessly overloaded
  meet_norms      ///< the smallest staff per organisation that meets the legal deadlines
};

/// "as-configured", "equal-budget" or "meet-norms"; throws std::invalid_argument naming the valid ones.
Basis basis_from_name(const std::string& name);
const char* basis_name(Basis basis);

/// Staff per organisation, as staff_by_organisation lists it.
using StaffPlan = std::map<Organisation, double>;

/// The scenario's staff at the start (after the move).
StaffPlan staff_plan(const Scenario& scenario);

/// The scenario with every organisation's FTE stated as in `plan` (the moved staff's shares
/// cleared), checked like an override.
Scenario with_staff(const Scenario& scenario, const StaffPlan& plan);

/// Per organisation, the highest effective utilisation of its pools in the analytic model:
/// the larger of offered over productive hours and children held over caseload slots
/// (whichever binds; at the GIs the slots do). The pool that decides whether it settles.
std::map<Organisation, double> highest_effective_utilisation(const Scenario& scenario);

/// The same total FTE, spread over the organisations so that each one's most loaded pool
/// has the same effective utilisation (a fixed point on the analytic model: FTE in
/// proportion to FTE x utilisation, rescaled to the total, until it moves less than 1e-6 or
/// for 50 rounds: whole positions make the slots a step function in a small chain).
Scenario equal_budget(const Scenario& scenario);

/// One legal deadline of a configuration: the national share within it over replications.
struct NormCheck {
  std::string stage;  ///< vt_triage, vt_investigation, rvdk, gi
  double target = 0;  ///< norm.* share
  sim::ConfidenceInterval share;
  [[nodiscard]] bool met() const { return share.mean >= target; }
};

/// The deadlines of `run` against the scenario's norm.* shares.
std::vector<NormCheck> check_norms(const Scenario& scenario, const RunResult& run);

/// The staff at which a configuration meets the norms, how it was found, and its check.
struct NormStaffing {
  Scenario scenario;
  std::vector<NormCheck> checks;  ///< at the reported staff, by simulation
  int simulations = 0;
};

/// The smallest staff per organisation at which every deadline's mean share over the
/// scenario's replications meets its norm: organisations that serve the same deadline are
/// scaled together (the RvdK with function (b)); each group starts where the analytic model
/// puts its waits within reach of the norm (an exponential wait: mean wait <= deadline /
/// -ln(1 - share)), then a bisection by simulation, on common random numbers, narrows its
/// staff to `tolerance` (relative), the upper end of the final bracket. Groups go in chain
/// order, from the equal-budget spread. Each simulation calls `on_simulation` with a note.
NormStaffing meet_norms(const Scenario& scenario, const RunOptions& options, double tolerance = 0.01,
                        const std::function<void(const std::string&)>& on_simulation = {});

}  // namespace ketensim::model
