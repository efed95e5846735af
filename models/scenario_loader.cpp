// SPDX-License-Identifier: MIT
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "models/parameter_table.h"
#include "models/scenario.h"
#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::model {
namespace {

namespace fs = std::filesystem;

// Keys that are not numbers, handled by the loader itself.
const std::vector<std::string> text_keys = {"format_version", "name", "description", "regions.table", "regions.select"};

std::vector<std::string> all_key_names() {
  std::vector<std::string> names = text_keys;
  for (const auto& spec : parameter_table()) names.push_back(spec.key);
  return names;
}

// The valid keys that start with `prefix` ("vt." lists the VT keys), to help with a typo.
std::string valid_keys_under(const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& name : all_key_names()) {
    if (!prefix.empty() && name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  if (names.empty()) {
    std::vector<std::string> groups;
    for (const auto& name : all_key_names()) {
      const std::string group = name.substr(0, name.find('.'));
      if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
    }
    return "valid top-level names are " + join_names(groups);
  }
  return "valid keys here are " + join_names(names);
}

bool is_group(const std::string& dotted) {
  const std::string prefix = dotted + ".";
  for (const auto& name : all_key_names()) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string format_number(double value) {
  std::ostringstream out;
  out << std::setprecision(15) << value;
  return out.str();
}

void check_value(const std::string& at, const ParameterSpec& spec, double value) {
  auto fail = [&](const std::string& expected) {
    throw ScenarioError(at + ": " + spec.key + " = " + format_number(value) + ": " + expected);
  };
  if (std::isnan(value)) fail("must be a number (" + spec.unit + ")");
  if (value < spec.min) fail("must be >= " + format_number(spec.min) + " (" + spec.unit + ")");
  if (value > spec.max) fail("must be <= " + format_number(spec.max) + " (" + spec.unit + ")");
  if (spec.integer && std::floor(value) != value) fail("must be a whole number (" + spec.unit + ")");
}

class Loader {
 public:
  Loader(std::string label, fs::path base) : label_(std::move(label)), base_(std::move(base)) {}

  Scenario load(const toml::table& root) {
    scenario_.path = label_;
    scenario_.parameters = default_parameters();
    const toml::node* version = root.get("format_version");
    if (version == nullptr) {
      throw ScenarioError(label_ + ": format_version is missing: expected format_version = " +
                          std::to_string(scenario_format_version));
    }
    if (version->value<std::int64_t>() != std::optional<std::int64_t>(scenario_format_version)) {
      throw ScenarioError(where(label_, *version) + ": format_version = " + describe_value(*version) +
                          ": this ketensim reads format_version " + std::to_string(scenario_format_version));
    }
    walk(root, "");
    if (scenario_.region_table_path.empty()) {
      throw ScenarioError(label_ + ": regions.table is missing: expected the path of a regions table, e.g. "
                          "\"regions/netherlands.toml\"");
    }
    const fs::path table_path = base_ / scenario_.region_table_path;
    if (!fs::exists(table_path)) {
      throw ScenarioError(where(label_, *regions_table_node_) + ": regions.table = \"" + scenario_.region_table_path +
                          "\": no such file (" + table_path.string() + ")");
    }
    scenario_.regions = load_region_table(table_path.lexically_normal().string());
    scenario_.regions.select(scenario_.region_selection,
                             regions_select_node_ ? where(label_, *regions_select_node_) : label_);
    check_cross_field_rules(scenario_);
    return scenario_;
  }

 private:
  void walk(const toml::table& table, const std::string& prefix) {
    for (const auto& [raw_key, node] : table) {
      const std::string key = prefix + std::string(raw_key.str());
      if (node.is_table() && is_group(key)) {
        walk(*node.as_table(), key + ".");
        continue;
      }
      read_key(key, node);
    }
  }

  void read_key(const std::string& key, const toml::node& node) {
    const std::string at = where(label_, node);
    if (key == "format_version") return;
    if (key == "name" || key == "description") {
      if (!node.is_string()) throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected a string");
      (key == "name" ? scenario_.name : scenario_.description) = node.as_string()->get();
      return;
    }
    if (key == "regions.table") {
      if (!node.is_string()) {
        throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected the path of a regions table");
      }
      scenario_.region_table_path = node.as_string()->get();
      regions_table_node_ = &node;
      return;
    }
    if (key == "regions.select") {
      const toml::array* codes = node.as_array();
      if (codes == nullptr) {
        throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected an array of region codes");
      }
      for (const auto& code : *codes) {
        if (!code.is_string()) {
          throw ScenarioError(where(label_, code) + ": " + key + " = " + describe_value(code) + ": expected a region code string");
        }
        scenario_.region_selection.push_back(code.as_string()->get());
      }
      regions_select_node_ = &node;
      return;
    }
    const ParameterSpec* spec = find_parameter(key);
    if (spec == nullptr) {
      const std::string group = key.substr(0, key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
      throw ScenarioError(at + ": " + key + ": unknown key; " + valid_keys_under(group));
    }
    if (spec->boolean) {
      if (!node.is_boolean()) throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected true or false");
      spec->field(scenario_.parameters) = node.as_boolean()->get() ? 1.0 : 0.0;
      scenario_.key_lines[key] = static_cast<int>(node.source().begin.line);
      return;
    }
    if (!(node.is_integer() || node.is_floating_point())) {
      throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected a number (" + spec->unit + ")");
    }
    const double value = node.value<double>().value();
    check_value(at, *spec, value);
    spec->field(scenario_.parameters) = value;
    scenario_.key_lines[key] = static_cast<int>(node.source().begin.line);
  }

  std::string label_;
  fs::path base_;
  Scenario scenario_;
  const toml::node* regions_table_node_ = nullptr;
  const toml::node* regions_select_node_ = nullptr;
};

toml::table parse(const std::string& text, const std::string& label) {
  try {
    return toml::parse(text, label);
  } catch (const toml::parse_error& e) {
    const auto line = e.source().begin.line;
    throw ScenarioError(label + (line ? ":" + std::to_string(line) : "") + ": " + std::string(e.description()));
  }
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& label, const std::string& base_directory) {
  return Loader(label, base_directory).load(parse(text, label));
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, fs::path(path).parent_path().string());
}

void set_parameter(Scenario& scenario, const std::string& key, double value, const std::string& origin) {
  const ParameterSpec* spec = find_parameter(key);
  if (spec == nullptr) {
    const std::string group = key.substr(0, key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
    throw ScenarioError(origin + ": " + key + ": unknown key; " + valid_keys_under(group));
  }
  check_value(origin, *spec, value);
  spec->field(scenario.parameters) = value;
}

double get_parameter(const Scenario& scenario, const std::string& key) {
  const ParameterSpec* spec = find_parameter(key);
  if (spec == nullptr) throw ScenarioError(key + ": unknown key; " + valid_keys_under(""));
  Parameters copy = scenario.parameters;
  return spec->field(copy);
}

std::string Scenario::where_set(const std::vector<std::string>& keys) const {
  for (const auto& key : keys) {
    const auto it = key_lines.find(key);
    if (it != key_lines.end() && it->second > 0) return path + ":" + std::to_string(it->second);
  }
  return path;
}

std::string Scenario::resolved_text() const {
  std::ostringstream out;
  out << "# Resolved scenario: every key with the value used (defaults filled in).\n";
  out << "format_version = " << scenario_format_version << "\n";
  out << "name = " << std::quoted(name) << "\n";
  out << "description = " << std::quoted(description) << "\n\n[regions]\n";
  out << "table = " << std::quoted(region_table_path) << "\nselect = [";
  for (std::size_t i = 0; i < region_selection.size(); ++i) out << (i ? ", " : "") << std::quoted(region_selection[i]);
  out << "]\n";
  Parameters copy = parameters;
  std::string current_group;
  for (const auto& spec : parameter_table()) {
    const auto dot = spec.key.rfind('.');
    const std::string group = spec.key.substr(0, dot);
    if (group != current_group) {
      out << "\n[" << group << "]\n";
      current_group = group;
    }
    const double value = spec.field(copy);
    out << spec.key.substr(dot + 1) << " = " << (spec.boolean ? (value != 0 ? "true" : "false") : format_number(value))
        << "  # " << spec.unit << "\n";
  }
  return out.str();
}

}  // namespace ketensim::model
