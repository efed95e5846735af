// SPDX-License-Identifier: MIT
#include "models/output/sensitivity_writer.h"

#include <cstddef>
#include <limits>

#include "models/output/atomic_write.h"
#include "models/output/file_identity.h"
#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"

namespace ketensim::output {
namespace {

using h5::Column;

struct RangeRow {
  std::uint32_t index;
  const char* key;
  const char* label;
  const char* source;
  const char* unit;
  double low, high, first_base, second_base;
};

struct KpiRow {
  std::uint32_t index;
  const char* name;
  const char* stage;
  const char* unit;
  std::uint8_t tornado;
};

// One row per (kpi, setting): the pair's estimates, their paired difference and its order;
// base rows have range -1 and end "base".
struct ResultRow {
  std::uint32_t kpi;
  std::int32_t range;
  const char* end;
  double value;  ///< the key's value at this end (NaN for base rows)
  double first_mean, first_low, first_high;
  double second_mean, second_low, second_high;
  double difference_mean, difference_half_width, difference_low, difference_high;
  std::uint64_t difference_n;
  std::int32_t order;
  std::uint8_t holds;
};

ResultRow row(std::size_t kpi, int range, const char* end, double value, const model::PairedKpi& p, bool holds) {
  return {static_cast<std::uint32_t>(kpi), range, end, value, p.first.mean, p.first.low, p.first.high,
          p.second.mean, p.second.low, p.second.high, p.difference.mean, p.difference.half_width, p.difference.low,
          p.difference.high, p.difference.n, p.order, static_cast<std::uint8_t>(holds ? 1 : 0)};
}

void write_ranges(const h5::File& file, const model::Sensitivity& s) {
  std::vector<RangeRow> rows;
  for (std::size_t r = 0; r < s.plan.ranges.size(); ++r) {
    const auto& range = s.plan.ranges[r];
    rows.push_back({static_cast<std::uint32_t>(r), range.key.c_str(), range.label.c_str(), range.source.c_str(),
                    range.unit.c_str(), range.low, range.high, s.first_base_value[r], s.second_base_value[r]});
  }
  h5::write_table(file, "ranges",
                  h5::row_types(sizeof(RangeRow), {{"index", offsetof(RangeRow, index), Column::u32},
                                                   {"key", offsetof(RangeRow, key), Column::str},
                                                   {"label", offsetof(RangeRow, label), Column::str},
                                                   {"source", offsetof(RangeRow, source), Column::str},
                                                   {"unit", offsetof(RangeRow, unit), Column::str},
                                                   {"low", offsetof(RangeRow, low), Column::f64},
                                                   {"high", offsetof(RangeRow, high), Column::f64},
                                                   {"first_base", offsetof(RangeRow, first_base), Column::f64},
                                                   {"second_base", offsetof(RangeRow, second_base), Column::f64}}),
                  rows.data(), rows.size(), h5::dataset_creation());
}

void write_kpis(const h5::File& file, const model::Sensitivity& s) {
  std::vector<KpiRow> rows;
  for (std::size_t k = 0; k < s.kpis.size(); ++k) {
    bool tornado = false;
    for (const auto& t : s.plan.tornado) tornado = tornado || (t.name == s.kpis[k].name && t.stage == s.kpis[k].stage);
    rows.push_back({static_cast<std::uint32_t>(k), s.kpis[k].name.c_str(), s.kpis[k].stage.c_str(), s.kpis[k].unit.c_str(),
                    static_cast<std::uint8_t>(tornado ? 1 : 0)});
  }
  h5::write_table(file, "kpis",
                  h5::row_types(sizeof(KpiRow), {{"index", offsetof(KpiRow, index), Column::u32},
                                                 {"name", offsetof(KpiRow, name), Column::str},
                                                 {"stage", offsetof(KpiRow, stage), Column::str},
                                                 {"unit", offsetof(KpiRow, unit), Column::str},
                                                 {"tornado", offsetof(KpiRow, tornado), Column::u8}}),
                  rows.data(), rows.size(), h5::dataset_creation());
}

void write_results(const h5::File& file, const model::Sensitivity& s) {
  std::vector<ResultRow> rows;
  for (std::size_t k = 0; k < s.kpis.size(); ++k) {
    rows.push_back(row(k, -1, "base", std::numeric_limits<double>::quiet_NaN(), s.base[k], true));
    for (std::size_t r = 0; r < s.ends.size(); ++r) {
      for (int end = 0; end < 2; ++end) {
        const double value = end == 0 ? s.plan.ranges[r].low : s.plan.ranges[r].high;
        rows.push_back(row(k, static_cast<int>(r), end == 0 ? "low" : "high", value, s.ends[r][end][k], s.holds(r, end, k)));
      }
    }
  }
  h5::write_table(file, "results",
                  h5::row_types(sizeof(ResultRow),
                                {{"kpi", offsetof(ResultRow, kpi), Column::u32},
                                 {"range", offsetof(ResultRow, range), Column::i32},
                                 {"end", offsetof(ResultRow, end), Column::str},
                                 {"value", offsetof(ResultRow, value), Column::f64},
                                 {"first_mean", offsetof(ResultRow, first_mean), Column::f64},
                                 {"first_low", offsetof(ResultRow, first_low), Column::f64},
                                 {"first_high", offsetof(ResultRow, first_high), Column::f64},
                                 {"second_mean", offsetof(ResultRow, second_mean), Column::f64},
                                 {"second_low", offsetof(ResultRow, second_low), Column::f64},
                                 {"second_high", offsetof(ResultRow, second_high), Column::f64},
                                 {"difference_mean", offsetof(ResultRow, difference_mean), Column::f64},
                                 {"difference_half_width", offsetof(ResultRow, difference_half_width), Column::f64},
                                 {"difference_low", offsetof(ResultRow, difference_low), Column::f64},
                                 {"difference_high", offsetof(ResultRow, difference_high), Column::f64},
                                 {"difference_n", offsetof(ResultRow, difference_n), Column::u64},
                                 {"order", offsetof(ResultRow, order), Column::i32},
                                 {"holds", offsetof(ResultRow, holds), Column::u8}}),
                  rows.data(), rows.size(), h5::dataset_creation());
}

}  // namespace

void write_sensitivity(const model::Sensitivity& s, const std::string& path, const std::string& software_version,
                       const std::string& git_revision) {
  write_atomically(path, [&](const std::string& temporary) {
    h5::File file = h5::create_file(temporary, path);
    write_file_identity(file, sensitivity_filetype, sensitivity_format_version, software_version, git_revision);
    h5::write_attribute(file, "engine", s.engine);
    h5::write_attribute(file, "seed", s.seed);
    h5::write_attribute(file, "replications", s.replications);
    h5::write_attribute(file, "years", s.years);
    h5::write_attribute(file, "warmup_years", s.warmup_years);
    h5::write_attribute(file, "first", s.plan.first);
    h5::write_attribute(file, "second", s.plan.second);
    h5::write_attribute(file, "first_path", s.first_path);
    h5::write_attribute(file, "second_path", s.second_path);
    h5::write_attribute(file, "first_placement", s.first_placement);
    h5::write_attribute(file, "second_placement", s.second_placement);
    h5::write_attribute(file, "plan", s.plan.path);
    h5::write_string(file, "plan_text", s.plan.text);
    write_ranges(file, s);
    write_kpis(file, s);
    write_results(file, s);
    file.close();
    seal_file(temporary, path);
  });
}

}  // namespace ketensim::output
