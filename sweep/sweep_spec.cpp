// SPDX-License-Identifier: MIT
#include "sweep/sweep_spec.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "models/parameter_table.h"
#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::sweep {
namespace {

namespace fs = std::filesystem;
using model::describe_value;
using model::join_names;
using model::ScenarioError;

const std::vector<std::string> top_level_keys = {
    "format_version", "kind",   "name", "description",           "scenario", "replications",
    "years",          "engine", "seed", "common_random_numbers", "factors",  "latin_hypercube"};
const std::vector<std::string> factor_keys = {"values", "min", "max"};
const std::vector<std::string> latin_hypercube_keys = {"points", "seed"};
const std::vector<std::string> engines = {"native", "simgrid"};

std::string format_number(double value) {
  std::ostringstream out;
  out << std::setprecision(15) << value;
  return out.str();
}

bool is_key_group(const std::string& prefix) {
  for (const auto& spec : model::parameter_table()) {
    if (spec.key.rfind(prefix + ".", 0) == 0) return true;
  }
  return false;
}

// The scenario keys under the deepest known group of `key`, to help with a typo.
std::string valid_keys_near(const std::string& key) {
  std::string group = key;
  while (!group.empty()) {
    const auto dot = group.rfind('.');
    group = dot == std::string::npos ? "" : group.substr(0, dot);
    if (!group.empty() && is_key_group(group)) break;
  }
  std::vector<std::string> names;
  for (const auto& spec : model::parameter_table()) {
    if (group.empty()) {
      const std::string top = spec.key.substr(0, spec.key.find('.'));
      if (std::find(names.begin(), names.end(), top) == names.end()) names.push_back(top);
    } else if (spec.key.rfind(group + ".", 0) == 0) {
      names.push_back(spec.key);
    }
  }
  return (group.empty() ? "valid key groups are " : "valid keys here are ") + join_names(names);
}

class SpecReader {
 public:
  SpecReader(std::string label, fs::path base) : label_(std::move(label)), base_(std::move(base)) {}

  SweepSpec read(const toml::table& root, const std::string& text) {
    spec_.path = label_;
    spec_.text = text;
    check_header(root);
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (std::find(top_level_keys.begin(), top_level_keys.end(), name) == top_level_keys.end()) {
        fail(node, name + ": unknown key; valid keys are " + join_names(top_level_keys));
      }
    }
    read_texts(root);
    read_scenario(root);
    read_run_settings(root);
    read_factors(root);
    read_latin_hypercube(root);
    check_size();
    check_run_settings();
    return std::move(spec_);
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw ScenarioError(model::where(label_, node) + ": " + message);
  }
  [[noreturn]] void fail_value(const toml::node& node, const std::string& key, const std::string& expected) const {
    fail(node, key + " = " + describe_value(node) + ": " + expected);
  }

  void check_header(const toml::table& root) const {
    const toml::node* version = root.get("format_version");
    if (version == nullptr) {
      throw ScenarioError(
          label_ + ": format_version is missing: expected format_version = " + std::to_string(sweep_format_version));
    }
    if (version->value<std::int64_t>() != std::optional<std::int64_t>(sweep_format_version)) {
      fail(*version, "format_version = " + describe_value(*version) + ": this ketensim reads sweep format_version " +
                         std::to_string(sweep_format_version));
    }
    const toml::node* kind = root.get("kind");
    if (kind == nullptr) {
      throw ScenarioError(label_ +
                          ": kind is missing: expected kind = \"sweep\" (a sweep spec names its base "
                          "scenario with scenario = \"...\"; is this a scenario file?)");
    }
    if (kind->value<std::string>() != std::optional<std::string>("sweep"))
      fail_value(*kind, "kind", "expected \"sweep\"");
  }

  void read_texts(const toml::table& root) {
    for (const char* key : {"name", "description"}) {
      const toml::node* node = root.get(key);
      if (node == nullptr) continue;
      if (!node->is_string()) fail_value(*node, key, "expected a string");
      (std::string(key) == "name" ? spec_.name : spec_.description) = node->as_string()->get();
    }
    if (spec_.name.empty()) spec_.name = fs::path(label_).stem().string();
  }

  void read_scenario(const toml::table& root) {
    const toml::node* node = root.get("scenario");
    if (node == nullptr) {
      throw ScenarioError(label_ +
                          ": scenario is missing: expected the path of the base scenario, e.g. "
                          "scenario = \"../examples/small-chain.toml\"");
    }
    if (!node->is_string()) fail_value(*node, "scenario", "expected the path of the base scenario file");
    const fs::path path = (base_ / node->as_string()->get()).lexically_normal();
    if (!fs::is_regular_file(path)) fail_value(*node, "scenario", "no such file (" + path.string() + ")");
    spec_.scenario_path = path.string();
    spec_.scenario = model::load_scenario(spec_.scenario_path);
  }

  // A number checked against the bounds of the scenario key it overrides.
  double read_bounded(const toml::node& node, const std::string& key, const std::string& scenario_key) const {
    const model::ParameterSpec* bounds = model::find_parameter(scenario_key);
    if (!(node.is_integer() || node.is_floating_point()))
      fail_value(node, key, "expected a number (" + bounds->unit + ")");
    const double value = model::number_value(node);
    if (std::isnan(value)) fail_value(node, key, "must be a number (" + bounds->unit + ")");
    if (value < bounds->min)
      fail_value(node, key, "must be >= " + format_number(bounds->min) + " (" + bounds->unit + ")");
    if (value > bounds->max)
      fail_value(node, key, "must be <= " + format_number(bounds->max) + " (" + bounds->unit + ")");
    if (bounds->integer && std::floor(value) != value)
      fail_value(node, key, "must be a whole number (" + bounds->unit + ")");
    return value;
  }

  void read_run_settings(const toml::table& root) {
    const model::Parameters& base = spec_.scenario.parameters;
    const toml::node* replications = root.get("replications");
    spec_.replications = static_cast<std::uint32_t>(
        replications ? read_bounded(*replications, "replications", "run.replications") : base.run.replications);
    const toml::node* years = root.get("years");
    spec_.years = years ? read_bounded(*years, "years", "run.years") : base.run.years;
    years_node_ = years;
    const toml::node* seed = root.get("seed");
    spec_.seed = static_cast<std::uint64_t>(seed ? read_bounded(*seed, "seed", "run.seed") : base.run.seed);
    seed_node_ = seed;
    spec_.engine = "native";
    if (const toml::node* engine = root.get("engine")) {
      const auto name = engine->value<std::string>();
      if (!name || std::find(engines.begin(), engines.end(), *name) == engines.end()) {
        fail_value(*engine, "engine", "expected one of " + join_names(engines));
      }
      spec_.engine = *name;
    }
    spec_.common_random_numbers = false;
    if (const toml::node* common = root.get("common_random_numbers")) {
      if (!common->is_boolean()) fail_value(*common, "common_random_numbers", "expected true or false");
      spec_.common_random_numbers = common->as_boolean()->get();
    }
  }

  struct Found {
    std::string key;
    const toml::node* node;
  };

  void read_factors(const toml::table& root) {
    const toml::node* node = root.get("factors");
    if (node == nullptr) {
      throw ScenarioError(label_ +
                          ": factors is missing: expected a [factors] table, e.g. "
                          "\"gi.fte\" = { values = [30, 40] }");
    }
    if (!node->is_table()) fail_value(*node, "factors", "expected a table of scenario keys");
    std::vector<Found> found;
    collect_factors(*node->as_table(), "", found);
    if (found.empty()) fail(*node, "factors is empty: expected at least one scenario key to vary");
    // toml++ keeps keys sorted; the file's order is the order users wrote and expect.
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
      const auto& pa = a.node->source().begin;
      const auto& pb = b.node->source().begin;
      return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    for (const Found& f : found) spec_.factors.push_back(read_factor(f.key, *f.node));
  }

  void collect_factors(const toml::table& table, const std::string& prefix, std::vector<Found>& found) const {
    for (const auto& [raw_key, node] : table) {
      const std::string key = prefix + std::string(raw_key.str());
      if (model::find_parameter(key) != nullptr) {
        for (const Found& earlier : found) {
          if (earlier.key == key) {
            fail(node, "factors." + key + " is given twice (also at line " +
                           std::to_string(earlier.node->source().begin.line) + ")");
          }
        }
        found.push_back({key, &node});
      } else if (node.is_table() && is_key_group(key)) {
        collect_factors(*node.as_table(), key + ".", found);
      } else {
        fail(node, "factors." + key + ": unknown scenario key; " + valid_keys_near(key));
      }
    }
  }

  Factor read_factor(const std::string& key, const toml::node& node) {
    const model::ParameterSpec& parameter = *model::find_parameter(key);
    const std::string shown = "factors." + key;
    if (key == "run.seed") {
      fail(node, shown +
                     ": run.seed cannot be a factor: each point's seed follows the sweep's seed rule "
                     "(seed, common_random_numbers)");
    }
    if (key == "run.replications") fail(node, shown + ": run.replications cannot be a factor: set replications");
    if (key == "run.years" && years_node_ != nullptr) {
      fail(node, shown + ": run.years is varied here and fixed by years at line " +
                     std::to_string(years_node_->source().begin.line) + ": keep one");
    }
    const toml::table* definition = node.as_table();
    if (definition == nullptr) {
      fail_value(node, shown, "expected { values = [...] } for a grid or { min = ..., max = ... } for a range");
    }
    for (const auto& [raw_key, value] : *definition) {
      const std::string name(raw_key.str());
      if (std::find(factor_keys.begin(), factor_keys.end(), name) == factor_keys.end()) {
        fail(value, shown + "." + name + ": unknown key; valid keys are " + join_names(factor_keys));
      }
    }
    Factor factor;
    factor.key = key;
    factor.unit = parameter.unit;
    factor.integer = parameter.integer;
    factor.boolean = parameter.boolean;
    const toml::node* values = definition->get("values");
    const toml::node* min = definition->get("min");
    const toml::node* max = definition->get("max");
    if (values != nullptr && (min != nullptr || max != nullptr)) {
      fail(node, shown + ": has both values and a range: expected either values = [...] or min and max");
    }
    if (values != nullptr) {
      factor.design = Factor::Design::grid;
      factor.values = read_values(*values, shown + ".values", parameter);
      return factor;
    }
    if (min == nullptr || max == nullptr) {
      fail(node, shown + ": expected values = [...] for a grid, or both min and max for a range");
    }
    if (parameter.boolean) fail(node, shown + ": a yes/no key cannot have a range: use values = [false, true]");
    factor.design = Factor::Design::latin_hypercube;
    factor.min = read_plain_number(*min, shown + ".min", parameter);
    factor.max = read_plain_number(*max, shown + ".max", parameter);
    if (!(factor.min < factor.max)) {
      fail_value(*max, shown + ".max", "must be > min = " + format_number(factor.min) + " (" + parameter.unit + ")");
    }
    if (first_range_ == nullptr) first_range_ = &node;
    return factor;
  }

  double read_plain_number(const toml::node& node, const std::string& shown,
                           const model::ParameterSpec& parameter) const {
    if (!(node.is_integer() || node.is_floating_point()))
      fail_value(node, shown, "expected a number (" + parameter.unit + ")");
    const double value = model::number_value(node);
    if (!std::isfinite(value)) fail_value(node, shown, "expected a finite number (" + parameter.unit + ")");
    return value;
  }

  std::vector<double> read_values(const toml::node& node, const std::string& shown,
                                  const model::ParameterSpec& parameter) const {
    const toml::array* array = node.as_array();
    if (array == nullptr || array->empty()) fail_value(node, shown, "expected a non-empty array of values");
    std::vector<double> values;
    for (const auto& element : *array) {
      double value = 0.0;
      if (parameter.boolean) {
        if (!element.is_boolean()) fail_value(element, shown, "expected true or false");
        value = element.as_boolean()->get() ? 1.0 : 0.0;
      } else {
        value = read_plain_number(element, shown, parameter);
      }
      if (std::find(values.begin(), values.end(), value) != values.end()) {
        fail_value(element, shown, "appears twice: each value makes its own points");
      }
      values.push_back(value);
    }
    return values;
  }

  void read_latin_hypercube(const toml::table& root) {
    const toml::node* node = root.get("latin_hypercube");
    if (node == nullptr) {
      if (first_range_ != nullptr) {
        fail(*first_range_, "a factor has a range: the spec needs a [latin_hypercube] table with points and seed");
      }
      return;
    }
    const toml::table* table = node->as_table();
    if (table == nullptr) fail_value(*node, "latin_hypercube", "expected a table with points and seed");
    if (first_range_ == nullptr) fail(*node, "latin_hypercube: no factor has a range (min, max) to sample");
    for (const auto& [raw_key, value] : *table) {
      const std::string name(raw_key.str());
      if (std::find(latin_hypercube_keys.begin(), latin_hypercube_keys.end(), name) == latin_hypercube_keys.end()) {
        fail(value, "latin_hypercube." + name + ": unknown key; valid keys are " + join_names(latin_hypercube_keys));
      }
    }
    LatinHypercube design;
    design.points = static_cast<std::uint32_t>(read_whole(*table, *node, "points", 1, static_cast<double>(max_points)));
    design.seed = static_cast<std::uint64_t>(read_whole(*table, *node, "seed", 0, 9.0e15));
    spec_.latin_hypercube = design;
  }

  double read_whole(const toml::table& table, const toml::node& owner, const std::string& key, double min,
                    double max) const {
    const std::string shown = "latin_hypercube." + key;
    const toml::node* node = table.get(key);
    if (node == nullptr) fail(owner, shown + " is missing: expected a whole number");
    if (!(node->is_integer() || node->is_floating_point())) fail_value(*node, shown, "expected a whole number");
    const double value = model::number_value(*node);
    if (std::floor(value) != value) fail_value(*node, shown, "must be a whole number");
    if (value < min) fail_value(*node, shown, "must be >= " + format_number(min));
    if (value > max) fail_value(*node, shown, "must be <= " + format_number(max));
    return value;
  }

  void check_size() const {
    std::uint64_t points = spec_.latin_hypercube ? spec_.latin_hypercube->points : 1;
    for (const Factor& factor : spec_.factors) {
      if (factor.design == Factor::Design::grid) points *= factor.values.size();
      if (points > max_points) {
        throw ScenarioError(label_ + ": the factors make more than " + std::to_string(max_points) +
                            " points: split the sweep or use a latin_hypercube");
      }
    }
    const double last_seed = static_cast<double>(spec_.seed) + (spec_.common_random_numbers ? 0.0 : points - 1.0);
    if (last_seed > model::find_parameter("run.seed")->max) {
      throw ScenarioError((seed_node_ ? model::where(label_, *seed_node_) : label_) + ": seed = " +
                          std::to_string(spec_.seed) + ": the last point's seed, seed + " + std::to_string(points - 1) +
                          ", exceeds run.seed's maximum " + format_number(model::find_parameter("run.seed")->max));
    }
  }

  // The run settings every point shares must suit the base scenario's rules (a run longer
  // than its warm-up...), or every point would fail the same way.
  void check_run_settings() const {
    model::Scenario scenario = spec_.scenario;
    model::set_parameter(scenario, "run.replications", spec_.replications, label_);
    bool years_varied = false;
    for (const Factor& factor : spec_.factors) years_varied = years_varied || factor.key == "run.years";
    if (years_varied) return;  // each point's own length is checked with its point
    model::set_parameter(scenario, "run.years", spec_.years, years_node_ ? model::where(label_, *years_node_) : label_);
    model::check_cross_field_rules(scenario);
  }

  std::string label_;
  fs::path base_;
  SweepSpec spec_{};
  const toml::node* years_node_ = nullptr;
  const toml::node* seed_node_ = nullptr;
  const toml::node* first_range_ = nullptr;
};

}  // namespace

SweepSpec load_sweep_spec_text(const std::string& text, const std::string& label, const std::string& base_directory) {
  const toml::table root = model::parse_toml(text, label);
  return SpecReader(label, base_directory).read(root, text);
}

SweepSpec load_sweep_spec(const std::string& path) {
  return load_sweep_spec_text(model::read_input_file(path, "sweep spec"), path, fs::path(path).parent_path().string());
}

}  // namespace ketensim::sweep
