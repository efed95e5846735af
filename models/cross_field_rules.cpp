// SPDX-License-Identifier: MIT
#include <cmath>
#include <algorithm>
#include <map>
#include <string>

#include "models/parameter_table.h"

#include "models/scenario.h"
#include "models/scenario_error.h"

namespace ketensim::model {
namespace {

// `keys`: the keys the rule ties together; the message points at the first one set in the file.
void require(bool ok, const Scenario& s, const std::vector<std::string>& keys, const std::string& message) {
  if (!ok) throw ScenarioError(s.where_set(keys) + ": " + message);
}

std::string number(double v) {
  std::string text = std::to_string(v);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

void require_pool(const Scenario& s, const std::string& name, const PoolParameters& pool) {
  const std::string cap = name + ".caseload_cap_children";
  const std::string norm = name + ".caseload_norm_children";
  require(pool.caseload_cap_children >= pool.caseload_norm_children, s, {cap, norm},
          name + ".caseload_cap_children = " + number(pool.caseload_cap_children) + ": must be >= " + name +
              ".caseload_norm_children (" + number(pool.caseload_norm_children) + ")");
}

// Each intervention names known regions, starts within the run, and gives values within the
// key's bounds once applied (in start order, as the run applies them).
void check_interventions(const Scenario& s) {
  std::vector<std::string> codes;
  for (const auto& region : s.regions.regions) codes.push_back(region.code);
  std::vector<const Intervention*> ordered;
  for (const auto& change : s.interventions) ordered.push_back(&change);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Intervention* a, const Intervention* b) { return a->starts_on_day() < b->starts_on_day(); });
  std::map<std::pair<std::string, std::string>, double> values;  // (region, key) -> value so far
  for (const Intervention* change : ordered) {
    for (const auto& code : change->regions) {
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        std::string valid;
        for (const auto& c : codes) valid += (valid.empty() ? "" : ", ") + c;
        throw ScenarioError(change->where + ": intervention.regions = \"" + code + "\": unknown region code; valid codes are " + valid);
      }
    }
    // A series is dated: a run shortened after loading (--years) just ends before its later dates.
    if (change->from_series && change->starts_on_day() >= s.parameters.run.years * 365.0) continue;
    if (change->start_years >= s.parameters.run.years) {
      throw ScenarioError(change->where + ": intervention.start_years = " + number(change->start_years) +
                          ": must be < run.years (" + number(s.parameters.run.years) + ")");
    }
    const ParameterSpec& spec = *find_parameter(change->key);
    for (const auto& code : change->regions.empty() ? codes : change->regions) {
      const auto slot = std::make_pair(code, change->key);
      if (!values.count(slot)) values[slot] = get_parameter(s, change->key);
      const double after = change->applied_to(values[slot]);
      if (after < spec.min || after > spec.max || std::isnan(after)) {
        throw ScenarioError(change->where + ": intervention on " + change->key + " gives " + number(after) + " in " + code +
                            ": must be within " + number(spec.min) + " .. " + number(spec.max) + " (" + spec.unit + ")");
      }
      values[slot] = after;
    }
  }
}

// A moved function takes its staff either as a stated share of the baseline organisation or
// as a stated FTE, not both (the share keeps the totals equal, a stated FTE would add to them);
// in the baseline nothing moves. An unstated share (NaN) is derived (models/moved_staff.h).
void check_moved_staff(const Scenario& s) {
  struct Move {
    std::string function, source;
    double share, fte;
  };
  const Parameters& p = s.parameters;
  for (const Move& move : {Move{"expertise", "vt", p.expertise.fte_from_vt_share, p.expertise.pool.fte},
                           Move{"judgment", "rvdk", p.judgment.fte_from_rvdk_share, p.judgment.pool.fte}}) {
    if (std::isnan(move.share) || move.share == 0) continue;
    const std::string share_key = move.function + ".fte_from_" + move.source + "_share";
    require(s.placement != Placement::baseline, s, {share_key, "structure.placement"},
            share_key + " = " + number(move.share) + ": moves staff, which needs structure.placement = \"regional\" or \"national\"");
    require(move.fte == 0, s, {move.function + ".fte", share_key},
            move.function + ".fte = " + number(move.fte) + ": set either " + move.function + ".fte or " + share_key +
                " (the share derives the FTE from " + move.source + ".fte)");
  }
}

}  // namespace

void check_cross_field_rules(const Scenario& s) {
  const Parameters& p = s.parameters;
  require(p.run.warmup_years < p.run.years, s, {"run.warmup_years", "run.years"},
          "run.warmup_years = " + number(p.run.warmup_years) + ": must be < run.years (" + number(p.run.years) + ")");
  const double family = p.family.share_one_child + p.family.share_two_children + p.family.share_three_children +
                        p.family.share_four_children;
  require(std::abs(family - 1.0) < 1e-6, s,
          {"family.share_one_child", "family.share_two_children", "family.share_three_children",
           "family.share_four_children"},
          "family.share_*: the four shares add up to " + number(family) + ": they must add up to 1");
  const double vt_triage = p.vt.share_triage_to_investigation + p.vt.share_triage_to_local_team;
  require(vt_triage <= 1.0 + 1e-9, s, {"vt.share_triage_to_investigation", "vt.share_triage_to_local_team"},
          "vt.share_triage_to_investigation + vt.share_triage_to_local_team = " + number(vt_triage) + ": must be <= 1");
  const double vt_investigation = p.vt.share_investigation_to_rvdk + p.vt.share_investigation_to_local_team;
  require(vt_investigation <= 1.0 + 1e-9, s, {"vt.share_investigation_to_rvdk", "vt.share_investigation_to_local_team"},
          "vt.share_investigation_to_rvdk + vt.share_investigation_to_local_team = " + number(vt_investigation) +
              ": must be <= 1");
  require_pool(s, "vt", p.vt.pool);
  require_pool(s, "rvdk", p.rvdk.pool);
  require_pool(s, "gi", p.gi.pool);
  check_moved_staff(s);
  double at_home = 0;
  double out_of_home = 0;
  for (const auto& care : p.care) {
    at_home += care.share_of_needs_at_home;
    out_of_home += care.share_of_out_of_home;
  }
  auto care_keys = [](const char* share) {
    std::vector<std::string> keys;
    for (const CareType type : all_care_types) keys.push_back("care." + std::string(care_type_name(type)) + "." + share);
    return keys;
  };
  require(std::abs(at_home - 1.0) < 1e-6, s, care_keys("share_of_needs_at_home"),
          "care.*.share_of_needs_at_home add up to " + number(at_home) + ": they must add up to 1");
  require(std::abs(out_of_home - 1.0) < 1e-6, s, care_keys("share_of_out_of_home"),
          "care.*.share_of_out_of_home add up to " + number(out_of_home) + ": they must add up to 1");
  require(!s.regions.regions.empty(), s, {}, "regions: no region selected: expected at least one");
  check_interventions(s);
}

}  // namespace ketensim::model
