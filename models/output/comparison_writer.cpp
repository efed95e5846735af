// SPDX-License-Identifier: MIT
#include "models/output/comparison_writer.h"

#include <algorithm>
#include <cstddef>

#include "models/output/atomic_write.h"
#include "models/output/file_identity.h"
#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"

namespace ketensim::output {
namespace {

using h5::Column;

struct ConfigurationRow {
  std::uint32_t index;
  const char* name;
  const char* path;
  const char* placement;
};

struct KpiRow {
  const char* name;
  const char* stage;
  const char* region;
  const char* unit;
};

// One row per (configuration, kpi): the estimate and the paired difference with the first.
struct SummaryRow {
  std::uint32_t configuration;
  std::uint32_t kpi;
  double mean, half_width, low, high;
  std::uint64_t n;
  double difference_mean, difference_half_width, difference_low, difference_high;
  std::uint64_t difference_n;
};

struct SpreadRow {
  std::uint32_t configuration;
  const char* stage;
  const char* metric;
  std::uint64_t units;
  double p10_p90_mean, p10_p90_low, p10_p90_high, max_min_mean, max_min_low, max_min_high;
  std::uint64_t n;
};

struct SettlingRow {
  std::uint32_t configuration;
  const char* stage;
  std::uint32_t settles;
  double slope_mean, margin, floor_per_year, p_value;
};

void write_settling(const h5::File& file, const model::Comparison& c) {
  std::vector<SettlingRow> rows;
  for (std::size_t i = 0; i < c.settling.size(); ++i) {
    for (const auto& flag : c.settling[i]) {
      const auto& v = flag.verdict;
      rows.push_back({static_cast<std::uint32_t>(i), flag.stage.c_str(), v.settles ? 1u : 0u, v.slope_mean, v.margin,
                      v.floor_per_year, v.p_value});
    }
  }
  h5::write_table(file, "settling",
                  h5::row_types(sizeof(SettlingRow),
                                {{"configuration", offsetof(SettlingRow, configuration), Column::u32},
                                 {"stage", offsetof(SettlingRow, stage), Column::str},
                                 {"settles", offsetof(SettlingRow, settles), Column::u32},
                                 {"slope_mean", offsetof(SettlingRow, slope_mean), Column::f64},
                                 {"margin", offsetof(SettlingRow, margin), Column::f64},
                                 {"floor_per_year", offsetof(SettlingRow, floor_per_year), Column::f64},
                                 {"p_value", offsetof(SettlingRow, p_value), Column::f64}}),
                  rows.data(), rows.size(), h5::dataset_creation());
}

void write_tables(const h5::File& file, const model::Comparison& c) {
  std::vector<ConfigurationRow> configurations;
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    configurations.push_back({static_cast<std::uint32_t>(i), c.names[i].c_str(), c.paths[i].c_str(), c.placements[i].c_str()});
  }
  h5::write_table(file, "configurations",
                  h5::row_types(sizeof(ConfigurationRow), {{"index", offsetof(ConfigurationRow, index), Column::u32},
                                                           {"name", offsetof(ConfigurationRow, name), Column::str},
                                                           {"path", offsetof(ConfigurationRow, path), Column::str},
                                                           {"placement", offsetof(ConfigurationRow, placement), Column::str}}),
                  configurations.data(), configurations.size(), h5::dataset_creation());
  h5::write_strings(file, "scenarios", c.scenario_texts);

  std::vector<KpiRow> kpis;
  for (const auto& k : c.kpis) kpis.push_back({k.name.c_str(), k.stage.c_str(), k.region.c_str(), k.unit.c_str()});
  h5::write_table(file, "kpis",
                  h5::row_types(sizeof(KpiRow), {{"name", offsetof(KpiRow, name), Column::str},
                                                 {"stage", offsetof(KpiRow, stage), Column::str},
                                                 {"region", offsetof(KpiRow, region), Column::str},
                                                 {"unit", offsetof(KpiRow, unit), Column::str}}),
                  kpis.data(), kpis.size(), h5::dataset_creation());
  h5::write_doubles(file, "kpi_values", {c.names.size(), c.kpis.size(), c.replications}, c.values);

  std::vector<SummaryRow> summary;
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    for (std::size_t k = 0; k < c.kpis.size(); ++k) {
      const auto& e = c.estimates[c.at(i, k)];
      const auto& d = c.differences[c.at(i, k)];
      summary.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k), e.mean, e.half_width, e.low, e.high,
                         e.n, d.mean, d.half_width, d.low, d.high, d.n});
    }
  }
  h5::write_table(
      file, "summary",
      h5::row_types(sizeof(SummaryRow),
                    {{"configuration", offsetof(SummaryRow, configuration), Column::u32},
                     {"kpi", offsetof(SummaryRow, kpi), Column::u32},
                     {"mean", offsetof(SummaryRow, mean), Column::f64},
                     {"half_width", offsetof(SummaryRow, half_width), Column::f64},
                     {"low", offsetof(SummaryRow, low), Column::f64},
                     {"high", offsetof(SummaryRow, high), Column::f64},
                     {"n", offsetof(SummaryRow, n), Column::u64},
                     {"difference_mean", offsetof(SummaryRow, difference_mean), Column::f64},
                     {"difference_half_width", offsetof(SummaryRow, difference_half_width), Column::f64},
                     {"difference_low", offsetof(SummaryRow, difference_low), Column::f64},
                     {"difference_high", offsetof(SummaryRow, difference_high), Column::f64},
                     {"difference_n", offsetof(SummaryRow, difference_n), Column::u64}}),
      summary.data(), summary.size(), h5::dataset_creation());

  std::vector<SpreadRow> spread;
  for (std::size_t i = 0; i < c.spread.size(); ++i) {
    for (const auto& s : c.spread[i]) {
      spread.push_back({static_cast<std::uint32_t>(i), s.stage.c_str(), s.metric.c_str(), s.units, s.p10_to_p90.mean,
                        s.p10_to_p90.low, s.p10_to_p90.high, s.max_minus_min.mean, s.max_minus_min.low, s.max_minus_min.high,
                        s.p10_to_p90.n});
    }
  }
  h5::write_table(file, "regional_spread",
                  h5::row_types(sizeof(SpreadRow),
                                {{"configuration", offsetof(SpreadRow, configuration), Column::u32},
                                 {"stage", offsetof(SpreadRow, stage), Column::str},
                                 {"metric", offsetof(SpreadRow, metric), Column::str},
                                 {"units", offsetof(SpreadRow, units), Column::u64},
                                 {"p10_p90_mean", offsetof(SpreadRow, p10_p90_mean), Column::f64},
                                 {"p10_p90_low", offsetof(SpreadRow, p10_p90_low), Column::f64},
                                 {"p10_p90_high", offsetof(SpreadRow, p10_p90_high), Column::f64},
                                 {"max_min_mean", offsetof(SpreadRow, max_min_mean), Column::f64},
                                 {"max_min_low", offsetof(SpreadRow, max_min_low), Column::f64},
                                 {"max_min_high", offsetof(SpreadRow, max_min_high), Column::f64},
                                 {"n", offsetof(SpreadRow, n), Column::u64}}),
                  spread.data(), spread.size(), h5::dataset_creation());
}

void write_waiting(const h5::File& file, const model::Comparison& c) {
  const h5::Group group = h5::create_group(file, "timeseries");
  h5::write_doubles(group, "time_days", {c.time_days.size()}, c.time_days);
  h5::write_strings(group, "series_stage", c.series_stage);
  h5::write_strings(group, "series_region", c.series_region);
  const std::vector<hsize_t> shape = {c.names.size(), c.replications, c.series_stage.size(), c.time_days.size()};
  if (c.waiting.empty()) {
    h5::write_doubles(group, "waiting", shape, c.waiting);
    return;
  }
  // Chunks of whole series, compressed: most series are flat or zero.
  const hsize_t samples = std::max<hsize_t>(1, c.time_days.size());
  const hsize_t series = std::clamp<hsize_t>(32768 / samples, 1, std::max<std::size_t>(1, c.series_stage.size()));
  const h5::PropertyList creation = h5::dataset_creation({1, 1, series, samples}, 4);
  const h5::Dataset dataset = h5::create_dataset(group, "waiting", H5T_IEEE_F64LE, h5::simple_space(shape), creation);
  h5::write_block(dataset, H5T_NATIVE_DOUBLE, {0, 0, 0, 0}, shape, c.waiting.data());
  h5::write_attribute(dataset, "unit", std::string("children"));
}

}  // namespace

void write_comparison(const model::Comparison& c, const std::string& path, const std::string& software_version,
                      const std::string& git_revision) {
  write_atomically(path, [&](const std::string& temporary) {
    h5::File file = h5::create_file(temporary, path);
    write_file_identity(file, comparison_filetype, comparison_format_version, software_version, git_revision);
    h5::write_attribute(file, "engine", c.engine);
    h5::write_attribute(file, "seed", c.seed);
    h5::write_attribute(file, "replications", c.replications);
    h5::write_attribute(file, "years", c.years);
    h5::write_attribute(file, "warmup_years", c.warmup_years);
    write_tables(file, c);
    write_settling(file, c);
    write_waiting(file, c);
    file.close();
    seal_file(temporary, path);
  });
}

}  // namespace ketensim::output
