// SPDX-License-Identifier: MIT
#include "sweep/point_run_file.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "models/output/hdf5_io.h"
#include "models/output/result_layout.h"

namespace ketensim::sweep {
namespace {

namespace h5 = output::h5;
namespace layout = output::layout;

std::string text(const char* value) { return value ? value : ""; }

// The same checks as the run-file reader: right kind of file, a major version we know.
h5::File open_run_file(const std::string& path) {
  h5::File file = h5::open_file(path);
  if (!h5::has_attribute(file, "filetype")) {
    throw std::runtime_error(path + ": not a ketensim result file (no 'filetype' attribute)");
  }
  const std::string filetype = h5::read_string_attribute(file, "filetype");
  if (filetype != layout::filetype) {
    throw std::runtime_error(path + ": filetype is '" + filetype + "', expected '" + layout::filetype + "'");
  }
  const std::string version = h5::read_string_attribute(file, "format_version");
  unsigned major = 0;
  unsigned minor = 0;
  char rest = 0;
  if (std::sscanf(version.c_str(), "%u.%u%c", &major, &minor, &rest) != 2 || major != layout::format_major) {
    throw std::runtime_error(path + ": format_version is '" + version + "', this reader understands " +
                             std::to_string(layout::format_major) + ".x");
  }
  return file;
}

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

PointKpis read_national_kpis(const std::string& path) { return read_kpis(open_run_file(path)); }

RunFileCheck check_run_file(const SweepSpec& spec, const Point& point, const std::string& path) {
  RunFileCheck check;
  check.exists = std::filesystem::exists(path);
  if (!check.exists) return check;
  try {
    const h5::File file = open_run_file(path);
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
