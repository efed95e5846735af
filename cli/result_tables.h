// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "cli/tidy_table.h"
#include "models/comparison.h"
#include "models/run_result.h"

namespace ketensim::cli {

/// The tidy tables of `--format csv|json` (docs/cli.md, "Machine-readable output"). Each
/// interval is the one the printed table shows.

/// "kpis": every KPI of a run, every stage and region: name, stage, region, unit, then the
/// mean over replications with its bounded 95% interval (interval_columns()).
TidyTable kpi_table(const model::RunResult& run);

/// "calibration": target, source, published, the simulated mean with its 95% interval,
/// difference_share ((mean - published) / published), ok, open.
TidyTable calibration_table(const model::RunResult& run);

/// "settling": the trend of each national waiting list after the warm-up (needs two
/// replications; empty otherwise): stage, waiting_start_mean and waiting_end_mean
/// (children), slope_mean, slope_margin and floor (children/year), settles.
TidyTable trend_table(const model::RunResult& run);

/// "analytic": estimates keyed like the KPIs: name, stage, region, unit, value.
TidyTable estimate_table(const std::vector<model::KpiValue>& estimates);

/// "kpis" of a comparison: one row per configuration and KPI (every stage and region):
/// configuration, name, stage, region, unit, the estimate's interval columns, then the
/// paired difference with the first configuration as difference, difference_ci_low,
/// difference_ci_high, difference_half_width (empty for the first configuration).
TidyTable comparison_table(const model::Comparison& comparison);

/// "spread": the spread of waits across regions per configuration: configuration, stage,
/// metric, units, measure (p10_to_p90 or max_minus_min), and the interval columns.
TidyTable spread_table(const model::Comparison& comparison);

}  // namespace ketensim::cli
