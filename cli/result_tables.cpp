// SPDX-License-Identifier: MIT
#include "cli/result_tables.h"

#include <cmath>

#include "cli/calibration_rows.h"
#include "models/kpi_bounds.h"
#include "models/waiting_list_trends.h"

namespace ketensim::cli {
namespace {

std::vector<std::string> with_intervals(std::vector<std::string> columns) {
  for (const auto& column : interval_columns()) columns.push_back(column);
  return columns;
}

void append(std::vector<Cell>& row, const std::vector<Cell>& more) { row.insert(row.end(), more.begin(), more.end()); }

}  // namespace

TidyTable kpi_table(const model::RunResult& run) {
  TidyTable table{"kpis", with_intervals({"name", "stage", "region", "unit"}), {}};
  if (run.replications.empty()) return table;
  const auto& first = run.replications.front().kpis;
  for (std::size_t i = 0; i < first.size(); ++i) {
    sim::SufficientStats stats;
    for (const auto& replication : run.replications) stats.add(replication.kpis.at(i).value);
    const auto ci = sim::bounded_confidence_interval(stats, 0.95, model::kpi_bounds(first[i].name, first[i].unit));
    std::vector<Cell> row = {first[i].name, first[i].stage, first[i].region, first[i].unit};
    append(row, interval_cells(ci));
    table.add(std::move(row));
  }
  return table;
}

TidyTable calibration_table(const model::RunResult& run) {
  auto columns = with_intervals({"target", "source", "published"});
  for (const char* column : {"difference_share", "ok", "open"}) columns.push_back(column);
  TidyTable table{"calibration", columns, {}};
  for (const auto& calibration : calibration_rows(run)) {
    std::vector<Cell> row = {calibration.target, calibration.source, calibration.published};
    append(row, interval_cells(calibration.simulated));
    append(row, {calibration.difference_share, calibration.ok, calibration.open});
    table.add(std::move(row));
  }
  return table;
}

TidyTable trend_table(const model::RunResult& run) {
  TidyTable table{"settling",
                  {"stage", "waiting_start_mean", "waiting_end_mean", "slope_mean", "slope_margin", "floor", "settles"},
                  {}};
  if (run.replications.size() < 2) return table;
  for (const auto& trend : model::waiting_list_trends(run)) {
    table.add({trend.stage, trend.waiting_start_mean, trend.waiting_end_mean, trend.slope_mean, trend.margin,
               trend.floor_per_year, trend.settles});
  }
  return table;
}

TidyTable estimate_table(const std::vector<model::KpiValue>& estimates) {
  TidyTable table{"analytic", {"name", "stage", "region", "unit", "value"}, {}};
  for (const auto& estimate : estimates) table.add({estimate.name, estimate.stage, estimate.region, estimate.unit, estimate.value});
  return table;
}

TidyTable comparison_table(const model::Comparison& c) {
  auto columns = with_intervals({"configuration", "name", "stage", "region", "unit"});
  for (const char* column : {"difference", "difference_ci_low", "difference_ci_high", "difference_half_width"}) {
    columns.push_back(column);
  }
  TidyTable table{"kpis", columns, {}};
  const double none = std::nan("");
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    for (std::size_t k = 0; k < c.kpis.size(); ++k) {
      std::vector<Cell> row = {c.names[i], c.kpis[k].name, c.kpis[k].stage, c.kpis[k].region, c.kpis[k].unit};
      append(row, interval_cells(c.estimates[c.at(i, k)]));
      const auto& d = c.differences[c.at(i, k)];
      if (i == 0) {
        append(row, {none, none, none, none});
      } else {
        append(row, {d.mean, d.low, d.high, d.half_width});
      }
      table.add(std::move(row));
    }
  }
  return table;
}

TidyTable spread_table(const model::Comparison& c) {
  TidyTable table{"spread", with_intervals({"configuration", "stage", "metric", "units", "measure"}), {}};
  for (std::size_t i = 0; i < c.spread.size() && i < c.names.size(); ++i) {
    for (const auto& spread : c.spread[i]) {
      for (const bool p10_p90 : {true, false}) {
        std::vector<Cell> row = {c.names[i], spread.stage, spread.metric, static_cast<double>(spread.units),
                                 std::string(p10_p90 ? "p10_to_p90" : "max_minus_min")};
        append(row, interval_cells(p10_p90 ? spread.p10_to_p90 : spread.max_minus_min));
        table.add(std::move(row));
      }
    }
  }
  return table;
}

}  // namespace ketensim::cli
