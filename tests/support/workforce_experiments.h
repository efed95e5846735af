// SPDX-License-Identifier: MIT
#pragma once
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "models/run_result.h"
#include "models/scenario.h"
#include "models/simulation.h"
#include "models/staff_metrics.h"
#include "models/waiting_trend.h"
#include "sim/statistics.h"
#include "kpi_lookup.h"
#include "scenario_files.h"
#include "without_settling_mechanisms.h"

// Building blocks of the workforce demonstrations (tests/test_workforce_demonstrations.cpp,
// docs/workforce.md): variants of the small chain, per-replication measures over a time
// window, and paired differences on common random numbers.
namespace ketensim::testing {

inline const std::vector<std::string>& feedback_keys() {
  static const std::vector<std::string> keys = {"feedback.l1_turnover", "feedback.l2_transfers", "feedback.l3_budget",
                                                "feedback.l4_escalation", "feedback.l5_care_delay"};
  return keys;
}

inline const std::vector<std::string>& staff_keys() {
  static const std::vector<std::string> keys = {"vt.fte", "rvdk.fte", "gi.fte"};
  return keys;
}

/// The small chain with its own seed, `replications` and `years`.
inline model::Scenario small_chain(double replications, double years) {
  auto scenario = load_example("examples/small-chain.toml");
  model::set_parameter(scenario, "run.replications", replications, "test");
  model::set_parameter(scenario, "run.years", years, "test");
  return scenario;
}

/// Runs every replication of `scenario` on the native engine, two at a time (each
/// replication's streams depend only on its index, so the result is that of run_scenario).
inline model::RunResult run_on_two_threads(const model::Scenario& scenario) {
  model::RunResult run;
  run.years = scenario.parameters.run.years;
  run.warmup_years = scenario.parameters.run.warmup_years;
  run.seed = static_cast<std::uint64_t>(scenario.parameters.run.seed);
  run.replications.resize(static_cast<std::size_t>(scenario.parameters.run.replications));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t r = next++; r < run.replications.size(); r = next++) {
      run.replications[r] = model::run_replication(scenario, static_cast<std::uint32_t>(r), model::RunOptions{});
    }
  };
  std::thread other(work);
  work();
  other.join();
  return run;
}

/// Multiplies each key by `factor`.
inline void scale(model::Scenario& scenario, const std::vector<std::string>& keys, double factor) {
  for (const auto& key : keys) model::set_parameter(scenario, key, model::get_parameter(scenario, key) * factor, "test");
}

/// The same scenario with every feedback loop switched off.
inline model::Scenario loops_off(model::Scenario scenario) {
  for (const auto& key : feedback_keys()) model::set_parameter(scenario, key, 0, "test");
  return scenario;
}

/// A KPI's value in every replication.
inline std::vector<double> kpi_values(const model::RunResult& run, const std::string& name, const std::string& stage) {
  std::vector<double> values;
  for (const auto& replication : run.replications) values.push_back(kpi(replication, name, stage));
  return values;
}

/// Children waiting at the staffed stages (the tipping criterion's total), averaged over the
/// samples with from_days <= time < to_days, per replication.
inline std::vector<double> waiting_in_window(const model::RunResult& run, double from_days, double to_days) {
  std::vector<double> values;
  for (const auto& replication : run.replications) {
    const auto total = model::total_waiting(replication.timeseries);
    double sum = 0, n = 0;
    for (std::size_t i = 0; i < total.size(); ++i) {
      const double t = replication.timeseries.time_days[i];
      if (t < from_days || t >= to_days) continue;
      sum += total[i];
      n += 1;
    }
    values.push_back(n > 0 ? sum / n : std::nan(""));
  }
  return values;
}

/// Leavers per year and per FTE held over the samples with from_days < time <= to_days
/// (leavers are counted over the step that ends at a sample), of one organisation or, when
/// `organisation` is empty, of all together.
inline std::vector<double> turnover_in_window(const model::RunResult& run, double from_days, double to_days,
                                              const std::string& organisation = "") {
  const auto leavers = static_cast<std::size_t>(model::StaffMetric::leavers);
  const auto headcount = static_cast<std::size_t>(model::StaffMetric::headcount);
  std::vector<double> values;
  for (const auto& replication : run.replications) {
    const auto& staff = replication.staff;
    const auto& time = replication.timeseries.time_days;
    const std::size_t samples = time.size();
    double left = 0, held = 0, n = 0;
    for (std::size_t s = 0; s < staff.series_area.size(); ++s) {
      if (staff.series_area[s] != "national") continue;
      if (!organisation.empty() && staff.series_organisation[s] != organisation) continue;
      for (std::size_t i = 0; i < samples; ++i) {
        if (time[i] <= from_days || time[i] > to_days) continue;
        left += staff.values[staff.index(leavers, s, i, samples)];
        held += staff.values[staff.index(headcount, s, i, samples)];
      }
    }
    for (std::size_t i = 0; i < samples; ++i) n += time[i] > from_days && time[i] <= to_days ? 1 : 0;
    const double years = (to_days - from_days) / 365.0;
    values.push_back(n > 0 && held > 0 ? left / years / (held / n) : std::nan(""));
  }
  return values;
}

/// A quantity in two configurations on common random numbers, and their paired difference.
struct PairedEffect {
  std::string label;
  sim::ConfidenceInterval first, second, difference;  // difference = second - first, per replication

  [[nodiscard]] bool includes_zero() const { return difference.low <= 0 && difference.high >= 0; }
  [[nodiscard]] bool significantly_positive() const { return difference.low > 0; }
};

inline sim::ConfidenceInterval interval95(const std::vector<double>& values) {
  sim::SufficientStats stats;
  for (const double v : values) stats.add(v);
  return sim::confidence_interval(stats, 0.95);
}

inline PairedEffect paired(const std::string& label, const std::vector<double>& first, const std::vector<double>& second) {
  std::vector<double> difference;
  for (std::size_t r = 0; r < first.size() && r < second.size(); ++r) difference.push_back(second[r] - first[r]);
  return PairedEffect{label, interval95(first), interval95(second), interval95(difference)};
}

/// Prints effects as a table: label, first, second, difference, each mean ± 95% half width.
inline void print_effects(const std::string& title, const std::string& first, const std::string& second,
                          const std::vector<PairedEffect>& effects) {
  std::printf("\n%s\n%-44s %20s %20s %24s\n", title.c_str(), "quantity", first.c_str(), second.c_str(),
              ("difference (" + second + " - " + first + ")").substr(0, 24).c_str());
  auto cell = [](const sim::ConfidenceInterval& ci) {
    char text[64];
    std::snprintf(text, sizeof text, "%.3g ± %.2g", ci.mean, ci.half_width);
    return std::string(text);
  };
  for (const auto& e : effects) {
    std::printf("%-44s %20s %20s %24s\n", e.label.c_str(), cell(e.first).c_str(), cell(e.second).c_str(),
                cell(e.difference).c_str());
  }
  std::fflush(stdout);
}

}  // namespace ketensim::testing
