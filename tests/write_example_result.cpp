// SPDX-License-Identifier: MIT
// Writes the synthetic result of tests/support/example_run_result.h, so tests in other
// languages (tests/python/test_output_format.py) can check the file layout.
//
//   ketensim_write_example_result OUT.h5 [--no-events] [--no-analytic] [--created ISO8601]
#include <cstring>
#include <exception>
#include <iostream>

#include "models/output/result_writer.h"
#include "tests/support/example_run_result.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " OUT.h5 [--no-events] [--no-analytic] [--created ISO8601]\n";
    return 2;
  }
  bool with_events = true;
  bool with_analytic = true;
  ketensim::output::WriteOptions options;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-events") == 0) {
      with_events = false;
    } else if (std::strcmp(argv[i], "--no-analytic") == 0) {
      with_analytic = false;
    } else if (std::strcmp(argv[i], "--created") == 0 && i + 1 < argc) {
      options.created = argv[++i];
    } else {
      std::cerr << argv[0] << ": unknown argument '" << argv[i] << "'; valid: --no-events, --no-analytic, --created ISO8601\n";
      return 2;
    }
  }
  try {
    auto run = ketensim::testing::example_run_result(with_events);
    if (!with_analytic) run.analytic.clear();
    ketensim::output::write_run_result(run, argv[1], options);
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
