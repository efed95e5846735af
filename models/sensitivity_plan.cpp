// SPDX-License-Identifier: MIT
#include "models/sensitivity_plan.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "models/parameter_table.h"
#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::model {
namespace {

const std::vector<std::string> top_level_keys = {"format_version", "kind", "description", "first",
                                                 "second",         "range", "tornado"};
const std::vector<std::string> range_keys = {"key", "label", "low", "high", "source"};
const std::vector<std::string> tornado_keys = {"kpi", "stage"};

std::string number_text(double value) {
  std::ostringstream out;
  out << std::setprecision(15) << value;
  return out.str();
}

class PlanReader {
 public:
  explicit PlanReader(std::string label) : label_(std::move(label)) {}

  SensitivityPlan read(const toml::table& root, const std::string& text) {
    plan_.path = label_;
    plan_.text = text;
    check_header(root);
    check_keys(root, top_level_keys, "");
    plan_.first = required_string(root, "first", "the name of the first configuration of the pair (a scenario's name)");
    plan_.second = required_string(root, "second", "the name of the second configuration of the pair");
    if (plan_.first == plan_.second) fail(*root.get("second"), "second = \"" + plan_.second + "\": must differ from first");
    read_ranges(root);
    read_tornado(root);
    return std::move(plan_);
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw ScenarioError(where(label_, node) + ": " + message);
  }

  void check_keys(const toml::table& table, const std::vector<std::string>& valid, const std::string& prefix) const {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
        fail(node, prefix + name + ": unknown key; valid keys " + (prefix.empty() ? "are " : "here are ") + join_names(valid));
      }
    }
  }

  void check_header(const toml::table& root) const {
    const toml::node* version = root.get("format_version");
    if (version == nullptr) {
      throw ScenarioError(label_ + ": format_version is missing: expected format_version = " +
                          std::to_string(sensitivity_format_version));
    }
    if (version->value<std::int64_t>() != std::optional<std::int64_t>(sensitivity_format_version)) {
      fail(*version, "format_version = " + describe_value(*version) + ": this ketensim reads sensitivity format_version " +
                         std::to_string(sensitivity_format_version));
    }
    const toml::node* kind = root.get("kind");
    if (kind == nullptr) throw ScenarioError(label_ + ": kind is missing: expected kind = \"sensitivity\"");
    if (kind->value<std::string>() != std::optional<std::string>("sensitivity")) {
      fail(*kind, "kind = " + describe_value(*kind) + ": expected \"sensitivity\"");
    }
  }

  std::string required_string(const toml::table& table, const std::string& key, const std::string& expected,
                               const std::string& prefix = "") const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      throw ScenarioError(where(label_, table) + ": " + prefix + key + " is missing: expected " + expected);
    }
    if (!node->is_string() || node->as_string()->get().empty()) {
      fail(*node, prefix + key + " = " + describe_value(*node) + ": expected " + expected);
    }
    return node->as_string()->get();
  }

  double bounded_number(const toml::table& table, const std::string& name, const ParameterSpec& spec,
                        const std::string& prefix) const {
    const toml::node* node = table.get(name);
    if (node == nullptr) {
      throw ScenarioError(where(label_, table) + ": " + prefix + name + " is missing: expected a number (" + spec.unit + ")");
    }
    auto bad = [&](const std::string& expected) { fail(*node, prefix + name + " = " + describe_value(*node) + ": " + expected); };
    if (!(node->is_integer() || node->is_floating_point())) bad("expected a number (" + spec.unit + ")");
    const double value = number_value(*node);
    if (std::isnan(value)) bad("must be a number (" + spec.unit + ")");
    if (value < spec.min) bad("must be >= " + number_text(spec.min) + " (" + spec.unit + ") like " + spec.key);
    if (value > spec.max) bad("must be <= " + number_text(spec.max) + " (" + spec.unit + ") like " + spec.key);
    if (spec.integer && std::floor(value) != value) bad("must be a whole number (" + spec.unit + ") like " + spec.key);
    return value;
  }

  const toml::array& array_of_tables(const toml::table& root, const std::string& key, bool required) const {
    static const toml::array empty;
    const toml::node* node = root.get(key);
    if (node == nullptr) {
      if (required) throw ScenarioError(label_ + ": " + key + " is missing: expected [[" + key + "]] tables");
      return empty;
    }
    if (!node->is_array_of_tables()) fail(*node, key + " = " + describe_value(*node) + ": expected [[" + key + "]] tables");
    return *node->as_array();
  }

  void read_ranges(const toml::table& root) {
    const toml::array& ranges = array_of_tables(root, "range", true);
    if (ranges.empty()) throw ScenarioError(label_ + ": range: expected at least one [[range]] table");
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      const toml::table& table = *ranges[i].as_table();
      const std::string prefix = "range[" + std::to_string(i) + "].";
      check_keys(table, range_keys, prefix);
      SensitivityRange range;
      range.key = required_string(table, "key", "a numeric scenario key (ketensim keys lists them)", prefix);
      const ParameterSpec* spec = find_parameter(range.key);
      if (spec == nullptr || spec->boolean) {
        fail(*table.get("key"), prefix + "key = \"" + range.key + "\": not a numeric scenario key (ketensim keys lists them)");
      }
      if (range.key.rfind("run.", 0) == 0) {
        fail(*table.get("key"), prefix + "key = \"" + range.key + "\": run settings are the comparison's, not an assumption");
      }
      for (const auto& other : plan_.ranges) {
        if (other.key == range.key) fail(*table.get("key"), prefix + "key = \"" + range.key + "\": already has a range");
      }
      range.unit = spec->unit;
      range.label = required_string(table, "label", "plain words for tables and plots", prefix);
      range.source = required_string(table, "source", "where the range comes from, or \"assumption\"", prefix);
      range.low = bounded_number(table, "low", *spec, prefix);
      range.high = bounded_number(table, "high", *spec, prefix);
      if (!(range.low < range.high)) {
        fail(*table.get("high"), prefix + "high = " + number_text(range.high) + ": must be above low (" +
                                     number_text(range.low) + ")");
      }
      plan_.ranges.push_back(range);
    }
  }

  void read_tornado(const toml::table& root) {
    const toml::array& kpis = array_of_tables(root, "tornado", false);
    for (std::size_t i = 0; i < kpis.size(); ++i) {
      const toml::table& table = *kpis[i].as_table();
      const std::string prefix = "tornado[" + std::to_string(i) + "].";
      check_keys(table, tornado_keys, prefix);
      plan_.tornado.push_back({required_string(table, "kpi", "a KPI name (e.g. \"share_within_deadline\")", prefix),
                               required_string(table, "stage", "the KPI's stage (e.g. \"rvdk\" or \"chain\")", prefix)});
    }
  }

  std::string label_;
  SensitivityPlan plan_;
};

}  // namespace

SensitivityPlan load_sensitivity_plan(const std::string& path) {
  const std::string text = read_input_file(path, "sensitivity plan");
  return PlanReader(path).read(parse_toml(text, path), text);
}

}  // namespace ketensim::model
