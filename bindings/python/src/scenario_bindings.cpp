// SPDX-License-Identifier: MIT
// Scenarios from Python: the C++ loader, its checks and its messages, unchanged.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>

#include "bindings.h"
#include "models/analytic/analyze.h"
#include "models/analytic/report_rows.h"
#include "models/parameter_table.h"
#include "models/scenario.h"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace ketensim::python {
namespace {

/// A loaded scenario and the folder its relative paths (the regions table) resolve against.
struct ScenarioHandle {
  model::Scenario scenario;
  std::string base_directory;  // absolute

  /// The regions table as an absolute path.
  [[nodiscard]] std::string region_table() const {
    return (fs::path(base_directory) / scenario.region_table_path).lexically_normal().string();
  }

  /// The resolved scenario as TOML, with the regions table written relative to `directory`
  /// (where the text will be saved), so that the saved file loads from there.
  [[nodiscard]] std::string resolved_text_for(const std::string& directory) const {
    model::Scenario copy = scenario;
    const fs::path target = fs::absolute(directory).lexically_normal();
    copy.region_table_path = fs::path(region_table()).lexically_relative(target).generic_string();
    if (copy.region_table_path.empty()) copy.region_table_path = region_table();
    return copy.resolved_text();
  }
};

std::string absolute_directory(const std::string& directory) {
  return fs::absolute(directory.empty() ? fs::path(".") : fs::path(directory)).lexically_normal().string();
}

ScenarioHandle load(const std::string& path) {
  return ScenarioHandle{model::load_scenario(path), absolute_directory(fs::path(path).parent_path().string())};
}

ScenarioHandle from_text(const std::string& text, const std::string& label, const std::string& base_directory) {
  const std::string base = absolute_directory(base_directory);
  return ScenarioHandle{model::load_scenario_text(text, label, base), base};
}

const char* how_name(model::Intervention::How how) {
  switch (how) {
    case model::Intervention::How::set: return "set";
    case model::Intervention::How::add: return "add";
    case model::Intervention::How::multiply: return "multiply";
  }
  return "?";
}

py::list interventions(const ScenarioHandle& handle) {
  py::list rows;
  for (const auto& change : handle.scenario.interventions) {
    py::dict row;
    row["name"] = change.name;
    row["start_years"] = change.start_years;
    row["ramp_days"] = change.ramp_days;
    row["regions"] = change.regions;
    row["key"] = change.key;
    row["how"] = how_name(change.how);
    row["value"] = change.value;
    row["where"] = change.where;
    rows.append(row);
  }
  return rows;
}

py::list parameter_rows() {
  py::list rows;
  for (const auto& spec : model::parameter_table()) {
    py::dict row;
    row["key"] = spec.key;
    row["unit"] = spec.unit;
    row["default"] = spec.default_value;
    row["min"] = spec.min;
    row["max"] = spec.max;
    row["integer"] = spec.integer;
    row["boolean"] = spec.boolean;
    row["source"] = spec.source;
    row["description"] = spec.description;
    rows.append(row);
  }
  return rows;
}

// The analytic estimate as rows keyed like the KPIs (models/analytic/report_rows.h), the
// same rows `ketensim run --analytic` stores in /analytic.
py::list analytic_rows(const ScenarioHandle& handle, bool after_interventions) {
  const auto state = after_interventions ? model::analytic::ParameterState::after_interventions
                                         : model::analytic::ParameterState::start;
  py::list rows;
  for (const auto& row : model::analytic::report_rows(model::analytic::analyze(handle.scenario, state))) {
    py::dict out;
    out["name"] = row.name;
    out["stage"] = row.stage;
    out["region"] = row.region;
    out["unit"] = row.unit;
    out["value"] = row.value;
    rows.append(out);
  }
  return rows;
}

}  // namespace

void bind_scenario(py::module_& module) {
  py::class_<ScenarioHandle>(module, "Scenario", "A validated scenario (models/scenario.h).")
      .def_static("load", &load, py::arg("path"), "Reads, checks and resolves a scenario file.")
      .def_static("from_text", &from_text, py::arg("text"), py::arg("label"), py::arg("base_directory"),
                  "Same from TOML text; `label` names it in messages, relative paths resolve against "
                  "`base_directory`.")
      .def("copy", [](const ScenarioHandle& handle) { return handle; })
      .def(
          "get", [](const ScenarioHandle& handle, const std::string& key) { return model::get_parameter(handle.scenario, key); },
          py::arg("key"))
      .def(
          "set",
          [](ScenarioHandle& handle, const std::string& key, double value, const std::string& origin) {
            model::set_parameter(handle.scenario, key, value, origin);
          },
          py::arg("key"), py::arg("value"), py::arg("origin"))
      .def("check_cross_field_rules", [](const ScenarioHandle& handle) { model::check_cross_field_rules(handle.scenario); })
      .def("resolved_text", [](const ScenarioHandle& handle) { return handle.scenario.resolved_text(); })
      .def("analyze", &analytic_rows, py::arg("after_interventions"),
           "The analytic flow model's estimates (docs/analytic.md) as rows name, stage, region, unit, value.")
      .def("resolved_text_for", &ScenarioHandle::resolved_text_for, py::arg("directory"))
      .def_property_readonly("path", [](const ScenarioHandle& handle) { return handle.scenario.path; })
      .def_readonly("base_directory", &ScenarioHandle::base_directory)
      .def_property(
          "name", [](const ScenarioHandle& handle) { return handle.scenario.name; },
          [](ScenarioHandle& handle, const std::string& name) { handle.scenario.name = name; })
      .def_property(
          "description", [](const ScenarioHandle& handle) { return handle.scenario.description; },
          [](ScenarioHandle& handle, const std::string& text) { handle.scenario.description = text; })
      .def_property_readonly("placement",
                             [](const ScenarioHandle& handle) { return model::placement_name(handle.scenario.placement); })
      .def_property_readonly("region_table", &ScenarioHandle::region_table)
      .def_property_readonly("region_selection", [](const ScenarioHandle& handle) { return handle.scenario.region_selection; })
      .def_property_readonly("regions",
                             [](const ScenarioHandle& handle) {
                               std::vector<std::string> codes;
                               for (const auto& region : handle.scenario.regions.regions) codes.push_back(region.code);
                               return codes;
                             })
      .def_property_readonly("interventions", &interventions)
      .def_property_readonly("key_lines", [](const ScenarioHandle& handle) { return handle.scenario.key_lines; });

  module.def("parameter_table", &parameter_rows, "Every numeric scenario key with unit, default, bounds and source.");
  module.attr("scenario_format_version") = model::scenario_format_version;
}

}  // namespace ketensim::python
