// SPDX-License-Identifier: MIT
#include "models/sensitivity.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "models/scenario_error.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// A range must hold each configuration's own value, or its two ends are not "lower" and
// "higher" than what the comparison assumed.
void check_ranges_hold_base(const SensitivityPlan& plan, const Scenario& first, const Scenario& second) {
  for (const auto& range : plan.ranges) {
    for (const Scenario* scenario : {&first, &second}) {
      const double base = get_parameter(*scenario, range.key);
      if (base < range.low || base > range.high) {
        throw ScenarioError(plan.path + ": range " + range.key + " = " + number_text(range.low) + " .. " +
                            number_text(range.high) + ": does not hold " + scenario->path + "'s value " +
                            number_text(base) + "; widen the range or change the scenario");
      }
    }
  }
}

void check_tornado(const SensitivityPlan& plan, const std::vector<HeadlineKpi>& headline) {
  for (const auto& kpi : plan.tornado) {
    bool found = false;
    std::string valid;
    for (const auto& h : headline) {
      found = found || (h.name == kpi.name && h.stage == kpi.stage);
      valid += (valid.empty() ? "" : ", ") + h.name + "@" + h.stage;
    }
    if (!found) {
      throw ScenarioError(plan.path + ": tornado kpi = \"" + kpi.name + "\", stage = \"" + kpi.stage +
                          "\": not a headline KPI; valid ones are " + valid);
    }
  }
}

std::vector<PairedKpi> read_pair(const Comparison& c, const std::vector<HeadlineKpi>& headline) {
  const sim::ConfidenceInterval none{nan, nan, nan, nan, 0};
  std::vector<PairedKpi> out;
  for (const auto& h : headline) {
    const auto k = c.find(h.name, h.stage, "national");
    if (!k) {
      out.push_back({none, none, none, 0});
      continue;
    }
    const auto& difference = c.differences[c.at(1, *k)];
    out.push_back({c.estimates[c.at(0, *k)], c.estimates[c.at(1, *k)], difference, order_of(difference)});
  }
  return out;
}

}  // namespace

void check_sensitivity_plan(const SensitivityPlan& plan, const Scenario& first, const Scenario& second,
                            const std::vector<HeadlineKpi>& headline) {
  check_ranges_hold_base(plan, first, second);
  check_tornado(plan, headline);
}

int order_of(const sim::ConfidenceInterval& difference) {
  if (!sim::interval_excludes_zero(difference)) return 0;
  return difference.mean > 0 ? 1 : -1;
}

Sensitivity run_sensitivity(const SensitivityPlan& plan, const Scenario& first, const Scenario& second,
                            const ConfigurationRun& first_run, const ConfigurationRun& second_run,
                            const std::vector<HeadlineKpi>& headline, const RunOptions& options,
                            const std::function<void(const std::string&)>& note) {
  check_sensitivity_plan(plan, first, second, headline);
  Sensitivity s;
  s.plan = plan;
  s.first_path = first_run.path;
  s.second_path = second_run.path;
  s.first_placement = first_run.placement;
  s.second_placement = second_run.placement;
  const Comparison base = compare({first_run, second_run});
  s.replications = base.replications;
  s.seed = base.seed;
  s.years = base.years;
  s.warmup_years = base.warmup_years;
  s.engine = base.engine;
  s.kpis = headline;
  for (auto& kpi : s.kpis) {
    if (const auto k = base.find(kpi.name, kpi.stage, "national")) kpi.unit = base.kpis[*k].unit;
  }
  s.base = read_pair(base, headline);
  const std::size_t runs = plan.ranges.size() * 4;
  std::size_t done = 0;
  for (const auto& range : plan.ranges) {
    s.first_base_value.push_back(get_parameter(first, range.key));
    s.second_base_value.push_back(get_parameter(second, range.key));
    std::array<std::vector<PairedKpi>, 2> ends;
    for (int end = 0; end < 2; ++end) {
      const double value = end == 0 ? range.low : range.high;
      std::vector<ConfigurationRun> pair = {first_run, second_run};
      for (std::size_t i = 0; i < 2; ++i) {
        const Scenario& scenario = i == 0 ? first : second;
        ++done;
        // Same seed, same streams: at its base value a configuration would repeat its base run.
        if (value == get_parameter(scenario, range.key)) continue;
        Scenario changed = scenario;
        set_parameter(changed, range.key, value, plan.path + ": range");
        check_cross_field_rules(changed);
        if (note) note(range.key + (end == 0 ? " low" : " high") + ": run " + std::to_string(done) + "/" + std::to_string(runs));
        pair[i].run = run_scenario(changed, options);
        ++s.simulations;
      }
      ends[end] = read_pair(compare(pair), headline);
    }
    s.ends.push_back(std::move(ends));
  }
  return s;
}

}  // namespace ketensim::model
