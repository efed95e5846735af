// SPDX-License-Identifier: MIT
#include "models/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "models/kpi_bounds.h"
#include "models/regional_spread.h"
#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

sim::ConfidenceInterval interval(const std::vector<double>& samples, sim::Bounds bounds = sim::Bounds::none) {
  sim::SufficientStats stats;
  for (const double x : samples) stats.add(x);
  if (stats.count == 0) return sim::ConfidenceInterval{nan, nan, nan, nan, 0};
  return sim::bounded_confidence_interval(stats, 0.95, bounds);
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
      c.estimates.push_back(interval(own, kpi_bounds(c.kpis[k].name, c.kpis[k].unit)));
      c.differences.push_back(i > 0 ? interval(paired) : sim::ConfidenceInterval{nan, nan, nan, nan, 0});
    }
  }

  // Spread across regions, per replication, over the units that serve them (see Spread).
  c.spread.resize(configurations_count);
  for (std::size_t i = 0; i < configurations_count; ++i) {
    const auto& regions = configurations[i].regions;
    for (const auto& stage : spread_stages()) {
      for (const char* metric : {"wait_days_mean", "share_within_deadline"}) {
        // Units: the KPI rows of each unit with their regions' population.
        std::map<std::string, std::vector<std::pair<std::size_t, double>>> units;
        for (std::size_t k = 0; k < c.kpis.size(); ++k) {
          if (c.kpis[k].name != metric || c.kpis[k].stage != stage || c.kpis[k].region == "national") continue;
          const auto region = std::find_if(regions.begin(), regions.end(), [&](const Region& r) { return r.code == c.kpis[k].region; });
          if (region == regions.end()) units[c.kpis[k].region].push_back({k, 1.0});
          else units[spread_unit(stage, configurations[i].placement, *region)].push_back({k, region->youth_population});
        }
        if (units.empty()) continue;
        std::vector<double> ranges;
        std::vector<double> extremes;
        for (std::size_t r = 0; r < c.replications; ++r) {
          std::vector<WeightedValue> values;
          for (const auto& [unit, rows] : units) {
            double sum = 0, weight = 0;
            for (const auto& [k, population] : rows) {
              const double v = c.value(i, k, r);
              if (!std::isnan(v)) sum += v * population, weight += population;
            }
            if (weight > 0) values.push_back({sum / weight, weight});
          }
          if (values.size() < 2) continue;
          ranges.push_back(weighted_quantile(values, 0.9) - weighted_quantile(values, 0.1));
          const auto [low, high] = std::minmax_element(values.begin(), values.end(),
                                                       [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
          extremes.push_back(high->value - low->value);
        }
        const sim::Bounds bounds = std::string(metric) == "share_within_deadline" ? sim::Bounds::unit_interval : sim::Bounds::non_negative;
        c.spread[i].push_back(Comparison::Spread{stage, metric, units.size(), interval(ranges, bounds), interval(extremes, bounds)});
      }
    }
  }

  for (const auto& configuration : configurations) c.settling.push_back(settling_flags(configuration.run));

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
