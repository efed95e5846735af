// SPDX-License-Identifier: MIT
#include "models/output/result_writer.h"

#include "models/output/atomic_write.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"
#include "models/output/result_layout.h"
#include "models/output/sufficient_statistics.h"
#include "models/output/yearly_table.h"

namespace ketensim::output {
namespace {

using model::ReplicationResult;
using model::RunResult;

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// ---- Validation: everything that would make the file inconsistent, checked up front ----

class Validator {
 public:
  Validator(const RunResult& run, const std::string& path) : run_(run), path_(path) {}

  void run() const {
    check_replication_indices();
    check_metric_names();
    check_staff_metric_names();
    for (const ReplicationResult& replication : run_.replications) {
      check_timeseries(replication);
      check_staff(replication);
      check_kpis(replication);
      check_calibration(replication);
      check_events(replication);
    }
  }

 private:
  [[noreturn]] void refuse(const std::string& message) const {
    throw std::runtime_error(path_ + ": cannot write result: " + message);
  }
  static std::string label(const ReplicationResult& replication) {
    return "replication " + std::to_string(replication.replication);
  }
  const ReplicationResult& first() const { return run_.replications.front(); }

  void check_replication_indices() const {
    std::set<std::uint32_t> seen;
    for (const ReplicationResult& replication : run_.replications) {
      if (!seen.insert(replication.replication).second) refuse(label(replication) + " appears twice");
    }
  }

  void check_metric_names() const {
    if (run_.replications.empty()) return;
    check_dataset_names("metric", first().timeseries.metric_names, "/timeseries",
                        {layout::time_days, layout::series_stage, layout::series_region, layout::metric_names});
  }

  void check_staff_metric_names() const {
    if (run_.replications.empty()) return;
    check_dataset_names("staff metric", first().staff.metric_names, "/staff",
                        {layout::series_organisation, layout::series_area, layout::metric_names});
  }

  /// Each of `names` becomes a dataset in `group`, beside the `reserved` ones.
  void check_dataset_names(const std::string& what, const std::vector<std::string>& names, const std::string& group,
                           const std::set<std::string>& reserved) const {
    std::set<std::string> seen;
    for (const std::string& name : names) {
      if (name.empty() || name == "." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos) {
        refuse(what + " name '" + name + "' cannot name an HDF5 dataset");
      }
      if (reserved.count(name) != 0) refuse(what + " name '" + name + "' is reserved in " + group);
      if (!seen.insert(name).second) refuse(what + " '" + name + "' appears twice");
    }
  }

  void check_timeseries(const ReplicationResult& replication) const {
    const model::TimeSeries& ts = replication.timeseries;
    const model::TimeSeries& reference = first().timeseries;
    if (ts.series_stage.size() != ts.series_region.size()) {
      refuse(label(replication) + ": " + std::to_string(ts.series_stage.size()) + " series stages but " +
             std::to_string(ts.series_region.size()) + " series regions");
    }
    if (ts.metric_units.size() != ts.metric_names.size()) {
      refuse(label(replication) + ": " + std::to_string(ts.metric_names.size()) + " metrics but " +
             std::to_string(ts.metric_units.size()) + " units");
    }
    const std::size_t expected = ts.metric_names.size() * ts.series_stage.size() * ts.time_days.size();
    if (ts.values.size() != expected) {
      refuse(label(replication) + ": " + std::to_string(ts.values.size()) + " time-series values, expected " +
             std::to_string(expected) + " (metrics x series x samples)");
    }
    if (ts.time_days != reference.time_days) refuse(label(replication) + ": time points differ from " + label(first()));
    if (ts.series_stage != reference.series_stage || ts.series_region != reference.series_region) {
      refuse(label(replication) + ": series differ from " + label(first()));
    }
    if (ts.metric_names != reference.metric_names || ts.metric_units != reference.metric_units) {
      refuse(label(replication) + ": metrics or their units differ from " + label(first()));
    }
  }

  // The staff series share the time series' samples, so their shape is checked against
  // this replication's time_days (which check_timeseries holds equal across replications).
  void check_staff(const ReplicationResult& replication) const {
    const model::StaffSeries& staff = replication.staff;
    const model::StaffSeries& reference = first().staff;
    if (staff.series_organisation.size() != staff.series_area.size()) {
      refuse(label(replication) + ": " + std::to_string(staff.series_organisation.size()) +
             " staff series organisations but " + std::to_string(staff.series_area.size()) + " staff series areas");
    }
    if (staff.metric_units.size() != staff.metric_names.size()) {
      refuse(label(replication) + ": " + std::to_string(staff.metric_names.size()) + " staff metrics but " +
             std::to_string(staff.metric_units.size()) + " units");
    }
    const std::size_t expected =
        staff.metric_names.size() * staff.series_organisation.size() * replication.timeseries.time_days.size();
    if (staff.values.size() != expected) {
      refuse(label(replication) + ": " + std::to_string(staff.values.size()) + " staff values, expected " +
             std::to_string(expected) + " (staff metrics x staff series x samples)");
    }
    if (staff.series_organisation != reference.series_organisation || staff.series_area != reference.series_area) {
      refuse(label(replication) + ": staff series differ from " + label(first()));
    }
    if (staff.metric_names != reference.metric_names || staff.metric_units != reference.metric_units) {
      refuse(label(replication) + ": staff metrics or their units differ from " + label(first()));
    }
  }

  void check_kpis(const ReplicationResult& replication) const {
    const std::vector<model::KpiValue>& reference = first().kpis;
    if (replication.kpis.size() != reference.size()) {
      refuse(label(replication) + " has " + std::to_string(replication.kpis.size()) + " KPIs, " + label(first()) +
             " has " + std::to_string(reference.size()));
    }
    for (std::size_t k = 0; k < reference.size(); ++k) {
      const model::KpiValue& a = replication.kpis[k];
      const model::KpiValue& b = reference[k];
      if (a.name != b.name || a.stage != b.stage || a.region != b.region || a.unit != b.unit) {
        refuse(label(replication) + ": KPI " + std::to_string(k) + " is " + a.name + "/" + a.stage + "/" + a.region +
               " [" + a.unit + "], in " + label(first()) + " " + b.name + "/" + b.stage + "/" + b.region + " [" +
               b.unit + "]");
      }
    }
  }

  void check_calibration(const ReplicationResult& replication) const {
    const std::vector<model::CalibrationValue>& reference = first().calibration;
    if (replication.calibration.size() != reference.size()) {
      refuse(label(replication) + " has " + std::to_string(replication.calibration.size()) + " calibration targets, " +
             label(first()) + " has " + std::to_string(reference.size()));
    }
    for (std::size_t c = 0; c < reference.size(); ++c) {
      const model::CalibrationValue& a = replication.calibration[c];
      const model::CalibrationValue& b = reference[c];
      if (a.target != b.target || a.source != b.source || !same_number(a.published, b.published)) {
        refuse(label(replication) + ": calibration target " + std::to_string(c) + " ('" + a.target +
               "') differs from " + label(first()) + " ('" + b.target + "') in name, source or published value");
      }
    }
  }

  void check_events(const ReplicationResult& replication) const {
    if (!run_.has_events) {
      if (!replication.events.empty()) {
        refuse(label(replication) + " has " + std::to_string(replication.events.size()) +
               " logged events but has_events is false");
      }
      return;
    }
    for (std::size_t i = 0; i < replication.events.size(); ++i) {
      const model::FamilyEvent& e = replication.events[i];
      const auto out_of_range = [&](const char* column, std::size_t code, std::size_t names) {
        refuse(label(replication) + ": event " + std::to_string(i) + " has " + column + " code " +
               std::to_string(code) + " but there are " + std::to_string(names) + " " + column + " names");
      };
      if (e.region >= run_.region_names.size()) out_of_range("region", e.region, run_.region_names.size());
      if (e.stage >= run_.stage_names.size()) out_of_range("stage", e.stage, run_.stage_names.size());
      if (e.what >= run_.event_names.size()) out_of_range("event", e.what, run_.event_names.size());
    }
  }

  const RunResult& run_;
  const std::string& path_;
};

// ---- Writing, one part of the layout per function ----

void write_root_attributes(const h5::File& file, const RunResult& run, const std::string& created) {
  h5::write_attribute(file, "filetype", std::string(layout::filetype));
  h5::write_attribute(file, "format_version", layout::format_version());
  h5::write_attribute(file, "software_version", run.software_version);
  h5::write_attribute(file, "git_revision", run.git_revision);
  h5::write_attribute(file, "engine", run.engine);
  h5::write_attribute(file, "scenario_name", run.scenario_name);
  h5::write_attribute(file, "scenario_path", run.scenario_path);
  h5::write_attribute(file, "created", created);
  h5::write_attribute(file, "seed", static_cast<std::uint64_t>(run.seed));
  h5::write_attribute(file, "replications", static_cast<std::uint32_t>(run.replications.size()));
  h5::write_attribute(file, "years", run.years);
  h5::write_attribute(file, "warmup_years", run.warmup_years);
  h5::write_attribute(file, "start_date", run.start_date.text());
}

void write_name_tables(const h5::File& file, const RunResult& run) {
  h5::write_strings(h5::create_group(file, "regions"), "names", run.region_names);
  h5::write_strings(h5::create_group(file, "stages"), "names", run.stage_names);
}

std::vector<hsize_t> timeseries_chunk(const std::vector<hsize_t>& shape) {
  if (std::find(shape.begin(), shape.end(), hsize_t{0}) != shape.end()) return {};  // empty: contiguous
  const hsize_t samples = std::min(shape[2], layout::timeseries_chunk_values);
  const hsize_t series = std::clamp<hsize_t>(layout::timeseries_chunk_values / samples, 1, shape[1]);
  return {1, series, samples};
}

/// One [R, S, T] float64 dataset per metric in `group`, with attribute `unit`, chunked and
/// compressed. `values_of(replication)` is that replication's [metric][series][sample] values.
template <class ValuesOf>
void write_metrics(const h5::Group& group, const RunResult& run, const std::vector<std::string>& names,
                   const std::vector<std::string>& units, hsize_t series, hsize_t samples, ValuesOf values_of) {
  const std::vector<hsize_t> shape{run.replications.size(), series, samples};
  const std::vector<hsize_t> chunk = timeseries_chunk(shape);
  const h5::PropertyList creation = h5::dataset_creation(chunk, layout::gzip_level);
  for (std::size_t m = 0; m < names.size(); ++m) {
    const h5::Dataset dataset = h5::create_dataset(group, names[m], H5T_IEEE_F64LE, h5::simple_space(shape), creation);
    h5::write_attribute(dataset, "unit", units[m]);
    const std::size_t block = static_cast<std::size_t>(series * samples);
    for (std::size_t r = 0; r < run.replications.size(); ++r) {
      // values is [metric][series][sample]: one metric of one replication is contiguous.
      const double* values = values_of(run.replications[r]).data() + m * block;
      h5::write_block(dataset, H5T_NATIVE_DOUBLE, {r, 0, 0}, {1, series, samples}, values);
    }
  }
}

void write_timeseries(const h5::File& file, const RunResult& run) {
  const h5::Group group = h5::create_group(file, "timeseries");
  const model::TimeSeries empty;
  const model::TimeSeries& reference = run.replications.empty() ? empty : run.replications.front().timeseries;
  h5::write_doubles(group, layout::time_days, {reference.time_days.size()}, reference.time_days);
  h5::write_strings(group, layout::series_stage, reference.series_stage);
  h5::write_strings(group, layout::series_region, reference.series_region);
  h5::write_strings(group, layout::metric_names, reference.metric_names);
  write_metrics(group, run, reference.metric_names, reference.metric_units, reference.series_stage.size(),
                reference.time_days.size(),
                [](const ReplicationResult& replication) -> const std::vector<double>& {
                  return replication.timeseries.values;
                });
}

// The staff series (format 1.1), sampled at /timeseries/time_days; written even when empty.
void write_staff(const h5::File& file, const RunResult& run) {
  const h5::Group group = h5::create_group(file, "staff");
  const model::StaffSeries empty;
  const model::StaffSeries& reference = run.replications.empty() ? empty : run.replications.front().staff;
  const std::size_t samples = run.replications.empty() ? 0 : run.replications.front().timeseries.time_days.size();
  h5::write_strings(group, layout::series_organisation, reference.series_organisation);
  h5::write_strings(group, layout::series_area, reference.series_area);
  h5::write_strings(group, layout::metric_names, reference.metric_names);
  write_metrics(group, run, reference.metric_names, reference.metric_units, reference.series_organisation.size(),
                samples, [](const ReplicationResult& replication) -> const std::vector<double>& {
                  return replication.staff.values;
                });
}

void write_replications(const h5::File& file, const RunResult& run) {
  std::vector<layout::ReplicationRow> rows;
  for (const ReplicationResult& replication : run.replications) {
    // Wall-clock time is not written: a file depends only on its inputs.
    rows.push_back({replication.replication, replication.stream_seed, replication.events_delivered});
  }
  h5::write_table(file, "replications", layout::replication_row_types(), rows.data(), rows.size(),
                  h5::dataset_creation());
}

void write_kpis(const h5::File& file, const RunResult& run) {
  const std::size_t replications = run.replications.size();
  const std::vector<model::KpiValue> none;
  const std::vector<model::KpiValue>& keys = replications == 0 ? none : run.replications.front().kpis;
  std::vector<layout::KpiRow> rows;
  std::vector<double> by_replication(keys.size() * replications);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    SufficientStatistics statistics;
    for (std::size_t r = 0; r < replications; ++r) {
      const double value = run.replications[r].kpis[k].value;
      statistics.add(value);
      by_replication[k * replications + r] = value;
    }
    rows.push_back({keys[k].name.c_str(), keys[k].stage.c_str(), keys[k].region.c_str(), keys[k].unit.c_str(),
                    statistics.sum, statistics.sum_sq, statistics.count});
  }
  h5::write_table(file, "kpis", layout::kpi_row_types(), rows.data(), rows.size(), h5::dataset_creation());
  h5::write_doubles(file, "kpis_by_replication", {keys.size(), replications}, by_replication);
}

void write_calibration(const h5::File& file, const RunResult& run) {
  const std::size_t replications = run.replications.size();
  const std::vector<model::CalibrationValue> none;
  const std::vector<model::CalibrationValue>& keys = replications == 0 ? none : run.replications.front().calibration;
  std::vector<layout::CalibrationRow> rows;
  std::vector<double> by_replication(keys.size() * replications);
  for (std::size_t c = 0; c < keys.size(); ++c) {
    SufficientStatistics statistics;
    for (std::size_t r = 0; r < replications; ++r) {
      const double value = run.replications[r].calibration[c].simulated;
      statistics.add(value);
      by_replication[c * replications + r] = value;
    }
    rows.push_back({keys[c].target.c_str(), keys[c].published, keys[c].source.c_str(), statistics.sum,
                    statistics.sum_sq, statistics.count});
  }
  h5::write_table(file, "calibration", layout::calibration_row_types(), rows.data(), rows.size(),
                  h5::dataset_creation());
  h5::write_doubles(file, "calibration_by_replication", {keys.size(), replications}, by_replication);
}

void write_events(const h5::File& file, const RunResult& run) {
  const h5::Group group = h5::create_group(file, "events");
  h5::write_strings(group, "names", run.event_names);
  if (!run.has_events) return;
  std::size_t total = 0;
  for (const ReplicationResult& replication : run.replications) total += replication.events.size();
  const h5::RowTypes types = layout::event_row_types();
  const h5::Dataset log = h5::write_table(group, "log", types, nullptr, total,
                                          h5::dataset_creation({layout::event_chunk_rows}, layout::gzip_level));
  // Converted and written a chunk at a time, so a long log never needs a second full copy.
  std::vector<layout::EventRow> rows;
  std::size_t offset = 0;
  for (const ReplicationResult& replication : run.replications) {
    for (std::size_t begin = 0; begin < replication.events.size(); begin += layout::event_chunk_rows) {
      const std::size_t end = std::min<std::size_t>(replication.events.size(), begin + layout::event_chunk_rows);
      rows.clear();
      for (std::size_t i = begin; i < end; ++i) {
        const model::FamilyEvent& e = replication.events[i];
        rows.push_back(
            {replication.replication, e.time_days, e.family, e.region, e.stage, e.what, e.children, e.detail});
      }
      h5::write_block(log, types.memory.id(), {offset}, {rows.size()}, rows.data());
      offset += rows.size();
    }
  }
}

// The yearly table in the layout CBS publishes (format 1.2), derived from the time series.
void write_yearly(const h5::File& file, const RunResult& run) {
  const std::vector<YearlyRow> yearly = yearly_table(run);
  std::vector<layout::YearlyRow> rows;
  rows.reserve(yearly.size());
  for (const YearlyRow& row : yearly) {
    rows.push_back({row.year, row.stage.c_str(), row.region.c_str(), row.replication, row.stock_1_january,
                    row.stock_30_june, row.stock_31_december, row.inflow, row.outflow});
  }
  h5::write_table(file, "yearly", layout::yearly_row_types(), rows.data(), rows.size(), h5::dataset_creation());
}

// The analytic estimate, when the run has one (format 1.1).
void write_analytic(const h5::File& file, const RunResult& run) {
  if (run.analytic.empty()) return;
  std::vector<layout::AnalyticRow> rows;
  for (const model::KpiValue& row : run.analytic) {
    rows.push_back({row.name.c_str(), row.stage.c_str(), row.region.c_str(), row.unit.c_str(), row.value});
  }
  h5::write_table(file, "analytic", layout::analytic_row_types(), rows.data(), rows.size(), h5::dataset_creation());
}

void write_file(const std::string& disk_path, const std::string& shown_name, const RunResult& run,
                const std::string& created) {
  h5::File file = h5::create_file(disk_path, shown_name);
  write_root_attributes(file, run, created);
  h5::write_string(file, "scenario", run.scenario_text);
  write_name_tables(file, run);
  write_timeseries(file, run);
  write_staff(file, run);
  write_yearly(file, run);
  write_replications(file, run);
  write_kpis(file, run);
  write_calibration(file, run);
  write_events(file, run);
  write_analytic(file, run);
  h5::check_status(H5Fflush(file.id(), H5F_SCOPE_GLOBAL), shown_name, "cannot flush");
  file.close();
  seal_file(disk_path, shown_name);
}

}  // namespace

void write_run_result(const model::RunResult& run, const std::string& path) { write_run_result(run, path, {}); }

void write_run_result(const model::RunResult& run, const std::string& path, const WriteOptions& options) {
  Validator(run, path).run();
  const std::string created = options.created.empty() ? now_utc_iso8601() : options.created;
  write_atomically(
      path, [&](const std::string& temporary) { write_file(temporary, path, run, created); }, options.before_rename);
}

}  // namespace ketensim::output
