// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace ketensim::cli {

/// The options of `run`, shared by the commands that run scenarios (`calibration`, `compare`).
std::vector<Arguments::Option> run_option_list();

/// Loads a scenario and applies --seed, --replications, --years and --set with the loader's
/// own checks, then the rules across keys.
model::Scenario load_with_overrides(const std::string& path, const Arguments& args, const std::string& command);

/// Throws UsageError (exit 2) when `path` exists and is not a readable `filetype` file, unless
/// --force was given; commands call it before running anything, so nothing is lost.
void refuse_foreign_output(const Arguments& args, const std::string& path, const std::string& filetype);

/// The engine and event-log choices of the command line.
model::RunOptions engine_options(const Arguments& args, const std::string& command);

}  // namespace ketensim::cli
