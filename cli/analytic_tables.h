// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>

#include "models/analytic/flow_report.h"
#include "models/run_result.h"

namespace ketensim::cli {

/// `ketensim analyze`: national flows, every staff pool, care (national, or every region
/// with `by_region`) and the stages.
void print_flow_report(std::ostream& out, const model::analytic::FlowReport& report, bool by_region);

/// `ketensim analyze`: what the feedback loops L4 and L5 add at the fixed point (one line
/// each), or that they are off.
void print_loops(std::ostream& out, const model::analytic::LoopSummary& loops);

/// `ketensim analyze --max-inflow`: per pool and care type the factor on every external
/// inflow at which its load reaches capacity, smallest first.
void print_max_inflow(std::ostream& out, const model::analytic::FlowReport& report);

/// `ketensim run --analytic`: the analytic estimate beside the simulated mean and its 95%
/// interval, national, for utilisation, waits and throughput.
void print_analytic_comparison(std::ostream& out, const model::RunResult& run);

}  // namespace ketensim::cli
