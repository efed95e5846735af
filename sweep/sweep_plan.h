// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "sweep/sweep_spec.h"

namespace ketensim::sweep {

/// One combination of factor values: one `ketensim run` with its own seed and run file.
struct Point {
  std::uint32_t index = 0;
  std::vector<double> values;  // one per factor, in the spec's order
  std::uint64_t seed = 0;      // the run's master seed (run.seed)
};

/// Every point of the spec, in index order. The grid factors are crossed in file order with
/// the last one varying fastest, as nested loops; each grid combination is crossed with
/// every Latin hypercube sample (the sample varying fastest). Seeds: `seed + index`, or
/// `seed` for every point with common random numbers. Values of whole-number keys drawn
/// from a range are rounded to the nearest whole number.
std::vector<Point> plan_points(const SweepSpec& spec);

/// The run file of a point relative to the sweep directory: "points/0007.h5", zero-padded
/// to at least four digits and to the width of the largest index.
std::string run_file_name(const Point& point, std::size_t point_count);

/// A value as text that reads back as exactly the same double ("37", "0.35").
std::string format_value(double value);

/// The command that runs a point: `KETENSIM run SCENARIO --seed S -r R [--years Y]
/// --engine E --set KEY=VALUE... -o RUN_FILE --force -q` (--force: resume has judged any
/// file at RUN_FILE not finished, so it is replaced).
std::vector<std::string> run_arguments(const SweepSpec& spec, const Point& point, const std::string& ketensim,
                                       const std::string& run_file);

/// The scenario a point runs, resolved and checked as `ketensim run` does it (throws
/// model::ScenarioError when a value is out of bounds or breaks a cross-field rule).
model::Scenario point_scenario(const SweepSpec& spec, const Point& point);

}  // namespace ketensim::sweep
