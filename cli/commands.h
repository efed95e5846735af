// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace ketensim::cli {

/// Exit codes of every subcommand (docs/cli.md).
enum ExitCode : int {
  success = 0,
  failure = 1,             // the simulation or the writing of results failed
  input_error = 2,         // bad scenario, bad command line: nothing was written
  calibration_missed = 3,  // `calibration`: at least one target outside its tolerance
  no_tipping_point = 4     // `tipping`: both ends of the range got the same verdict
};

int run_command(const std::vector<std::string>& words);
int calibration_command(const std::vector<std::string>& words);
int compare_command(const std::vector<std::string>& words);
int check_command(const std::vector<std::string>& words);
int keys_command(const std::vector<std::string>& words);
int analyze_command(const std::vector<std::string>& words);
/// `selftest` exits with `failure` when a check fails.
int selftest_command(const std::vector<std::string>& words);
/// `sweep` has exit codes of its own (sweep/sweep_driver.h).
int sweep_command(const std::vector<std::string>& words);
/// `tipping` exits with `no_tipping_point` when the range does not bracket one.
int tipping_command(const std::vector<std::string>& words);

}  // namespace ketensim::cli
