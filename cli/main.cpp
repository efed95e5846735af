// SPDX-License-Identifier: MIT
// ketensim: waiting lists and caseload in the Dutch youth protection chain.
#include <iostream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "models/scenario_error.h"
#include "models/simulation.h"

namespace {

const char* const usage =
    "usage: ketensim COMMAND [options]\n\n"
    "commands:\n"
    "  run SCENARIO          run a scenario, write an HDF5 result, print KPIs and calibration\n"
    "  calibration SCENARIO  run and compare with the published targets (exit 3 if missed)\n"
    "  compare A B [C ...]   run configurations on common random numbers, paired differences\n"
    "  sweep SPEC -o DIR     run a parameter sweep on local cores (docs/sweeps.md)\n"
    "  tipping SCENARIO      find where waiting lists stop settling (--vary KEY --range LOW:HIGH)\n"
    "  check SCENARIO        validate a scenario without running it\n"
    "  keys                  list every scenario key with unit, default and source\n"
    "  analyze SCENARIO      the analytic flow model: load, utilisation, waits (docs/analytic.md)\n"
    "  selftest              check the engine against queueing theory (exit 1 on a failure)\n\n"
    "Each command takes --help. Exit codes: 0 ok, 1 run failed, 2 bad input, 3 calibration missed,\n"
    "4 no tipping point in the range.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace ketensim::cli;
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h") {
    std::cout << usage;
    return words.empty() ? input_error : success;
  }
  if (words[0] == "--version") {
    std::cout << "ketensim " << ketensim::model::software_version() << " (" << ketensim::model::git_revision() << ")\n";
    return success;
  }
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  try {
    if (words[0] == "run") return run_command(rest);
    if (words[0] == "calibration") return calibration_command(rest);
    if (words[0] == "compare") return compare_command(rest);
    if (words[0] == "check") return check_command(rest);
    if (words[0] == "keys") return keys_command(rest);
    if (words[0] == "analyze") return analyze_command(rest);
    if (words[0] == "selftest") return selftest_command(rest);
    if (words[0] == "sweep") return sweep_command(rest);
    if (words[0] == "tipping") return tipping_command(rest);
    std::cerr << "ketensim: unknown command '" << words[0] << "'; valid commands are run, calibration, compare, sweep, tipping, check, keys, analyze, selftest\n";
    return input_error;
  } catch (const ketensim::model::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return input_error;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return input_error;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return failure;
  }
}
