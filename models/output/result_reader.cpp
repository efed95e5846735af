// SPDX-License-Identifier: MIT
#include "models/output/result_reader.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "models/output/hdf5_io.h"
#include "models/output/result_layout.h"

namespace ketensim::output {
namespace {

using model::ReplicationResult;
using model::RunResult;

std::string text(const char* value) { return value ? value : ""; }

[[noreturn]] void inconsistent(const std::string& path, const std::string& message) {
  throw std::runtime_error(path + ": inconsistent result file: " + message);
}

void read_root_attributes(const h5::File& file, const std::string& path, RunResult& run) {
  run.software_version = h5::read_string_attribute(file, "software_version");
  run.git_revision = h5::read_string_attribute(file, "git_revision");
  run.engine = h5::read_string_attribute(file, "engine");
  run.scenario_name = h5::read_string_attribute(file, "scenario_name");
  run.scenario_path = h5::read_string_attribute(file, "scenario_path");
  run.seed = h5::read_uint_attribute(file, "seed");
  run.years = h5::read_double_attribute(file, "years");
  run.warmup_years = h5::read_double_attribute(file, "warmup_years");
  // Files before 1.2 have no start date: their day 0 is the default's.
  if (h5::has_attribute(file, "start_date")) {
    const std::string date = h5::read_string_attribute(file, "start_date");
    model::CalendarDate parsed;
    char rest = 0;
    if (std::sscanf(date.c_str(), "%d-%d-%d%c", &parsed.year, &parsed.month, &parsed.day, &rest) != 3) {
      throw std::runtime_error(path + ": start_date is '" + date + "', expected YYYY-MM-DD");
    }
    run.start_date = parsed;
  }
}

void read_replications(const h5::File& file, const std::string& path, RunResult& run) {
  const h5::TableRows<layout::ReplicationRow> table(file, "replications", layout::replication_row_types());
  const std::uint64_t declared = h5::read_uint_attribute(file, "replications");
  if (declared != table.rows().size()) {
    inconsistent(path, "attribute replications = " + std::to_string(declared) + " but /replications has " +
                           std::to_string(table.rows().size()) + " rows");
  }
  for (const layout::ReplicationRow& row : table.rows()) {
    ReplicationResult replication;
    replication.replication = row.replication;
    replication.stream_seed = row.stream_seed;
    replication.events_delivered = row.events_delivered;
    run.replications.push_back(std::move(replication));
  }
}

/// Reads the [R, S, T] dataset of each of `names` in `group` into the `values` (and its
/// `unit` into the `metric_units`) of `series_of(replication)`, laid out [metric][series][sample].
template <class SeriesOf>
void read_metrics(const h5::Group& group, hsize_t replications, hsize_t series, hsize_t samples,
                  const std::vector<std::string>& names, RunResult& run, SeriesOf series_of) {
  const std::size_t block = static_cast<std::size_t>(series * samples);
  for (ReplicationResult& replication : run.replications) series_of(replication).values.resize(names.size() * block);
  for (std::size_t m = 0; m < names.size(); ++m) {
    const std::vector<double> values = h5::read_doubles(group, names[m], {replications, series, samples});
    const std::string unit = h5::read_string_attribute(h5::open_dataset(group, names[m]), "unit");
    for (std::size_t r = 0; r < run.replications.size(); ++r) {
      auto& target = series_of(run.replications[r]);
      target.metric_units.push_back(unit);
      std::copy(values.begin() + r * block, values.begin() + (r + 1) * block, target.values.begin() + m * block);
    }
  }
}

void read_timeseries(const h5::File& file, const std::string& path, RunResult& run) {
  const h5::Group group = h5::open_group(file, "timeseries");
  const hsize_t replications = run.replications.size();
  model::TimeSeries shared;
  const std::vector<hsize_t> time_shape = h5::shape_of(h5::open_dataset(group, layout::time_days));
  if (time_shape.size() != 1) inconsistent(path, "/timeseries/time_days is not 1-D");
  shared.time_days = h5::read_doubles(group, layout::time_days, time_shape);
  shared.series_stage = h5::read_strings(group, layout::series_stage);
  shared.series_region = h5::read_strings(group, layout::series_region);
  shared.metric_names = h5::read_strings(group, layout::metric_names);
  if (shared.series_stage.size() != shared.series_region.size()) {
    inconsistent(path, "/timeseries has " + std::to_string(shared.series_stage.size()) + " series stages and " +
                           std::to_string(shared.series_region.size()) + " series regions");
  }
  const hsize_t series = shared.series_stage.size();
  const hsize_t samples = shared.time_days.size();
  for (ReplicationResult& replication : run.replications) replication.timeseries = shared;
  read_metrics(group, replications, series, samples, shared.metric_names, run,
               [](ReplicationResult& replication) -> model::TimeSeries& { return replication.timeseries; });
}

// Files of format 1.0 have no /staff: their replications keep empty staff series.
void read_staff(const h5::File& file, const std::string& path, RunResult& run) {
  if (!h5::has_link(file, "staff")) return;
  const h5::Group group = h5::open_group(file, "staff");
  model::StaffSeries shared;
  shared.series_organisation = h5::read_strings(group, layout::series_organisation);
  shared.series_area = h5::read_strings(group, layout::series_area);
  shared.metric_names = h5::read_strings(group, layout::metric_names);
  if (shared.series_organisation.size() != shared.series_area.size()) {
    inconsistent(path, "/staff has " + std::to_string(shared.series_organisation.size()) +
                           " series organisations and " + std::to_string(shared.series_area.size()) +
                           " series areas");
  }
  const hsize_t samples = run.replications.empty() ? 0 : run.replications.front().timeseries.time_days.size();
  for (ReplicationResult& replication : run.replications) replication.staff = shared;
  read_metrics(group, run.replications.size(), shared.series_organisation.size(), samples, shared.metric_names, run,
               [](ReplicationResult& replication) -> model::StaffSeries& { return replication.staff; });
}

void read_kpis(const h5::File& file, RunResult& run) {
  const h5::TableRows<layout::KpiRow> table(file, "kpis", layout::kpi_row_types());
  const std::size_t replications = run.replications.size();
  const std::vector<double> values = h5::read_doubles(file, "kpis_by_replication", {table.rows().size(), replications});
  for (std::size_t k = 0; k < table.rows().size(); ++k) {
    const layout::KpiRow& row = table.rows()[k];
    for (std::size_t r = 0; r < replications; ++r) {
      run.replications[r].kpis.push_back(
          {text(row.name), text(row.stage), text(row.region), text(row.unit), values[k * replications + r]});
    }
  }
}

void read_calibration(const h5::File& file, RunResult& run) {
  const h5::TableRows<layout::CalibrationRow> table(file, "calibration", layout::calibration_row_types());
  const std::size_t replications = run.replications.size();
  const std::vector<double> values =
      h5::read_doubles(file, "calibration_by_replication", {table.rows().size(), replications});
  for (std::size_t c = 0; c < table.rows().size(); ++c) {
    const layout::CalibrationRow& row = table.rows()[c];
    for (std::size_t r = 0; r < replications; ++r) {
      run.replications[r].calibration.push_back(
          {text(row.target), row.published, values[c * replications + r], text(row.source)});
    }
  }
}

void read_events(const h5::File& file, const std::string& path, RunResult& run) {
  const h5::Group group = h5::open_group(file, "events");
  run.event_names = h5::read_strings(group, "names");
  run.has_events = h5::has_link(group, "log");
  if (!run.has_events) return;
  std::map<std::uint32_t, ReplicationResult*> by_index;
  for (ReplicationResult& replication : run.replications) by_index[replication.replication] = &replication;
  const h5::TableRows<layout::EventRow> table(group, "log", layout::event_row_types());
  for (const layout::EventRow& row : table.rows()) {
    const auto found = by_index.find(row.replication);
    if (found == by_index.end()) {
      inconsistent(path, "/events/log has a row of replication " + std::to_string(row.replication) +
                             ", which /replications does not list");
    }
    found->second->events.push_back(
        {row.time_days, row.family, row.region, row.stage, row.event, row.children, row.detail});
  }
}

// Files of format 1.0, and runs without --analytic, have no /analytic.
void read_analytic(const h5::File& file, RunResult& run) {
  if (!h5::has_link(file, "analytic")) return;
  const h5::TableRows<layout::AnalyticRow> table(file, "analytic", layout::analytic_row_types());
  for (const layout::AnalyticRow& row : table.rows()) {
    run.analytic.push_back({text(row.name), text(row.stage), text(row.region), text(row.unit), row.value});
  }
}

}  // namespace

h5::File open_run_file(const std::string& path) {
  h5::File file = h5::open_file(path);
  if (!h5::has_attribute(file, "filetype")) {
    throw std::runtime_error(path + ": not a ketensim result file (no 'filetype' attribute)");
  }
  const std::string filetype = h5::read_string_attribute(file, "filetype");
  if (filetype != layout::filetype) {
    throw std::runtime_error(path + ": filetype is '" + filetype + "', expected '" + layout::filetype + "'");
  }
  const std::string version =
      h5::has_attribute(file, "format_version") ? h5::read_string_attribute(file, "format_version") : "";
  unsigned major = 0;
  unsigned minor = 0;
  char rest = 0;
  if (std::sscanf(version.c_str(), "%u.%u%c", &major, &minor, &rest) != 2) {
    throw std::runtime_error(path + ": format_version is '" + version + "', expected MAJOR.MINOR");
  }
  if (major != layout::format_major) {
    throw std::runtime_error(path + ": format_version is " + version + ", this reader understands " +
                             std::to_string(layout::format_major) + ".x");
  }
  return file;
}

RunResult read_run_result(const std::string& path) {
  const h5::File file = open_run_file(path);
  RunResult run;
  read_root_attributes(file, path, run);
  run.scenario_text = h5::read_string(file, "scenario");
  run.region_names = h5::read_strings(h5::open_group(file, "regions"), "names");
  run.stage_names = h5::read_strings(h5::open_group(file, "stages"), "names");
  read_replications(file, path, run);
  read_timeseries(file, path, run);
  read_staff(file, path, run);
  read_kpis(file, run);
  read_calibration(file, run);
  read_events(file, path, run);
  read_analytic(file, run);
  return run;
}

std::vector<YearlyRow> read_yearly_table(const std::string& path) {
  const h5::File file = open_run_file(path);
  std::vector<YearlyRow> rows;
  if (!h5::has_link(file, "yearly")) return rows;
  const h5::TableRows<layout::YearlyRow> table(file, "yearly", layout::yearly_row_types());
  for (const layout::YearlyRow& row : table.rows()) {
    rows.push_back({row.year, text(row.stage), text(row.region), row.replication, row.stock_1_january, row.stock_30_june,
                    row.stock_31_december, row.inflow, row.outflow});
  }
  return rows;
}

std::vector<KpiStatistics> read_kpi_statistics(const std::string& path) {
  const h5::File file = open_run_file(path);
  const h5::TableRows<layout::KpiRow> table(file, "kpis", layout::kpi_row_types());
  std::vector<KpiStatistics> statistics;
  for (const layout::KpiRow& row : table.rows()) {
    statistics.push_back(
        {text(row.name), text(row.stage), text(row.region), text(row.unit), {row.sum, row.sum_sq, row.count}});
  }
  return statistics;
}

std::vector<CalibrationStatistics> read_calibration_statistics(const std::string& path) {
  const h5::File file = open_run_file(path);
  const h5::TableRows<layout::CalibrationRow> table(file, "calibration", layout::calibration_row_types());
  std::vector<CalibrationStatistics> statistics;
  for (const layout::CalibrationRow& row : table.rows()) {
    statistics.push_back(
        {text(row.target), row.published, text(row.source), {row.simulated_sum, row.simulated_sum_sq, row.count}});
  }
  return statistics;
}

}  // namespace ketensim::output
