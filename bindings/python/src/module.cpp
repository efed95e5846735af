// SPDX-License-Identifier: MIT
// ketensim._core: the private compiled part of the Python package. C++ exceptions are
// translated here, once: ScenarioError (bad input, the loader's message unchanged) becomes
// ketensim.ScenarioError, a ValueError; other std::exceptions keep pybind11's defaults
// (std::runtime_error -> RuntimeError, std::invalid_argument -> ValueError).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "models/kpi_bounds.h"
#include "models/scenario_error.h"
#include "sim/statistics.h"

namespace py = pybind11;

PYBIND11_MODULE(_core, module) {
  module.doc() = "Private compiled part of the ketensim package; use `import ketensim` instead.";
  py::register_exception<ketensim::model::ScenarioError>(module, "ScenarioError", PyExc_ValueError);

#ifdef KETENSIM_VERSION
  module.attr("__version__") = KETENSIM_VERSION;
#endif
  ketensim::python::bind_scenario(module);
  ketensim::python::bind_run_files(module);

  module.def(
      "student_t_quantile", [](double p, double df) { return ketensim::sim::student_t_quantile(p, df); }, py::arg("p"),
      py::arg("df"), "Quantile of Student's t with `df` degrees of freedom (the C++ statistics of the simulator).");
  module.def(
      "confidence_interval",
      [](double sum, double sum_sq, std::uint64_t count, double level) {
        ketensim::sim::SufficientStats stats;
        stats.sum = sum;
        stats.sum_sq = sum_sq;
        stats.count = count;
        const auto ci = ketensim::sim::confidence_interval(stats, level);
        return py::make_tuple(ci.mean, ci.half_width, ci.low, ci.high, ci.n);
      },
      py::arg("sum"), py::arg("sum_sq"), py::arg("count"), py::arg("level") = 0.95,
      "Student-t interval from sufficient statistics, as the simulator computes it: "
      "(mean, half_width, low, high, n); with n < 2 the half width is inf.");
  module.def(
      "bounded_confidence_interval",
      [](double sum, double sum_sq, std::uint64_t count, double level, const std::string& bounds) {
        ketensim::sim::SufficientStats stats;
        stats.sum = sum;
        stats.sum_sq = sum_sq;
        stats.count = count;
        const auto kind = bounds == "unit_interval"  ? ketensim::sim::Bounds::unit_interval
                          : bounds == "non_negative" ? ketensim::sim::Bounds::non_negative
                                                     : ketensim::sim::Bounds::none;
        const auto ci = ketensim::sim::bounded_confidence_interval(stats, level, kind);
        return py::make_tuple(ci.mean, ci.half_width, ci.low, ci.high, ci.n);
      },
      py::arg("sum"), py::arg("sum_sq"), py::arg("count"), py::arg("level") = 0.95, py::arg("bounds") = "none",
      "Interval that respects a KPI's bounds (\"none\", \"non_negative\", \"unit_interval\"), as the "
      "simulator's tables print it: (mean, half_width, low, high, n); half_width is Student's.");
  module.def(
      "kpi_bounds",
      [](const std::string& name, const std::string& unit) {
        switch (ketensim::model::kpi_bounds(name, unit)) {
          case ketensim::sim::Bounds::unit_interval: return "unit_interval";
          case ketensim::sim::Bounds::non_negative: return "non_negative";
          case ketensim::sim::Bounds::none: break;
        }
        return "none";
      },
      py::arg("name"), py::arg("unit"), "The values a KPI can take (models/kpi_bounds.h).");
}
