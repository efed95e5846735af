// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "models/run_result.h"

namespace ketensim::cli {

/// Prints the national KPI summary: each KPI's mean over replications with its 95% interval,
/// the headline KPIs (cli/headline_kpis.h) with their labels, or with `all` every national KPI.
void print_kpi_summary(std::ostream& out, const model::RunResult& run, bool all);

/// Prints each calibration target beside the simulated value; returns the number of targets
/// outside the tolerance.
int print_calibration(std::ostream& out, const model::RunResult& run);

/// Prints the trend of every national waiting list after the warm-up (the settling test of
/// models/waiting_list_trends.h); returns the number of lists that do not settle. Prints a
/// note and returns 0 with fewer than two replications.
int print_waiting_list_trends(std::ostream& out, const model::RunResult& run);

/// Prints, per configuration, whether each national waiting list settles (models/settling.h):
/// "settles", or "does not settle: +N children a year" (its mean is then no steady value).
void print_settling(std::ostream& out, const std::vector<std::string>& names, const std::vector<const model::RunResult*>& runs);

}  // namespace ketensim::cli
