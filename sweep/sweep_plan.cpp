// SPDX-License-Identifier: MIT
#include "sweep/sweep_plan.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sweep/latin_hypercube.h"

namespace ketensim::sweep {

std::vector<Point> plan_points(const SweepSpec& spec) {
  const std::uint32_t samples = spec.latin_hypercube ? spec.latin_hypercube->points : 1;
  std::vector<std::vector<double>> sampled(spec.factors.size());
  std::size_t combinations = 1;
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    const Factor& factor = spec.factors[f];
    if (factor.design == Factor::Design::grid) {
      combinations *= factor.values.size();
      continue;
    }
    for (const double u : latin_hypercube_column(samples, spec.latin_hypercube->seed, factor.key)) {
      const double value = factor.min + (factor.max - factor.min) * u;
      sampled[f].push_back(factor.integer ? std::round(value) : value);
    }
  }
  std::vector<Point> points;
  points.reserve(combinations * samples);
  for (std::size_t combination = 0; combination < combinations; ++combination) {
    for (std::uint32_t sample = 0; sample < samples; ++sample) {
      Point point;
      point.index = static_cast<std::uint32_t>(points.size());
      point.seed = spec.common_random_numbers ? spec.seed : spec.seed + point.index;
      point.values.resize(spec.factors.size());
      // Mixed-radix digits of `combination`, the last grid factor the fastest.
      std::size_t rest = combination;
      for (std::size_t f = spec.factors.size(); f-- > 0;) {
        const Factor& factor = spec.factors[f];
        if (factor.design == Factor::Design::grid) {
          point.values[f] = factor.values[rest % factor.values.size()];
          rest /= factor.values.size();
        } else {
          point.values[f] = sampled[f][sample];
        }
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::string run_file_name(const Point& point, std::size_t point_count) {
  int width = 4;
  for (std::size_t largest = point_count > 0 ? point_count - 1 : 0, limit = 10000; largest >= limit; limit *= 10)
    ++width;
  char name[64];
  std::snprintf(name, sizeof name, "points/%0*u.h5", width, point.index);
  return name;
}

std::string format_value(double value) {
  char text[40];
  for (const int precision : {15, 16, 17}) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::vector<std::string> run_arguments(const SweepSpec& spec, const Point& point, const std::string& ketensim,
                                       const std::string& run_file) {
  std::vector<std::string> words = {ketensim,
                                    "run",
                                    std::filesystem::absolute(spec.scenario_path).lexically_normal().string(),
                                    "--seed",
                                    std::to_string(point.seed),
                                    "-r",
                                    std::to_string(spec.replications)};
  bool years_varied = false;
  for (const Factor& factor : spec.factors) years_varied = years_varied || factor.key == "run.years";
  if (!years_varied) {
    words.push_back("--years");
    words.push_back(format_value(spec.years));
  }
  words.push_back("--engine");
  words.push_back(spec.engine);
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    const Factor& factor = spec.factors[f];
    const double value = point.values[f];
    words.push_back("--set");
    words.push_back(factor.key + "=" + (factor.boolean ? (value != 0 ? "true" : "false") : format_value(value)));
  }
  words.push_back("-o");
  words.push_back(run_file);
  // The sweep has already judged a file at run_file not finished (damaged, other inputs),
  // so the point's run may replace it whatever it is.
  words.push_back("--force");
  words.push_back("-q");
  // The sweep runs points side by side, one per process it was given: each point on one core.
  words.push_back("-j");
  words.push_back("1");
  return words;
}

model::Scenario point_scenario(const SweepSpec& spec, const Point& point) {
  model::Scenario scenario = spec.scenario;
  const std::string origin = "point " + std::to_string(point.index);
  model::set_parameter(scenario, "run.seed", static_cast<double>(point.seed), origin);
  model::set_parameter(scenario, "run.replications", spec.replications, origin);
  model::set_parameter(scenario, "run.years", spec.years, origin);
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    model::set_parameter(scenario, spec.factors[f].key, point.values[f], origin);
  }
  model::check_cross_field_rules(scenario);
  return scenario;
}

}  // namespace ketensim::sweep
