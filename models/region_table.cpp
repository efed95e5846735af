// SPDX-License-Identifier: MIT
#include "models/region_table.h"

#include <algorithm>
#include <set>

#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::model {
namespace {

std::string required_string(const std::string& file, const toml::table& row, const std::string& key,
                            const std::string& context) {
  const toml::node* node = row.get(key);
  if (node == nullptr) throw ScenarioError(where(file, row) + ": " + context + "." + key + " is missing: expected a string");
  if (!node->is_string()) {
    throw ScenarioError(where(file, *node) + ": " + context + "." + key + " = " + describe_value(*node) + ": expected a string");
  }
  return node->as_string()->get();
}

std::vector<std::string> read_names(const std::string& file, const toml::table& root, const std::string& key) {
  std::vector<std::string> names;
  const toml::array* rows = root[key].as_array();
  if (rows == nullptr) throw ScenarioError(file + ": [[" + key + "]] is missing: expected an array of tables with a name");
  for (const auto& entry : *rows) {
    const toml::table* row = entry.as_table();
    if (row == nullptr) throw ScenarioError(where(file, entry) + ": " + key + ": expected a table");
    std::string name = required_string(file, *row, "name", key);
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      throw ScenarioError(where(file, *row) + ": " + key + ".name = \"" + name + "\": expected a unique name");
    }
    names.push_back(std::move(name));
  }
  return names;
}

void check_member(const std::string& file, const toml::table& row, const std::string& key, const std::string& value,
                  const std::vector<std::string>& valid) {
  if (std::find(valid.begin(), valid.end(), value) == valid.end()) {
    throw ScenarioError(where(file, *row.get(key)) + ": region." + key + " = \"" + value +
                        "\": unknown name; valid names are " + join_names(valid));
  }
}

// The reports per youth of each landsdeel, from its `vt_reports`, relative to the national
// rate of the whole table (so that selecting regions later keeps each region's intensity).
void read_vt_report_weights(const std::string& file, const toml::table& root, RegionTable& table) {
  const toml::array* rows = root["landsdeel"].as_array();
  std::vector<double> reports;
  std::size_t given = 0;
  for (const auto& entry : *rows) {
    const toml::node* value = entry.as_table()->get("vt_reports");
    if (value == nullptr) {
      reports.push_back(-1);
      continue;
    }
    if (!(value->is_integer() || value->is_floating_point()) || !(value->value<double>().value_or(-1) >= 0)) {
      throw ScenarioError(where(file, *value) + ": landsdeel.vt_reports = " + describe_value(*value) +
                          ": expected a number >= 0 (VT reports in the table's population year)");
    }
    reports.push_back(value->value<double>().value());
    ++given;
  }
  if (given == 0) return;
  if (given != reports.size()) {
    throw ScenarioError(file + ": landsdeel.vt_reports: given for " + std::to_string(given) + " of " +
                        std::to_string(reports.size()) + " landsdelen: expected all or none");
  }
  std::vector<double> youth(reports.size(), 0.0);
  for (const auto& region : table.regions) {
    const auto at = std::find(table.landsdelen.begin(), table.landsdelen.end(), region.landsdeel) - table.landsdelen.begin();
    youth[static_cast<std::size_t>(at)] += region.youth_population;
  }
  double all_reports = 0, all_youth = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    all_reports += reports[i];
    all_youth += youth[i];
  }
  if (all_reports <= 0) return;
  for (auto& region : table.regions) {
    const auto at = static_cast<std::size_t>(
        std::find(table.landsdelen.begin(), table.landsdelen.end(), region.landsdeel) - table.landsdelen.begin());
    region.vt_report_weight = youth[at] > 0 ? (reports[at] / youth[at]) / (all_reports / all_youth) : 0.0;
  }
}

// The optional `staff_factor` of each [[vt_region]]: its VT staff per youth relative to the
// other VT organisations (docs/regions.md).
void read_vt_staff_factors(const std::string& file, const toml::table& root, RegionTable& table) {
  for (const auto& entry : *root["vt_region"].as_array()) {
    const toml::table& row = *entry.as_table();
    const toml::node* value = row.get("staff_factor");
    if (value == nullptr) continue;
    if (!(value->is_integer() || value->is_floating_point()) || !(value->value<double>().value_or(-1) > 0)) {
      throw ScenarioError(where(file, *value) + ": vt_region.staff_factor = " + describe_value(*value) +
                          ": expected a number > 0 (VT staff per youth relative to the other VT regions)");
    }
    const std::string name = row["name"].value<std::string>().value_or("");
    for (auto& region : table.regions) {
      if (region.vt_region == name) region.vt_staff_factor = value->value<double>().value();
    }
  }
}

}  // namespace

double RegionTable::total_youth_population() const {
  double total = 0;
  for (const auto& region : regions) total += region.youth_population;
  return total;
}

void RegionTable::select(const std::vector<std::string>& codes, const std::string& where_text) {
  if (codes.empty()) return;
  std::vector<std::string> valid;
  for (const auto& region : regions) valid.push_back(region.code);
  std::vector<Region> kept;
  for (const auto& code : codes) {
    const auto it = std::find_if(regions.begin(), regions.end(), [&](const Region& r) { return r.code == code; });
    if (it == regions.end()) {
      throw ScenarioError(where_text + ": regions.select = \"" + code + "\": unknown region code; valid codes are " +
                          join_names(valid));
    }
    kept.push_back(*it);
  }
  regions = std::move(kept);
  // Keep only the areas that still have a region, in table order.
  auto keep_used = [this](std::vector<std::string>& areas, std::string Region::*member) {
    areas.erase(std::remove_if(areas.begin(), areas.end(),
                               [&](const std::string& area) {
                                 return std::none_of(regions.begin(), regions.end(),
                                                     [&](const Region& r) { return r.*member == area; });
                               }),
                areas.end());
  };
  keep_used(landsdelen, &Region::landsdeel);
  keep_used(vt_regions, &Region::vt_region);
  keep_used(rvdk_areas, &Region::rvdk_area);
  keep_used(gi_areas, &Region::gi_area);
}

RegionTable load_region_table(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw_toml_syntax_error(e, path);
  }
  if (root["kind"].value<std::string>() != std::optional<std::string>("regions")) {
    throw ScenarioError(path + ": kind: expected kind = \"regions\" in a regions table");
  }
  if (root["format_version"].value<std::int64_t>() != std::optional<std::int64_t>(1)) {
    throw ScenarioError(path + ": format_version: expected 1");
  }
  RegionTable table;
  table.path = path;
  table.landsdelen = read_names(path, root, "landsdeel");
  table.vt_regions = read_names(path, root, "vt_region");
  table.rvdk_areas = read_names(path, root, "rvdk_area");
  table.gi_areas = read_names(path, root, "gi_area");
  const toml::array* rows = root["region"].as_array();
  if (rows == nullptr) throw ScenarioError(path + ": [[region]] is missing: expected at least one region");
  std::set<std::string> codes;
  for (const auto& entry : *rows) {
    const toml::table* row = entry.as_table();
    if (row == nullptr) throw ScenarioError(where(path, entry) + ": region: expected a table");
    Region region;
    region.name = required_string(path, *row, "name", "region");
    region.code = required_string(path, *row, "code", "region");
    region.landsdeel = required_string(path, *row, "landsdeel", "region");
    region.vt_region = required_string(path, *row, "vt_region", "region");
    region.rvdk_area = required_string(path, *row, "rvdk_area", "region");
    region.gi_area = required_string(path, *row, "gi_area", "region");
    check_member(path, *row, "landsdeel", region.landsdeel, table.landsdelen);
    check_member(path, *row, "vt_region", region.vt_region, table.vt_regions);
    check_member(path, *row, "rvdk_area", region.rvdk_area, table.rvdk_areas);
    check_member(path, *row, "gi_area", region.gi_area, table.gi_areas);
    const toml::node* population = row->get("youth_population");
    if (population == nullptr || !(population->is_integer() || population->is_floating_point()) ||
        population->value<double>().value_or(-1) <= 0) {
      throw ScenarioError((population ? where(path, *population) : where(path, *row)) + ": region.youth_population" +
                          (population ? " = " + describe_value(*population) : " is missing") +
                          ": expected a number > 0 (children aged 0-17)");
    }
    region.youth_population = population->value<double>().value();
    if (!codes.insert(region.code).second) {
      throw ScenarioError(where(path, *row) + ": region.code = \"" + region.code + "\": expected a unique code");
    }
    table.regions.push_back(std::move(region));
  }
  read_vt_report_weights(path, root, table);
  read_vt_staff_factors(path, root, table);
  return table;
}

namespace {
std::vector<double> weighted_shares(const std::vector<Region>& regions, double Region::*weight) {
  double total = 0;
  for (const auto& region : regions) total += region.youth_population * region.*weight;
  std::vector<double> shares;
  for (const auto& region : regions) shares.push_back(total > 0 ? region.youth_population * region.*weight / total : 0.0);
  return shares;
}
}  // namespace

std::vector<double> RegionTable::vt_report_shares() const { return weighted_shares(regions, &Region::vt_report_weight); }
std::vector<double> RegionTable::vt_staff_shares() const { return weighted_shares(regions, &Region::vt_staff_factor); }

}  // namespace ketensim::model
