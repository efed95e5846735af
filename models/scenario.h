// SPDX-License-Identifier: MIT
#pragma once
#include <map>
#include <string>
#include <vector>

#include "models/calendar_date.h"
#include "models/input_series.h"
#include "models/intervention.h"
#include "models/parameters.h"
#include "models/region_table.h"

namespace ketensim::model {

struct ParameterSpec;

/// Where the two moving functions sit (docs/scenario-comparison.md): with VT and the RvdK as
/// today, in one team per region (scenario 1), or in one national organisation (scenario 2).
enum class Placement { baseline, regional, national };

/// Scenario text for a placement ("baseline", "regional", "national").
const char* placement_name(Placement placement);

/// A validated scenario: what to simulate, ready for the run. See docs/scenarios.md.
struct Scenario {
  std::string path;  // the file it came from ("<text>" when built from a string)
  std::string name;
  std::string description;
  std::string region_table_path;  // as written in the file (relative to the scenario)
  std::vector<std::string> region_selection;
  Parameters parameters;
  Placement placement = Placement::baseline;
  /// `structure.scale`: the chain at this share of the national scale. The loader multiplies
  /// the default of every key that counts families, children or staff by it (see
  /// `scales_with_the_chain`); keys the file states are taken as stated.
  double scale = 1.0;
  /// Timed changes: the [[intervention]] tables, then the set points of each input series
  /// (marked `from_series`), in file order.
  std::vector<Intervention> interventions;
  /// Calendar date of day 0 (`run.start_date`): results carry dates, series are dated.
  CalendarDate start_date = default_start_date;
  /// The [[series]] tables as written (their set points are in `interventions`).
  std::vector<InputSeries> series;
  RegionTable regions;
  /// Line of each key set in the file, so that rules across keys can point at a line.
  std::map<std::string, int> key_lines;

  /// "FILE:LINE" of the first of `keys` set in the file, or "FILE" when none is.
  [[nodiscard]] std::string where_set(const std::vector<std::string>& keys) const;

  /// The scenario with every default filled in, as TOML (written into each result file).
  [[nodiscard]] std::string resolved_text() const;
};

/// Whether a key counts families, children or staff (units FTE, children, families and
/// their rates per year), so that `structure.scale` applies to its default.
bool scales_with_the_chain(const ParameterSpec& spec);

/// The only scenario format version this build reads.
inline constexpr int scenario_format_version = 1;

/// Reads, checks and resolves a scenario file. Every problem throws ScenarioError naming
/// file, line, key, value and what was expected; nothing is simulated before this returns.
Scenario load_scenario(const std::string& path);

/// Same, from text; `label` stands for the file name in messages and relative paths resolve
/// against `base_directory`.
Scenario load_scenario_text(const std::string& text, const std::string& label, const std::string& base_directory);

/// Changes one numeric key (a command-line or Python override), with the same checks and
/// messages as the loader; `origin` names where the value came from (e.g. "--years").
void set_parameter(Scenario& scenario, const std::string& key, double value, const std::string& origin);

/// Reads one numeric key: the value used, so a derived default (the moved staff's shares,
/// NaN in the parameters until stated) reads as the model resolves it (models/moved_staff.h).
double get_parameter(const Scenario& scenario, const std::string& key);

/// Checks the rules that tie keys together (shares summing to one, cap >= norm...).
void check_cross_field_rules(const Scenario& scenario);

}  // namespace ketensim::model
