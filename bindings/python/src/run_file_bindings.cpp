// SPDX-License-Identifier: MIT
// Merging run files: `ketensim.run` runs the replications of one scenario in several
// `ketensim run --first-replication K` processes and joins their files into one, written by
// the simulator's own writer, so the result is the file a single `ketensim run` would write.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <stdexcept>

#include "bindings.h"
#include "models/output/result_reader.h"
#include "models/output/result_writer.h"

namespace py = pybind11;

namespace ketensim::python {
namespace {

void merge_run_files(const std::vector<std::string>& parts, const std::string& output, const std::string& scenario_path,
                     const std::string& scenario_text) {
  if (parts.empty()) throw std::invalid_argument("merge_run_files: no run files to merge");
  model::RunResult merged = output::read_run_result(parts.front());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    model::RunResult part = output::read_run_result(parts[i]);
    if (part.seed != merged.seed || part.engine != merged.engine || part.years != merged.years ||
        part.warmup_years != merged.warmup_years || part.has_events != merged.has_events) {
      throw std::runtime_error(parts[i] + ": seed, engine, years, warm-up or event log differ from " + parts.front() +
                               "; only parts of one run can be merged");
    }
    for (auto& replication : part.replications) merged.replications.push_back(std::move(replication));
  }
  std::stable_sort(merged.replications.begin(), merged.replications.end(),
                   [](const auto& a, const auto& b) { return a.replication < b.replication; });
  merged.scenario_path = scenario_path;
  merged.scenario_text = scenario_text;
  output::write_run_result(merged, output);
}

}  // namespace

void bind_run_files(py::module_& module) {
  module.def("merge_run_files", &merge_run_files, py::arg("parts"), py::arg("output"), py::arg("scenario_path"),
             py::arg("scenario_text"),
             "Joins run files of the same scenario (disjoint replications) into `output`, with the "
             "given scenario path and resolved text; written atomically by the simulator's writer.");
}

}  // namespace ketensim::python
