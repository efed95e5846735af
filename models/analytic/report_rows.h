// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/analytic/flow_report.h"
#include "models/run_result.h"

namespace ketensim::model::analytic {

/// The report as rows keyed like the simulated KPIs (name, stage, region, unit, value), so
/// that an estimate and a simulated value with the same key describe the same thing: the
/// `/analytic` table of a result file and `ketensim run --analytic` use them.
///
/// Staff pools are keyed by organisation and area as the KPI `utilisation` is; a national
/// pool (the national GIs, a moved function placed nationally) is `<organisation>:national`,
/// because `national` alone is the sum over the organisation's pools. Stages use the KPI
/// names (`wait_days_mean`, `waiting_children_mean`, `sojourn_days_mean`,
/// `completed_per_year`); care keeps its places under the care stage's name. docs/analytic.md
/// lists every row name and unit.
std::vector<KpiValue> report_rows(const FlowReport& report);

/// The region key of a pool's rows (see report_rows).
std::string pool_key(const PoolEstimate& pool);

}  // namespace ketensim::model::analytic
