// SPDX-License-Identifier: MIT
#include "models/comparison_basis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/analytic/analyze.h"
#include "models/kpi_bounds.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string fte_key(Organisation organisation) { return std::string(organisation_name(organisation)) + ".fte"; }

// One legal deadline: the stage whose share within it is the KPI, and its norm key.
struct Norm {
  const char* stage;
  const char* share_key;
  const char* deadline_key;
};
const std::vector<Norm>& norms() {
  static const std::vector<Norm> list = {
      {"vt_triage", "norm.vt_triage_share", "vt.deadline_triage_days"},
      {"vt_investigation", "norm.vt_investigation_share", "vt.deadline_investigation_days"},
      {"rvdk", "norm.rvdk_start_share", "rvdk.deadline_start_days"},
      {"gi", "norm.guardian_share", "gi.deadline_guardian_days"},
  };
  return list;
}

// The organisations whose staff serves a deadline's stage in this placement.
std::vector<Organisation> serving(const std::string& stage, bool moved) {
  if (stage == "vt_triage") return {Organisation::vt};
  if (stage == "vt_investigation") return {moved ? Organisation::expertise : Organisation::vt};
  if (stage == "rvdk") return moved ? std::vector<Organisation>{Organisation::rvdk, Organisation::judgment}
                                    : std::vector<Organisation>{Organisation::rvdk};
  return {Organisation::gi};
}

// Organisations scaled together and the deadlines they answer for, in chain order.
struct Group {
  std::vector<Organisation> organisations;
  std::vector<const Norm*> norms;
};
std::vector<Group> groups_of(const Scenario& scenario) {
  const bool moved = scenario.placement != Placement::baseline;
  std::vector<Group> groups;
  for (const Norm& norm : norms()) {
    const auto organisations = serving(norm.stage, moved);
    auto same = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.organisations == organisations; });
    if (same == groups.end()) groups.push_back({organisations, {&norm}});
    else same->norms.push_back(&norm);
  }
  return groups;
}

StaffPlan scaled(StaffPlan plan, const Group& group, double factor) {
  for (const Organisation organisation : group.organisations) plan[organisation] *= factor;
  return plan;
}

// Analytic: does every deadline of the group look within reach? An exponential wait meets
// a share s of a deadline d when its mean is at most d / -ln(1 - s).
bool analytic_within_reach(const Scenario& scenario, const Group& group) {
  const auto report = analytic::analyze(scenario);
  for (const Norm* norm : group.norms) {
    const double share = get_parameter(scenario, norm->share_key);
    const double allowed = share >= 1 ? 0 : get_parameter(scenario, norm->deadline_key) / -std::log(1 - share);
    for (const auto& stage : report.stages) {
      if (stage.stage == norm->stage && stage.region == "national" && !(stage.wait_days_mean <= allowed)) return false;
    }
  }
  for (const auto& pool : report.pools) {
    for (const Organisation organisation : group.organisations) {
      if (!pool.total && pool.organisation == organisation_name(organisation) && !pool.stable) return false;
    }
  }
  return true;
}

}  // namespace

Basis basis_from_name(const std::string& name) {
  if (name == "as-configured") return Basis::as_configured;
  if (name == "equal-budget") return Basis::equal_budget;
  if (name == "meet-norms") return Basis::meet_norms;
  throw std::invalid_argument("\"" + name + "\": expected as-configured, equal-budget or meet-norms");
}

const char* basis_name(Basis basis) {
  switch (basis) {
    case Basis::as_configured: return "as-configured";
    case Basis::equal_budget: return "equal-budget";
    case Basis::meet_norms: return "meet-norms";
  }
  return "?";
}

StaffPlan staff_plan(const Scenario& scenario) {
  StaffPlan plan;
  for (const auto& line : staff_by_organisation(scenario)) plan[line.organisation] = line.fte;
  return plan;
}

Scenario with_staff(const Scenario& scenario, const StaffPlan& plan) {
  Scenario staffed = scenario;
  set_parameter(staffed, "expertise.fte_from_vt_share", 0, "--basis");
  set_parameter(staffed, "judgment.fte_from_rvdk_share", 0, "--basis");
  for (const auto& [organisation, fte] : plan) set_parameter(staffed, fte_key(organisation), fte, "--basis");
  check_cross_field_rules(staffed);
  return staffed;
}

std::map<Organisation, double> highest_effective_utilisation(const Scenario& scenario) {
  const auto report = analytic::analyze(scenario);
  std::map<Organisation, double> highest;
  for (const auto& line : staff_by_organisation(scenario)) {
    double most = nan;
    for (const auto& pool : report.pools) {
      if (pool.total || pool.organisation != organisation_name(line.organisation)) continue;
      // Hours or caseload slots, whichever binds (the GIs are bound by their caseload cap).
      const double load = std::max(pool.effective_utilisation, pool.slot_utilisation);
      if (std::isnan(most) || load > most) most = load;
    }
    highest[line.organisation] = most;
  }
  return highest;
}

Scenario equal_budget(const Scenario& scenario) {
  StaffPlan plan = staff_plan(scenario);
  double total = 0;
  for (const auto& [organisation, fte] : plan) total += fte;
  for (int round = 0; round < 50; ++round) {
    const auto utilisation = highest_effective_utilisation(with_staff(scenario, plan));
    // Work is about fixed: FTE x utilisation is an organisation's need at utilisation 1.
    double need = 0;
    for (const auto& [organisation, fte] : plan) {
      const double u = utilisation.at(organisation);
      if (fte > 0 && std::isfinite(u) && u > 0) need += fte * u;
    }
    if (!(need > 0)) break;
    double assigned = 0;
    for (const auto& [organisation, fte] : plan) {
      const double u = utilisation.at(organisation);
      if (!(fte > 0 && std::isfinite(u) && u > 0)) assigned += fte;
    }
    const double level = need / (total - assigned);  // the common utilisation
    double moved = 0;
    for (auto& [organisation, fte] : plan) {
      const double u = utilisation.at(organisation);
      if (!(fte > 0 && std::isfinite(u) && u > 0)) continue;
      const double next = fte * u / level;
      moved = std::max(moved, std::abs(next - fte) / fte);
      fte = next;
    }
    if (moved < 1e-6) break;
  }
  return with_staff(scenario, plan);
}

std::vector<NormCheck> check_norms(const Scenario& scenario, const RunResult& run) {
  std::vector<NormCheck> checks;
  for (const Norm& norm : norms()) {
    sim::SufficientStats stats;
    for (const auto& replication : run.replications) {
      for (const auto& kpi : replication.kpis) {
        if (kpi.name == "share_within_deadline" && kpi.stage == norm.stage && kpi.region == "national") stats.add(kpi.value);
      }
    }
    if (stats.count == 0) continue;
    checks.push_back({norm.stage, get_parameter(scenario, norm.share_key),
                      sim::bounded_confidence_interval(stats, 0.95, sim::Bounds::unit_interval)});
  }
  return checks;
}

NormStaffing meet_norms(const Scenario& scenario, const RunOptions& options, double tolerance,
                        const std::function<void(const std::string&)>& on_simulation) {
  NormStaffing result{scenario, {}, 0};
  StaffPlan plan = staff_plan(equal_budget(scenario));
  auto simulate = [&](const StaffPlan& staff, const std::string& note) {
    ++result.simulations;
    if (on_simulation) on_simulation(note);
    const Scenario staffed = with_staff(scenario, staff);
    return check_norms(staffed, run_scenario(staffed, options));
  };
  auto group_met = [](const std::vector<NormCheck>& checks, const Group& group) {
    for (const Norm* norm : group.norms) {
      for (const auto& check : checks) {
        if (check.stage == norm->stage && !check.met()) return false;
      }
    }
    return true;
  };
  for (const Group& group : groups_of(scenario)) {
    std::string label;
    for (const Organisation organisation : group.organisations) label += (label.empty() ? "" : "+") + organisation_label(organisation);
    // Analytic first guess: the smallest factor (on a grid of 5%) within reach of the norms.
    double guess = 1;
    for (int step = 0; step < 60 && !analytic_within_reach(with_staff(scenario, scaled(plan, group, guess)), group); ++step) guess *= 1.05;
    for (int step = 0; step < 60 && analytic_within_reach(with_staff(scenario, scaled(plan, group, guess / 1.05)), group); ++step) guess /= 1.05;
    // Bracket by simulation: `high` meets the group's norms, `low` misses one.
    double high = guess;
    for (int step = 0; step < 12 && !group_met(simulate(scaled(plan, group, high), label + " x" + std::to_string(high)), group); ++step) high *= 1.25;
    double low = high / 1.25;
    for (int step = 0; step < 12 && group_met(simulate(scaled(plan, group, low), label + " x" + std::to_string(low)), group); ++step) {
      high = low;
      low /= 1.25;
    }
    while ((high - low) / high > tolerance) {
      const double middle = 0.5 * (low + high);
      (group_met(simulate(scaled(plan, group, middle), label + " x" + std::to_string(middle)), group) ? high : low) = middle;
    }
    plan = scaled(plan, group, high);
  }
  // The groups interact (the Board's escalations re-report to VT, for one), so a group found
  // first can miss once a later one has its staff: raise each group that misses by one
  // tolerance step until every norm holds at the staff reported.
  for (int round = 0;; ++round) {
    result.scenario = with_staff(scenario, plan);
    ++result.simulations;
    if (on_simulation) on_simulation("check");
    result.checks = check_norms(result.scenario, run_scenario(result.scenario, options));
    bool all_met = true;
    for (const Group& group : groups_of(scenario)) {
      if (group_met(result.checks, group)) continue;
      all_met = false;
      plan = scaled(plan, group, 1.0 + tolerance);
    }
    if (all_met || round == 10) break;
  }
  return result;
}

}  // namespace ketensim::model
