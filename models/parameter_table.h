// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "models/parameters.h"

namespace ketensim::model {

/// One numeric scenario key: where it lives in `Parameters`, its unit, default, bounds and
/// where the default comes from (a figure in figures.md, "derived: ...", or "assumption").
struct ParameterSpec {
  std::string key;
  std::string unit;
  double default_value;
  double min;
  double max;
  bool integer;
  std::string source;
  std::string description;
  std::function<double&(Parameters&)> field;
  /// A yes/no key: written `true`/`false` in TOML, held as 1/0.
  bool boolean = false;
};

/// The defaults table: every numeric key a scenario may set, in documentation order.
const std::vector<ParameterSpec>& parameter_table();

/// Looks a key up; nullptr when unknown.
const ParameterSpec* find_parameter(const std::string& key);

/// Parameters with every default filled in.
Parameters default_parameters();

/// A Markdown table of every key (for docs/scenario-keys.md and `ketensim keys`).
std::string parameter_table_markdown();

}  // namespace ketensim::model
