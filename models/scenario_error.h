// SPDX-License-Identifier: MIT
#pragma once
#include <stdexcept>
#include <string>

namespace ketensim::model {

/// Bad input: the message names the file, the line, the key, the value and what was expected,
/// as in `scenarios/base.toml:42: gi.caseload_norm_children = -3: must be >= 1`.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ketensim::model
