// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "models/comparison.h"
#include "models/scenario.h"
#include "models/sensitivity.h"

namespace ketensim::cli {

/// `compare --sensitivity PLAN`: what is known before the base comparison runs.
struct SensitivityRequest {
  model::SensitivityPlan plan;
  std::size_t first = 0, second = 0;  ///< indices of the pair among the configurations
  std::string file;                   ///< PREFIX-sensitivity.h5
  std::string plot;                   ///< PREFIX-tornado.png
};

/// Loads and checks the plan against the configurations before anything runs: the pair's
/// names, the ranges holding their values, the tornado KPIs, and outputs that may be written.
SensitivityRequest prepare_sensitivity(const std::string& plan_path, const std::vector<std::string>& names,
                                       const std::vector<model::Scenario>& scenarios,
                                       const std::vector<model::HeadlineKpi>& headline, const std::string& prefix,
                                       const Arguments& args);

/// Runs the plan after the base comparison, prints the order table, writes the file and
/// (unless `plots` is false) the tornado plot; prints their paths.
void report_sensitivity(std::ostream& out, const SensitivityRequest& request, const std::vector<model::Scenario>& scenarios,
                        const std::vector<model::ConfigurationRun>& runs, const std::vector<model::HeadlineKpi>& headline,
                        const model::RunOptions& options, bool plots, bool quiet);

/// The order table of a sensitivity (exposed for its layout).
void print_sensitivity(std::ostream& out, const model::Sensitivity& s);

}  // namespace ketensim::cli
