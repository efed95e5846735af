// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace ketensim::model {

/// One assumption of a sensitivity run: a scenario key and the range it is tried over. The
/// base value is the scenarios' own, never written here.
struct SensitivityRange {
  std::string key;
  /// Plain words for tables and plots ("intake hours the team model saves per child").
  std::string label;
  /// Where the range comes from, or the word "assumption".
  std::string source;
  /// The key's unit, from the defaults table.
  std::string unit;
  double low = 0;
  double high = 0;
};

/// A headline KPI the tornado plot draws.
struct TornadoKpi {
  std::string name;
  std::string stage;
};

/// A sensitivity plan (`compare --sensitivity FILE`, docs/scenario-comparison.md): which two
/// configurations are ordered, which keys are varied over which ranges, and which KPIs the
/// tornado plot draws. Experiments live in scenarios/, so the ranges live in such a file.
struct SensitivityPlan {
  std::string path;
  std::string text;
  /// Configuration names (a scenario's `name`, or its file stem) of the two whose order is
  /// judged: differences are second - first.
  std::string first;
  std::string second;
  std::vector<SensitivityRange> ranges;
  std::vector<TornadoKpi> tornado;
};

inline constexpr int sensitivity_format_version = 1;

/// Reads and checks a plan: every key in the defaults table, low <= high within the key's
/// bounds, a label and a source for each range. A ScenarioError names file, line and key.
SensitivityPlan load_sensitivity_plan(const std::string& path);

}  // namespace ketensim::model
