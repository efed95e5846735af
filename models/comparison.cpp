// SPDX-License-Identifier: MIT
#include "models/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

sim::ConfidenceInterval interval(const std::vector<double>& samples) {
  sim::SufficientStats stats;
  for (const double x : samples) stats.add(x);
  if (stats.count == 0) return sim::ConfidenceInterval{nan, nan, nan, nan, 0};
  return sim::confidence_interval(stats, 0.95);
}

}  // namespace

const std::vector<std::string>& spread_stages() {
  static const std::vector<std::string> stages = {"vt_triage", "vt_investigation", "rvdk", "gi", "care_foster_care"};
  return stages;
}

std::optional<std::size_t> Comparison::find(const std::string& name, const std::string& stage,
                                            const std::string& region) const {
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    if (kpis[k].name == name && kpis[k].stage == stage && kpis[k].region == region) return k;
  }
  return std::nullopt;
}

Comparison compare(const std::vector<ConfigurationRun>& configurations) {
  if (configurations.empty()) throw std::invalid_argument("compare: no configuration");
  Comparison c;
  const RunResult& first = configurations.front().run;
  c.replications = static_cast<std::uint32_t>(first.replications.size());
  c.seed = first.seed;
  c.years = first.years;
  c.warmup_years = first.warmup_years;
  c.engine = first.engine;
  for (const auto& configuration : configurations) {
    const RunResult& run = configuration.run;
    if (run.replications.size() != c.replications || run.seed != c.seed) {
      throw std::invalid_argument("compare: " + configuration.name +
                                  " has other replications or another seed than the first configuration; common "
                                  "random numbers need both equal");
    }
    c.names.push_back(configuration.name);
    c.paths.push_back(configuration.path);
    c.placements.push_back(configuration.placement);
    c.scenario_texts.push_back(run.scenario_text);
    for (const auto& kpi : run.replications.front().kpis) {
      const KpiKey key{kpi.name, kpi.stage, kpi.region, kpi.unit};
      if (std::find(c.kpis.begin(), c.kpis.end(), key) == c.kpis.end()) c.kpis.push_back(key);
    }
  }

  // Values by (configuration, kpi, replication), looked up by key so that configurations
  // with different pools (and so different KPI rows) line up.
  const std::size_t configurations_count = configurations.size();
  c.values.assign(configurations_count * c.kpis.size() * c.replications, nan);
  for (std::size_t i = 0; i < configurations_count; ++i) {
    for (std::size_t r = 0; r < c.replications; ++r) {
      const auto& kpis = configurations[i].run.replications[r].kpis;
      std::size_t hint = 0;
      for (const auto& kpi : kpis) {
        // KPIs come in the same order in every replication; scan from the last hit.
        std::size_t k = hint;
        while (k < c.kpis.size() && !(c.kpis[k].name == kpi.name && c.kpis[k].stage == kpi.stage && c.kpis[k].region == kpi.region)) ++k;
        if (k == c.kpis.size()) {
          k = 0;
          while (!(c.kpis[k].name == kpi.name && c.kpis[k].stage == kpi.stage && c.kpis[k].region == kpi.region)) ++k;
        }
        c.values[(i * c.kpis.size() + k) * c.replications + r] = kpi.value;
        hint = k + 1;
      }
    }
  }

  for (std::size_t i = 0; i < configurations_count; ++i) {
    for (std::size_t k = 0; k < c.kpis.size(); ++k) {
      std::vector<double> own;
      std::vector<double> paired;
      for (std::size_t r = 0; r < c.replications; ++r) {
        own.push_back(c.value(i, k, r));
        const double difference = c.value(i, k, r) - c.value(0, k, r);
        if (i > 0 && !std::isnan(difference)) paired.push_back(difference);
      }
      c.estimates.push_back(interval(own));
      c.differences.push_back(i > 0 ? interval(paired) : sim::ConfidenceInterval{nan, nan, nan, nan, 0});
    }
  }

  // Spread across regions: per replication the max/min ratio and the coefficient of
  // variation of the regions' mean waits, then their interval over replications.
  c.spread.resize(configurations_count);
  for (std::size_t i = 0; i < configurations_count; ++i) {
    for (const auto& stage : spread_stages()) {
      std::vector<double> ratios;
      std::vector<double> cvs;
      for (std::size_t r = 0; r < c.replications; ++r) {
        std::vector<double> waits;
        for (std::size_t k = 0; k < c.kpis.size(); ++k) {
          if (c.kpis[k].name != "wait_days_mean" || c.kpis[k].stage != stage || c.kpis[k].region == "national") continue;
          const double w = c.value(i, k, r);
          if (!std::isnan(w)) waits.push_back(w);
        }
        if (waits.size() < 2) continue;
        const auto [low, high] = std::minmax_element(waits.begin(), waits.end());
        if (*low > 0) ratios.push_back(*high / *low);
        double sum = 0;
        double sum_sq = 0;
        for (const double w : waits) {
          sum += w;
          sum_sq += w * w;
        }
        const double n = static_cast<double>(waits.size());
        const double mean = sum / n;
        const double sd = std::sqrt(std::max(0.0, (sum_sq - n * mean * mean) / (n - 1)));
        if (mean > 0) cvs.push_back(sd / mean);
      }
      c.spread[i].push_back(Comparison::Spread{stage, interval(ratios), interval(cvs)});
    }
  }

  // Waiting lists over time, for the plots.
  const TimeSeries& shape = first.replications.front().timeseries;
  c.time_days = shape.time_days;
  c.series_stage = shape.series_stage;
  c.series_region = shape.series_region;
  const auto waiting_metric = static_cast<std::size_t>(Metric::waiting);
  for (const auto& configuration : configurations) {
    for (const auto& replication : configuration.run.replications) {
      const TimeSeries& ts = replication.timeseries;
      if (ts.time_days.size() != c.time_days.size() || ts.series_stage.size() != c.series_stage.size()) {
        throw std::invalid_argument("compare: " + configuration.name + " has other time points or series than the first configuration");
      }
      for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
        for (std::size_t t = 0; t < ts.time_days.size(); ++t) c.waiting.push_back(ts.at(waiting_metric, s, t));
      }
    }
  }
  return c;
}

}  // namespace ketensim::model
