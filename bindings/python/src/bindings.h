// SPDX-License-Identifier: MIT
#pragma once
#include <pybind11/pybind11.h>

// The parts of the private module `ketensim._core`; the pure-Python package `ketensim`
// (bindings/python/ketensim/) wraps them in the documented API.
namespace ketensim::python {

/// `Scenario` (load, get, set, check, resolved text) and the defaults table.
void bind_scenario(pybind11::module_& module);

/// Reading and merging run files written by separate `ketensim run` processes.
void bind_run_files(pybind11::module_& module);

}  // namespace ketensim::python
