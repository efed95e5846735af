// SPDX-License-Identifier: MIT
#include "sweep/point_run_file.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "models/output/hdf5_io.h"
#include "models/output/result_layout.h"
#include "models/output/result_reader.h"

namespace ketensim::sweep {
namespace {

namespace h5 = output::h5;
namespace layout = output::layout;

std::string text(const char* value) { return value ? value : ""; }

PointKpis read_kpis(const h5::File& file) {
  PointKpis point;
  const h5::TableRows<layout::ReplicationRow> replications(file, "replications", layout::replication_row_types());
  for (const auto& row : replications.rows()) point.replications.push_back(row.replication);
  const h5::TableRows<layout::KpiRow> kpis(file, "kpis", layout::kpi_row_types());
  const std::size_t count = point.replications.size();
  const std::vector<double> values = h5::read_doubles(file, "kpis_by_replication", {kpis.rows().size(), count});
  for (std::size_t k = 0; k < kpis.rows().size(); ++k) {
    const layout::KpiRow& row = kpis.rows()[k];
    if (text(row.region) != "national") continue;
    point.kpis.push_back({text(row.name), text(row.stage), text(row.unit),
                          std::vector<double>(values.begin() + k * count, values.begin() + (k + 1) * count)});
  }
  return point;
}

}  // namespace

PointKpis read_national_kpis(const std::string& path) { return read_kpis(output::open_run_file(path)); }

RunFileCheck check_run_file(const SweepSpec& spec, const Point& point, const std::string& path) {
  RunFileCheck check;
  check.exists = std::filesystem::exists(path);
  if (!check.exists) return check;
  try {
    const h5::File file = output::open_run_file(path);
    const std::string engine = h5::read_string_attribute(file, "engine");
    if (engine != spec.engine) {
      check.reason = "ran on engine " + engine + ", the spec asks for " + spec.engine;
      return check;
    }
    std::string expected;
    try {
      expected = point_scenario(spec, point).resolved_text();
    } catch (const std::exception& e) {
      check.reason = std::string("the point's values are invalid (") + e.what() + ")";
      return check;
    }
    if (h5::read_string(file, "scenario") != expected) {
      check.reason = "made from other inputs (its resolved scenario differs from this point's)";
      return check;
    }
    // Reading the KPIs proves the file is complete enough for the summary.
    const PointKpis kpis = read_kpis(file);
    if (kpis.replications.size() != spec.replications) {
      check.reason = "has " + std::to_string(kpis.replications.size()) + " replications, expected " +
                     std::to_string(spec.replications);
      return check;
    }
    check.git_revision = h5::read_string_attribute(file, "git_revision");
    check.finished = true;
  } catch (const std::exception& e) {
    check.reason = std::string("unreadable: ") + e.what();
  }
  return check;
}

}  // namespace ketensim::sweep
