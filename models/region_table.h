// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace ketensim::model {

/// One youth-care region (jeugdregio) and the organisations' areas it belongs to.
struct Region {
  std::string name;
  std::string code;
  std::string landsdeel;
  std::string vt_region;
  std::string rvdk_area;
  std::string gi_area;
  double youth_population = 0;
  /// VT reports per youth in the region's landsdeel over the table's national rate: 1 unless
  /// every [[landsdeel]] gives its `vt_reports` (docs/regions.md).
  double vt_report_weight = 1.0;
  /// VT staff per youth in the region's VT organisation relative to the others: the
  /// `staff_factor` of its [[vt_region]] (1 when not given).
  double vt_staff_factor = 1.0;
};

/// The regions data table (`scenarios/regions/*.toml`), see docs/regions.md.
struct RegionTable {
  std::string path;
  std::vector<std::string> landsdelen;
  std::vector<std::string> vt_regions;
  std::vector<std::string> rvdk_areas;
  std::vector<std::string> gi_areas;
  std::vector<Region> regions;

  [[nodiscard]] double total_youth_population() const;
  /// Each region's share of the VT reports: youth population times vt_report_weight.
  [[nodiscard]] std::vector<double> vt_report_shares() const;
  /// Each region's share of the VT staff: youth population times vt_staff_factor.
  [[nodiscard]] std::vector<double> vt_staff_shares() const;
  /// Keeps only the regions whose codes are listed (all when empty) and the areas they use.
  /// Throws ScenarioError naming the valid codes when a code is unknown.
  void select(const std::vector<std::string>& codes, const std::string& where);
};

/// Reads and checks a regions table; errors name the file, line, key and the valid names.
RegionTable load_region_table(const std::string& path);

}  // namespace ketensim::model
