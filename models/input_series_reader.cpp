// SPDX-License-Identifier: MIT
#include "models/input_series_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "models/parameter_table.h"
#include "models/scenario_error.h"
#include "models/toml_errors.h"

namespace ketensim::model {
namespace {

const std::vector<std::string> series_fields = {"key", "interpolation", "values", "regions", "source"};
const std::vector<std::string> point_fields = {"from", "value"};

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

std::optional<CalendarDate> calendar_date_of(const toml::node& node) {
  const toml::date* date = node.as_date() != nullptr ? &node.as_date()->get() : nullptr;
  if (date == nullptr) return std::nullopt;
  return CalendarDate{date->year, date->month, date->day};
}

InputSeries read_input_series(const toml::table& table, const SeriesContext& context) {
  const std::string& label = context.label;
  InputSeries series;
  series.where = where(label, table);
  auto fail = [&](const toml::node* node, const std::string& text) -> void {
    throw ScenarioError((node != nullptr ? where(label, *node) : series.where) + ": " + text);
  };
  for (const auto& [raw_key, node] : table) {
    const std::string field(raw_key.str());
    if (std::find(series_fields.begin(), series_fields.end(), field) == series_fields.end()) {
      fail(&node, "series." + field + ": unknown key; valid keys here are " + join_names(series_fields));
    }
  }

  const toml::node* key_node = table.get("key");
  if (key_node == nullptr) fail(nullptr, "series.key is missing: expected the scenario key the series gives, e.g. \"inflow.vt_reports_per_year\"");
  if (!key_node->is_string()) fail(key_node, "series.key = " + describe_value(*key_node) + ": expected a scenario key as a string");
  series.key = key_node->as_string()->get();
  const std::string key_text = "series.key = \"" + series.key + "\": ";
  const ParameterSpec* spec = find_parameter(series.key);
  if (spec == nullptr) fail(key_node, key_text + "unknown key; " + context.unknown_key_hint(series.key));
  if (spec->boolean) fail(key_node, key_text + "a yes/no switch, not a quantity: a series needs a numeric key (an [[intervention]] with how = \"set\" switches it)");
  if (spec->integer) fail(key_node, key_text + "a whole-number key: a series needs a key that takes any number");
  if (const std::string why = fixed_for_the_run(series.key); !why.empty()) {
    fail(key_node, key_text + "cannot change during a run (" + why + ")");
  }

  if (const toml::node* node = table.get("interpolation")) {
    const auto text = node->value<std::string>();
    if (text == std::optional<std::string>("step")) series.interpolation = InputSeries::Interpolation::step;
    else if (text == std::optional<std::string>("linear")) series.interpolation = InputSeries::Interpolation::linear;
    else fail(node, "series.interpolation = " + describe_value(*node) + ": expected \"step\" or \"linear\"");
  }
  if (const toml::node* node = table.get("source")) {
    if (!node->is_string()) fail(node, "series.source = " + describe_value(*node) + ": expected a string");
    series.source = node->as_string()->get();
  }
  if (const toml::node* node = table.get("regions")) {
    const toml::array* codes = node->as_array();
    if (codes == nullptr) fail(node, "series.regions = " + describe_value(*node) + ": expected an array of region codes");
    for (const auto& code : *codes) {
      if (!code.is_string()) fail(&code, "series.regions = " + describe_value(code) + ": expected a region code string");
      const std::string text = code.as_string()->get();
      if (std::find(context.region_codes.begin(), context.region_codes.end(), text) == context.region_codes.end()) {
        fail(&code, "series.regions = \"" + text + "\": unknown region code; valid codes are " + join_names(context.region_codes));
      }
      series.regions.push_back(text);
    }
  }

  const toml::node* values_node = table.get("values");
  if (values_node == nullptr) fail(nullptr, "series.values is missing: expected [ { from = 2019-01-01, value = NUMBER }, ... ]");
  const toml::array* values = values_node->as_array();
  if (values == nullptr || values->empty()) {
    fail(values_node, "series.values = " + describe_value(*values_node) + ": expected a non-empty array of { from = DATE, value = NUMBER }");
  }
  const double start_day = static_cast<double>(context.start.days_since_epoch());
  const double run_days = context.run_years * 365.0;
  for (const auto& entry : *values) {
    const toml::table* point_table = entry.as_table();
    if (point_table == nullptr) fail(&entry, "series.values: " + describe_value(entry) + ": expected { from = DATE, value = NUMBER }");
    for (const auto& [raw_key, node] : *point_table) {
      const std::string field(raw_key.str());
      if (std::find(point_fields.begin(), point_fields.end(), field) == point_fields.end()) {
        fail(&node, "series.values." + field + ": unknown key; valid keys here are " + join_names(point_fields));
      }
    }
    const toml::node* from = point_table->get("from");
    const toml::node* value = point_table->get("value");
    if (from == nullptr) fail(&entry, "series.values.from is missing: expected a date, e.g. from = 2020-01-01");
    if (value == nullptr) fail(&entry, "series.values.value is missing: expected a number (" + spec->unit + ")");
    const auto date = calendar_date_of(*from);
    if (!date) fail(from, "series.values.from = " + describe_value(*from) + ": expected a date without time, e.g. 2020-01-01");
    if (!(value->is_integer() || value->is_floating_point())) {
      fail(value, "series.values.value = " + describe_value(*value) + ": expected a number (" + spec->unit + ") for " + series.key);
    }
    InputSeries::Point point{*date, value->value<double>().value()};
    const std::string at_date = "series.values.from = " + date->text() + ": ";
    const double day = static_cast<double>(date->days_since_epoch()) - start_day;
    if (day < 0) fail(from, at_date + "before run.start_date (" + context.start.text() + ")");
    if (day >= run_days) {
      const CalendarDate end = CalendarDate::from_days_since_epoch(static_cast<long>(start_day + std::ceil(run_days)));
      fail(from, at_date + "not before the end of the run (" + end.text() + ", run.start_date + run.years = " +
                     number_text(context.run_years) + " years of 365 days)");
    }
    if (!series.points.empty() && !(series.points.back().from.days_since_epoch() < date->days_since_epoch())) {
      fail(from, at_date + "dates must increase (the date before is " + series.points.back().from.text() + ")");
    }
    if (std::isnan(point.value) || point.value < spec->min || point.value > spec->max) {
      fail(value, "series.values.value = " + number_text(point.value) + ": " + series.key + " must be within " +
                      number_text(spec->min) + " .. " + number_text(spec->max) + " (" + spec->unit + ")");
    }
    series.points.push_back(point);
  }
  return series;
}

}  // namespace ketensim::model
