// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace ketensim::sweep {

/// One scenario key the sweep varies: either an explicit list of values (crossed into a full
/// grid) or a range [min, max] sampled by the Latin hypercube.
struct Factor {
  enum class Design { grid, latin_hypercube };
  std::string key;   // a scenario key, e.g. "gi.fte"
  std::string unit;  // from the defaults table
  Design design = Design::grid;
  std::vector<double> values;  // grid: the levels, in file order
  double min = 0.0;            // latin_hypercube: the range
  double max = 0.0;
  bool integer = false;  // the key takes whole numbers: sampled values are rounded
  bool boolean = false;  // the key is yes/no: values are 0 or 1
};

/// The Latin hypercube over the range factors: `points` samples drawn with `seed`.
struct LatinHypercube {
  std::uint32_t points = 0;
  std::uint64_t seed = 0;
};

/// A validated sweep specification (docs/sweeps.md), with every default resolved from the
/// base scenario.
struct SweepSpec {
  std::string path;  // the spec file as given
  std::string text;  // its contents, stored in the summary
  std::string name;
  std::string description;
  std::string scenario_path;                      // the base scenario, resolved against the spec's directory
  model::Scenario scenario;                       // the base scenario, loaded and checked
  std::uint32_t replications = 0;                 // per point
  double years = 0.0;                             // per point, unless run.years is a factor
  std::string engine = "native";                  // "native" or "simgrid"
  std::uint64_t seed = 0;                         // base seed of the point seeds
  bool common_random_numbers = false;             // every point uses `seed` (else seed + point index)
  std::vector<Factor> factors;                    // in file order
  std::optional<LatinHypercube> latin_hypercube;  // present when a factor has a range
};

/// The only sweep format version this build reads.
inline constexpr int sweep_format_version = 1;

/// Most points a spec may define: a typo in a grid should not start a billion runs.
inline constexpr std::uint64_t max_points = 1000000;

/// Reads and checks a sweep spec and its base scenario. Every problem throws
/// model::ScenarioError naming file, line, key, value and what was expected, as scenario
/// files do. Factor values are not checked against the key's bounds here: each point's
/// values are checked by `ketensim run` itself, so a bad value fails only its points.
SweepSpec load_sweep_spec(const std::string& path);

/// Same, from text; `label` stands for the file name and relative paths resolve against
/// `base_directory`.
SweepSpec load_sweep_spec_text(const std::string& text, const std::string& label, const std::string& base_directory);

}  // namespace ketensim::sweep
