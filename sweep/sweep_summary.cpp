// SPDX-License-Identifier: MIT
#include "sweep/sweep_summary.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>

#include "models/output/atomic_write.h"
#include "models/output/file_identity.h"
#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"
#include "sweep/build_info.h"
#include "sweep/point_run_file.h"

namespace ketensim::sweep {
namespace {

namespace fs = std::filesystem;
namespace h5 = output::h5;
using h5::Column;

// Fixed columns of /results, in a row buffer laid out by hand because the factor and KPI
// columns are known only at run time. Every column is 8-byte aligned after the first two.
constexpr std::size_t point_offset = 0;
constexpr std::size_t replication_offset = 4;
constexpr std::size_t seed_offset = 8;
constexpr std::size_t status_offset = 16;
constexpr std::size_t error_offset = 24;
constexpr std::size_t run_file_offset = 32;
constexpr std::size_t first_value_offset = 40;
// Rows per chunk of /results: about 1 MiB of row data.
constexpr std::size_t chunk_bytes = 1 << 20;

struct FactorRow {
  const char* key;
  const char* unit;
  const char* design;
  double min;
  double max;
  std::uint32_t levels;
};

struct KpiColumnRow {
  const char* column;
  const char* name;
  const char* stage;
  const char* unit;
};

struct KpiColumn {
  std::string column;
  std::string name;
  std::string stage;
  std::string unit;
};

// "kpi.<stage>.<name>"; a second national row with the same stage and name in one file
// (which the run format allows) becomes "kpi.<stage>.<name>.2", so no value is dropped.
std::vector<std::string> column_names(const PointKpis& kpis) {
  std::map<std::string, int> seen;
  std::vector<std::string> names;
  for (const NationalKpi& kpi : kpis.kpis) {
    std::string column = "kpi." + kpi.stage + "." + kpi.name;
    const int occurrence = ++seen[column];
    if (occurrence > 1) column += "." + std::to_string(occurrence);
    names.push_back(column);
  }
  return names;
}

void write_factors(const h5::File& file, const SweepSpec& spec) {
  std::vector<FactorRow> rows;
  for (const Factor& factor : spec.factors) {
    const bool grid = factor.design == Factor::Design::grid;
    double min = factor.min;
    double max = factor.max;
    if (grid) {
      min = *std::min_element(factor.values.begin(), factor.values.end());
      max = *std::max_element(factor.values.begin(), factor.values.end());
    }
    rows.push_back({factor.key.c_str(), factor.unit.c_str(), grid ? "grid" : "latin_hypercube", min, max,
                    static_cast<std::uint32_t>(grid ? factor.values.size() : spec.latin_hypercube->points)});
  }
  const h5::RowTypes types = h5::row_types(sizeof(FactorRow), {{"key", offsetof(FactorRow, key), Column::str},
                                                               {"unit", offsetof(FactorRow, unit), Column::str},
                                                               {"design", offsetof(FactorRow, design), Column::str},
                                                               {"min", offsetof(FactorRow, min), Column::f64},
                                                               {"max", offsetof(FactorRow, max), Column::f64},
                                                               {"levels", offsetof(FactorRow, levels), Column::u32}});
  h5::write_table(file, "factors", types, rows.data(), rows.size(), h5::dataset_creation());
}

void write_kpi_columns(const h5::File& file, const std::vector<KpiColumn>& columns) {
  std::vector<KpiColumnRow> rows;
  for (const KpiColumn& c : columns)
    rows.push_back({c.column.c_str(), c.name.c_str(), c.stage.c_str(), c.unit.c_str()});
  const h5::RowTypes types =
      h5::row_types(sizeof(KpiColumnRow), {{"column", offsetof(KpiColumnRow, column), Column::str},
                                           {"name", offsetof(KpiColumnRow, name), Column::str},
                                           {"stage", offsetof(KpiColumnRow, stage), Column::str},
                                           {"unit", offsetof(KpiColumnRow, unit), Column::str}});
  h5::write_table(file, "kpi_columns", types, rows.empty() ? nullptr : rows.data(), rows.size(),
                  h5::dataset_creation());
}

void write_root_attributes(const h5::File& file, const SweepSpec& spec, std::size_t points, std::size_t failed) {
  output::write_file_identity(file, summary_filetype, summary_format_version, software_version(), git_revision());
  h5::write_attribute(file, "name", spec.name);
  h5::write_attribute(file, "description", spec.description);
  h5::write_attribute(file, "spec_path", spec.path);
  h5::write_attribute(file, "scenario_path", spec.scenario_path);
  h5::write_attribute(file, "engine", spec.engine);
  h5::write_attribute(file, "seed", static_cast<std::uint64_t>(spec.seed));
  h5::write_attribute(file, "seed_rule", std::string(spec.common_random_numbers ? "common" : "seed + point"));
  h5::write_attribute(file, "replications", static_cast<std::uint32_t>(spec.replications));
  h5::write_attribute(file, "years", spec.years);
  h5::write_attribute(file, "points", static_cast<std::uint32_t>(points));
  h5::write_attribute(file, "points_failed", static_cast<std::uint32_t>(failed));
}

class SummaryWriter {
 public:
  SummaryWriter(const SweepSpec& spec, const std::vector<Point>& points, std::vector<PointOutcome> outcomes,
                const std::string& directory)
      : spec_(spec), points_(points), outcomes_(std::move(outcomes)), directory_(directory) {}

  SummaryCounts write(const std::string& disk_path, const std::string& shown_name) {
    read_run_files();
    h5::File file = h5::create_file(disk_path, shown_name);
    write_root_attributes(file, spec_, points_.size(), counts_.failed);
    h5::write_string(file, "spec", spec_.text);
    h5::write_string(file, "scenario", spec_.scenario.resolved_text());
    write_factors(file, spec_);
    write_kpi_columns(file, columns_);
    write_results(file);
    write_links(file);
    h5::check_status(H5Fflush(file.id(), H5F_SCOPE_GLOBAL), shown_name, "cannot flush");
    file.close();
    output::seal_file(disk_path, shown_name);
    return counts_;
  }

 private:
  // Reads every finished point's KPIs, and gathers the KPI columns in order of first
  // appearance, walking the points by index so the order never depends on timing.
  void read_run_files() {
    if (outcomes_.size() != points_.size()) {
      throw std::logic_error("write_sweep_summary: " + std::to_string(outcomes_.size()) + " outcomes for " +
                             std::to_string(points_.size()) + " points");
    }
    kpis_.resize(points_.size());
    std::map<std::string, std::size_t> column_of;
    for (std::size_t p = 0; p < points_.size(); ++p) {
      run_files_.push_back(run_file_name(points_[p], points_.size()));
      PointOutcome& outcome = outcomes_[p];
      if (outcome.ok) {
        try {
          kpis_[p] = read_national_kpis((fs::path(directory_) / run_files_[p]).string());
          if (kpis_[p].replications.size() != spec_.replications) {
            throw std::runtime_error(run_files_[p] + ": has " + std::to_string(kpis_[p].replications.size()) +
                                     " replications, expected " + std::to_string(spec_.replications));
          }
        } catch (const std::exception& e) {
          outcome.ok = false;
          outcome.error = e.what();
          kpis_[p] = PointKpis{};
        }
      }
      outcome.ok ? ++counts_.ok : ++counts_.failed;
      const std::vector<std::string> names = column_names(kpis_[p]);
      for (std::size_t k = 0; k < names.size(); ++k) {
        if (column_of.emplace(names[k], columns_.size()).second) {
          const NationalKpi& kpi = kpis_[p].kpis[k];
          columns_.push_back({names[k], kpi.name, kpi.stage, kpi.unit});
        }
      }
      placement_.push_back({});
      for (const std::string& name : names) placement_.back().push_back(column_of.at(name));
    }
  }

  void write_results(const h5::File& file) {
    // Column names must outlive the HDF5 types built from them.
    std::vector<std::string> names = {"point", "replication", "seed", "status", "error", "run_file"};
    std::vector<Column> types = {Column::u32, Column::u32, Column::u64, Column::str, Column::str, Column::str};
    std::vector<std::size_t> offsets = {point_offset,  replication_offset, seed_offset,
                                        status_offset, error_offset,       run_file_offset};
    const std::size_t values = spec_.factors.size() + columns_.size();
    for (const Factor& factor : spec_.factors) names.push_back(factor.key);
    for (const KpiColumn& column : columns_) names.push_back(column.column);
    for (std::size_t v = 0; v < values; ++v) {
      types.push_back(Column::f64);
      offsets.push_back(first_value_offset + 8 * v);
    }
    std::vector<h5::Field> fields;
    for (std::size_t c = 0; c < names.size(); ++c) fields.push_back({names[c].c_str(), offsets[c], types[c]});
    const std::size_t row_size = first_value_offset + 8 * values;
    const h5::RowTypes row_types = h5::row_types(row_size, fields);

    const std::size_t replications = spec_.replications;
    const std::size_t total = points_.size() * replications;
    const std::size_t chunk = std::max<std::size_t>(1, std::min(total, chunk_bytes / row_size));
    const h5::Dataset table =
        h5::write_table(file, "results", row_types, nullptr, total, h5::dataset_creation({chunk}, 4));
    const char* ok = "ok";
    const char* failed = "failed";
    const char* none = "";
    std::vector<unsigned char> block;
    for (std::size_t first = 0; first < total; first += chunk) {
      const std::size_t rows = std::min(chunk, total - first);
      block.assign(rows * row_size, 0);
      for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t row = first + i;
        const std::size_t p = row / replications;
        const std::size_t r = row % replications;
        const Point& point = points_[p];
        const PointOutcome& outcome = outcomes_[p];
        unsigned char* at = block.data() + i * row_size;
        const std::uint32_t replication = outcome.ok ? kpis_[p].replications[r] : static_cast<std::uint32_t>(r);
        const std::uint64_t seed = point.seed;
        std::memcpy(at + point_offset, &point.index, sizeof point.index);
        std::memcpy(at + replication_offset, &replication, sizeof replication);
        std::memcpy(at + seed_offset, &seed, sizeof seed);
        const char* status = outcome.ok ? ok : failed;
        const char* error = outcome.error.c_str();
        const char* run_file = outcome.ok ? run_files_[p].c_str() : none;
        std::memcpy(at + status_offset, &status, sizeof status);
        std::memcpy(at + error_offset, &error, sizeof error);
        std::memcpy(at + run_file_offset, &run_file, sizeof run_file);
        double* value = reinterpret_cast<double*>(at + first_value_offset);
        for (std::size_t f = 0; f < spec_.factors.size(); ++f) value[f] = point.values[f];
        double* kpi_values = value + spec_.factors.size();
        for (std::size_t c = 0; c < columns_.size(); ++c) kpi_values[c] = std::numeric_limits<double>::quiet_NaN();
        if (outcome.ok) {
          for (std::size_t k = 0; k < kpis_[p].kpis.size(); ++k)
            kpi_values[placement_[p][k]] = kpis_[p].kpis[k].values[r];
        }
      }
      h5::write_block(table, row_types.memory.id(), {first}, {rows}, block.data());
    }
  }

  // /run_files/NNNN: external links to the root of each finished point's run file,
  // relative, so the sweep directory can be moved as a whole.
  void write_links(const h5::File& file) {
    const h5::Group group = h5::create_group(file, "run_files");
    for (std::size_t p = 0; p < points_.size(); ++p) {
      if (!outcomes_[p].ok) continue;
      const std::string name = fs::path(run_files_[p]).stem().string();
      h5::check_status(
          H5Lcreate_external(run_files_[p].c_str(), "/", group.id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
          group.where(), "cannot link " + run_files_[p]);
    }
  }

  const SweepSpec& spec_;
  const std::vector<Point>& points_;
  std::vector<PointOutcome> outcomes_;
  std::string directory_;
  std::vector<std::string> run_files_;
  std::vector<PointKpis> kpis_;
  std::vector<KpiColumn> columns_;
  std::vector<std::vector<std::size_t>> placement_;  // per point: KPI k goes to column placement_[p][k]
  SummaryCounts counts_;
};

}  // namespace

SummaryCounts write_sweep_summary(const SweepSpec& spec, const std::vector<Point>& points,
                                  std::vector<PointOutcome> outcomes, const std::string& directory) {
  const std::string path = (fs::path(directory) / summary_file_name).string();
  SummaryCounts counts;
  SummaryWriter writer(spec, points, std::move(outcomes), directory);
  output::write_atomically(path, [&](const std::string& temporary) { counts = writer.write(temporary, path); });
  return counts;
}

}  // namespace ketensim::sweep
