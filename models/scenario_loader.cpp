// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

#include "models/moved_staff.h"
#include "models/input_series_reader.h"
#include "models/parameter_table.h"
#include "models/scenario.h"
#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::model {
namespace {

namespace fs = std::filesystem;

// Keys that are not numbers, handled by the loader itself.
const std::vector<std::string> text_keys = {"format_version", "name",           "description", "regions.table",
                                            "regions.select", "structure.placement", "structure.scale", "intervention",
                                            "run.start_date", "series"};
const std::vector<std::string> intervention_keys = {"name", "start_years", "ramp_days", "regions", "key", "how", "value"};

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

// Shortest of 15 or 17 significant digits that reads back as the same double, so a
// resolved scenario loads back exactly (37 x 1.15 needs 17).
std::string format_number(double value) {
  std::ostringstream out;
  out << std::setprecision(15) << value;
  // strtod, not stod: stod throws on a subnormal such as 1e-320 (ERANGE), which is a valid
  // double to report in a message.
  if (std::strtod(out.str().c_str(), nullptr) == value || !std::isfinite(value)) return out.str();
  std::ostringstream exact;
  exact << std::setprecision(17) << value;
  return exact.str();
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
    // Only the integer itself: toml++ would convert `true` and `1.0` to 1.
    if (!version->is_integer() || version->value<std::int64_t>() != std::optional<std::int64_t>(scenario_format_version)) {
      throw ScenarioError(where(label_, *version) + ": format_version = " + describe_value(*version) +
                          ": this ketensim reads format_version " + std::to_string(scenario_format_version));
    }
    walk(root, "");
    apply_scale();
    if (scenario_.region_table_path.empty()) {
      throw ScenarioError(label_ + ": regions.table is missing: expected the path of a regions table, e.g. "
                          "\"regions/netherlands.toml\"");
    }
    const fs::path table_path = base_ / scenario_.region_table_path;
    if (!fs::exists(table_path)) {
      throw ScenarioError(where(label_, *regions_table_node_) + ": regions.table = \"" + scenario_.region_table_path +
                          "\": no such file (" + table_path.string() + ")");
    }
    // Only regular files: a directory, a device (/dev/zero never ends), a FIFO or a file of
    // /proc is no regions table, and reading some of them would hang or leak the environment.
    std::error_code error;
    const fs::path real = fs::canonical(table_path, error);
    if (error || !fs::is_regular_file(real) || real.string().rfind("/proc/", 0) == 0 ||
        real.string().rfind("/sys/", 0) == 0 || real.string().rfind("/dev/", 0) == 0) {
      throw ScenarioError(where(label_, *regions_table_node_) + ": regions.table = \"" + scenario_.region_table_path +
                          "\": not a regular file (" + (error ? table_path.string() : real.string()) +
                          "): expected a regions table (TOML)");
    }
    scenario_.regions = load_region_table(table_path.lexically_normal().string());
    scenario_.regions.select(scenario_.region_selection,
                             regions_select_node_ ? where(label_, *regions_select_node_) : label_);
    read_series();
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
      if (is_group(key)) {  // a group given as a value or as [[KEY]]: say what it is, not "unknown key"
        throw ScenarioError(where(label_, node) + ": " + key + " = " + describe_value(node) + ": expected a table [" +
                            key + "] of keys (" + valid_keys_under(key + ".") + ")");
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
    if (key == "structure.placement") {
      const auto text = node.value<std::string>();
      if (text == std::optional<std::string>("baseline")) scenario_.placement = Placement::baseline;
      else if (text == std::optional<std::string>("regional")) scenario_.placement = Placement::regional;
      else if (text == std::optional<std::string>("national")) scenario_.placement = Placement::national;
      else throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected \"baseline\", \"regional\" or \"national\"");
      return;
    }
    if (key == "structure.scale") {
      const double value = node.is_integer() || node.is_floating_point() ? number_value(node) : -1.0;
      if (!(value > 0.0 && value <= 1.0)) {
        throw ScenarioError(at + ": " + key + " = " + describe_value(node) +
                            ": expected a share of the national scale, > 0 and <= 1 (e.g. 0.0167 for 1/60)");
      }
      scenario_.scale = value;
      return;
    }
    if (key == "run.start_date") {
      const auto date = calendar_date_of(node);
      if (!date) throw ScenarioError(at + ": " + key + " = " + describe_value(node) + ": expected a date without time, e.g. 2019-01-01");
      scenario_.start_date = *date;
      return;
    }
    if (key == "series") {
      series_node_ = node.as_array();
      if (series_node_ == nullptr) throw ScenarioError(at + ": series: expected [[series]] tables");
      return;
    }
    if (key == "intervention") {
      const toml::array* entries = node.as_array();
      if (entries == nullptr) throw ScenarioError(at + ": intervention: expected [[intervention]] tables");
      for (const auto& entry : *entries) {
        if (!entry.is_table()) throw ScenarioError(where(label_, entry) + ": intervention: expected a table");
        scenario_.interventions.push_back(read_intervention(*entry.as_table()));
      }
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
    const double value = number_value(node);
    check_value(at, *spec, value);
    spec->field(scenario_.parameters) = value;
    scenario_.key_lines[key] = static_cast<int>(node.source().begin.line);
  }

  // A small chain from the national defaults: every count, rate and staff default the file
  // does not state, times structure.scale. Stated keys stay as written (a copied, scaled
  // default would go stale when the default changes). Staff is rounded up to whole FTE
  // (assumption): a pool of twenty loses a larger share of its hours to one vacancy or one
  // sick worker than a pool of a thousand does to the same rates.
  void apply_scale() {
    if (scenario_.scale == 1.0) return;
    for (const auto& spec : parameter_table()) {
      if (!scales_with_the_chain(spec) || scenario_.key_lines.count(spec.key) != 0) continue;
      double& value = spec.field(scenario_.parameters);
      value *= scenario_.scale;
      if (spec.unit == "FTE") value = std::ceil(value);
    }
  }

  // The [[series]] tables, once the start date, the run length and the regions are known;
  // each adds its set points to the timed changes. A key has one series per region.
  void read_series() {
    if (series_node_ == nullptr) return;
    SeriesContext context{label_, scenario_.start_date, scenario_.parameters.run.years, {}, [](const std::string& key) {
                            return valid_keys_under(key.substr(0, key.rfind('.') + 1));
                          }};
    for (const auto& region : scenario_.regions.regions) context.region_codes.push_back(region.code);
    for (const auto& entry : *series_node_) {
      if (!entry.is_table()) throw ScenarioError(where(label_, entry) + ": series: expected a table");
      InputSeries series = read_input_series(*entry.as_table(), context);
      for (const auto& other : scenario_.series) {
        if (other.key != series.key) continue;
        const bool overlap = other.regions.empty() || series.regions.empty() ||
                             std::any_of(series.regions.begin(), series.regions.end(), [&](const std::string& code) {
                               return std::find(other.regions.begin(), other.regions.end(), code) != other.regions.end();
                             });
        if (overlap) {
          throw ScenarioError(series.where + ": series.key = \"" + series.key + "\": a second series for the same key and region (the first is at " +
                              other.where + ")");
        }
      }
      for (auto& change : series_set_points(series, scenario_.start_date)) scenario_.interventions.push_back(std::move(change));
      scenario_.series.push_back(std::move(series));
    }
  }

  Intervention read_intervention(const toml::table& table) {
    Intervention change;
    change.where = where(label_, table);
    auto number = [&](const char* key, bool required, double fallback, double minimum) {
      const toml::node* node = table.get(key);
      if (node == nullptr) {
        if (required) throw ScenarioError(change.where + ": intervention." + key + " is missing: expected a number");
        return fallback;
      }
      if (!(node->is_integer() || node->is_floating_point())) {
        throw ScenarioError(where(label_, *node) + ": intervention." + key + " = " + describe_value(*node) + ": expected a number");
      }
      const double value = number_value(*node);
      if (!std::isfinite(value)) {  // an intervention that starts or ramps at infinity never acts
        throw ScenarioError(where(label_, *node) + ": intervention." + key + " = " + format_number(value) +
                            ": expected a finite number");
      }
      if (!(value >= minimum)) {
        throw ScenarioError(where(label_, *node) + ": intervention." + key + " = " + format_number(value) + ": must be >= " +
                            format_number(minimum));
      }
      return value;
    };
    auto text = [&](const char* key, bool required) -> std::string {
      const toml::node* node = table.get(key);
      if (node == nullptr) {
        if (required) throw ScenarioError(change.where + ": intervention." + key + " is missing: expected a string");
        return "";
      }
      if (!node->is_string()) {
        throw ScenarioError(where(label_, *node) + ": intervention." + key + " = " + describe_value(*node) + ": expected a string");
      }
      return node->as_string()->get();
    };
    for (const auto& [raw_key, node] : table) {
      const std::string key(raw_key.str());
      if (std::find(intervention_keys.begin(), intervention_keys.end(), key) == intervention_keys.end()) {
        throw ScenarioError(where(label_, node) + ": intervention." + key + ": unknown key; valid keys here are " +
                            join_names(intervention_keys));
      }
    }
    change.name = text("name", false);
    change.start_years = number("start_years", true, 0, 0);
    change.ramp_days = number("ramp_days", false, 0, 0);
    change.value = number("value", true, 0, -std::numeric_limits<double>::infinity());
    change.key = text("key", true);
    const toml::node* key_node = table.get("key");
    const ParameterSpec* spec = find_parameter(change.key);
    if (spec == nullptr) {
      throw ScenarioError(where(label_, *key_node) + ": intervention.key = \"" + change.key + "\": unknown key; " +
                          valid_keys_under(change.key.substr(0, change.key.rfind('.') + 1)));
    }
    if (const std::string why = fixed_for_the_run(change.key); !why.empty()) {
      throw ScenarioError(where(label_, *key_node) + ": intervention.key = \"" + change.key +
                          "\": cannot change during a run (" + why + ")");
    }
    const std::string how = text("how", true);
    if (how == "set") change.how = Intervention::How::set;
    else if (how == "add") change.how = Intervention::How::add;
    else if (how == "multiply") change.how = Intervention::How::multiply;
    else throw ScenarioError(where(label_, *table.get("how")) + ": intervention.how = \"" + how + "\": expected \"set\", \"add\" or \"multiply\"");
    if (const toml::node* regions = table.get("regions")) {
      const toml::array* codes = regions->as_array();
      if (codes == nullptr) {
        throw ScenarioError(where(label_, *regions) + ": intervention.regions = " + describe_value(*regions) +
                            ": expected an array of region codes");
      }
      for (const auto& code : *codes) {
        if (!code.is_string()) {
          throw ScenarioError(where(label_, code) + ": intervention.regions = " + describe_value(code) + ": expected a region code string");
        }
        change.regions.push_back(code.as_string()->get());
      }
    }
    return change;
  }

  std::string label_;
  fs::path base_;
  Scenario scenario_;
  const toml::node* regions_table_node_ = nullptr;
  const toml::node* regions_select_node_ = nullptr;
  const toml::array* series_node_ = nullptr;
};

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& label, const std::string& base_directory) {
  return Loader(label, base_directory).load(parse_toml(text, label));
}

Scenario load_scenario(const std::string& path) {
  return load_scenario_text(read_input_file(path, "scenario file"), path, fs::path(path).parent_path().string());
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
  const double value = spec->field(copy);
  if (!std::isnan(value)) return value;
  // No value stated: a derived default, read as the model resolves it.
  const MovedShares shares = moved_staff_shares(scenario);
  if (key == "expertise.fte_from_vt_share") return shares.expertise_from_vt;
  if (key == "judgment.fte_from_rvdk_share") return shares.judgment_from_rvdk;
  return value;
}

bool scales_with_the_chain(const ParameterSpec& spec) {
  static const std::vector<std::string> counted = {"FTE", "children", "families", "children/year", "families/year"};
  return std::find(counted.begin(), counted.end(), spec.unit) != counted.end();
}

const char* placement_name(Placement placement) {
  switch (placement) {
    case Placement::baseline: return "baseline";
    case Placement::regional: return "regional";
    case Placement::national: return "national";
  }
  return "?";
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
  out << "]\n\n[structure]\nplacement = " << std::quoted(placement_name(placement)) << "\n";
  if (scale != 1.0) {
    // Stated as a key, so that a saved scenario reads back the same; every count below is
    // stated, so reading it back scales nothing again.
    out << "scale = " << format_number(scale) << "  # the defaults of counts and staff not stated were multiplied by it\n";
  }
  Parameters copy = parameters;
  std::string current_group;
  for (const auto& spec : parameter_table()) {
    const auto dot = spec.key.rfind('.');
    const std::string group = spec.key.substr(0, dot);
    if (group != current_group) {
      out << "\n[" << group << "]\n";
      if (group == "run") out << "start_date = " << start_date.text() << "  # calendar date of day 0\n";
      current_group = group;
    }
    const bool moved_share = spec.key == "expertise.fte_from_vt_share" || spec.key == "judgment.fte_from_rvdk_share";
    if (moved_share) {
      // A share not stated stays so (commented out), so that the text loads back to the same
      // rule and follows later overrides; the comments give the share and the FTE it moves.
      const bool expertise = spec.key[0] == 'e';
      const MovedShares shares = moved_staff_shares(*this);
      const double used = expertise ? shares.expertise_from_vt : shares.judgment_from_rvdk;
      if (std::isnan(spec.field(copy))) {
        out << "# " << spec.key.substr(dot + 1) << " not stated: "
            << (placement == Placement::baseline ? "nothing moves in the baseline"
                                                  : (expertise ? shares.expertise_derived : shares.judgment_derived)
                                                        ? "derived from today's work mix, " + format_number(used)
                                                        : "the function's FTE is stated")
            << "\n";
      } else {
        out << spec.key.substr(dot + 1) << " = " << format_number(used) << "  # " << spec.unit << "\n";
      }
      if (used != 0) {
        const Parameters moved = with_moved_staff(*this);
        out << "# derived at the start: " << format_number(expertise ? moved.expertise.pool.fte : moved.judgment.pool.fte)
            << " FTE move, " << format_number(expertise ? moved.vt.pool.fte : moved.rvdk.pool.fte) << " stay at "
            << (expertise ? "VT" : "the RvdK") << "\n";
      }
      continue;
    }
    const double value = spec.field(copy);
    out << spec.key.substr(dot + 1) << " = " << (spec.boolean ? (value != 0 ? "true" : "false") : format_number(value))
        << "  # " << spec.unit << "\n";
  }
  for (const auto& change : interventions) {
    if (change.from_series) continue;  // written as its [[series]] below
    out << "\n[[intervention]]\nname = " << std::quoted(change.name) << "\nstart_years = " << format_number(change.start_years)
        << "\nramp_days = " << format_number(change.ramp_days) << "\nregions = [";
    for (std::size_t i = 0; i < change.regions.size(); ++i) out << (i ? ", " : "") << std::quoted(change.regions[i]);
    const char* how = change.how == Intervention::How::set ? "set" : change.how == Intervention::How::add ? "add" : "multiply";
    out << "]\nkey = " << std::quoted(change.key) << "\nhow = \"" << how << "\"\nvalue = " << format_number(change.value) << "\n";
  }
  for (const auto& one : series) {
    out << "\n[[series]]\nkey = " << std::quoted(one.key) << "\ninterpolation = \"" << interpolation_name(one.interpolation)
        << "\"\nregions = [";
    for (std::size_t i = 0; i < one.regions.size(); ++i) out << (i ? ", " : "") << std::quoted(one.regions[i]);
    out << "]\nsource = " << std::quoted(one.source) << "\nvalues = [\n";
    for (const auto& point : one.points) out << "  { from = " << point.from.text() << ", value = " << format_number(point.value) << " },\n";
    out << "]\n";
  }
  return out.str();
}

}  // namespace ketensim::model
