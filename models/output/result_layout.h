// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>

#include "models/output/hdf5_io.h"

// The on-disk layout of a run-result file, shared by writer and reader.
// docs/output-format.md describes it; change both together and bump the version (minor for
// additions a 1.x reader can ignore, major for anything else).
namespace ketensim::output::layout {

inline constexpr const char* filetype = "ketensim.run";
/// The format version, defined here only: 1.0 the first layout; 1.1 added /analytic and
/// /staff; 1.2 the root attribute start_date and /yearly; 2.0 seals the file (a checksum in its user block, models/output/file_seal.h),
/// puts a Fletcher32 checksum on every dataset and stores /scenario with shape [1]; 2.1 the
/// root attribute start_date and /yearly in sealed files.
inline constexpr unsigned format_major = 2;
inline constexpr unsigned format_minor = 1;
/// "MAJOR.MINOR", the value of the root attribute `format_version`.
std::string format_version();

/// Datasets in /timeseries that are not metrics; no metric may take these names.
inline constexpr const char* time_days = "time_days";
inline constexpr const char* series_stage = "series_stage";
inline constexpr const char* series_region = "series_region";
inline constexpr const char* metric_names = "metric_names";

/// Datasets in /staff that are not metrics (besides metric_names); no staff metric may take
/// these names. Its samples are /timeseries/time_days.
inline constexpr const char* series_organisation = "series_organisation";
inline constexpr const char* series_area = "series_area";

/// Rows per chunk of the event log, and per chunk along time in a time series.
inline constexpr hsize_t event_chunk_rows = 65536;
/// Target number of values in one chunk of a time-series or staff dataset (256 KiB of float64).
inline constexpr hsize_t timeseries_chunk_values = 32768;
inline constexpr unsigned gzip_level = 4;

/// One row of /replications.
struct ReplicationRow {
  std::uint32_t replication;
  std::uint64_t stream_seed;
  std::uint64_t events_delivered;
};

/// One row of /kpis. Strings point into the result being written, or into memory HDF5
/// allocated while reading (see h5::TableRows).
struct KpiRow {
  const char* name;
  const char* stage;
  const char* region;
  const char* unit;
  double sum;
  double sum_sq;
  std::uint64_t count;
};

/// One row of /calibration.
struct CalibrationRow {
  const char* target;
  double published;
  const char* source;
  double simulated_sum;
  double simulated_sum_sq;
  std::uint64_t count;
};

/// One row of /analytic: an estimate of the analytic flow model, keyed like a KPI.
struct AnalyticRow {
  const char* name;
  const char* stage;
  const char* region;
  const char* unit;
  double value;
};

/// One row of /events/log.
struct EventRow {
  std::uint32_t replication;
  double time_days;
  std::uint64_t family;
  std::uint16_t region;
  std::uint8_t stage;
  std::uint8_t event;
  std::uint8_t children;
  std::int32_t detail;
};

/// One row of /yearly (models/output/yearly_table.h).
struct YearlyRow {
  std::int32_t year;
  const char* stage;
  const char* region;
  std::uint32_t replication;
  double stock_1_january;
  double stock_30_june;
  double stock_31_december;
  double inflow;
  double outflow;
};

h5::RowTypes replication_row_types();
h5::RowTypes yearly_row_types();
h5::RowTypes kpi_row_types();
h5::RowTypes calibration_row_types();
h5::RowTypes event_row_types();
h5::RowTypes analytic_row_types();

}  // namespace ketensim::output::layout
