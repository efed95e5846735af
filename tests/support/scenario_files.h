// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "models/scenario.h"

namespace ketensim::testing {

/// Path of a file under the repository's scenarios/ folder.
inline std::string scenario_path(const std::string& relative) {
  return std::string(KETENSIM_SOURCE_DIR) + "/scenarios/" + relative;
}

/// Loads a scenario from scenarios/ (tests use the same files as users and docs).
inline model::Scenario load_example(const std::string& relative) {
  return model::load_scenario(scenario_path(relative));
}

}  // namespace ketensim::testing
