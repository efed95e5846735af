// SPDX-License-Identifier: MIT
// `ketensim selftest`: the engine against queueing theory (docs/validation.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "models/selftest/selftest.h"

namespace ketensim::cli {
namespace {

std::string fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

}  // namespace

int selftest_command(const std::vector<std::string>& words) {
  Arguments args("selftest", {
                                 {"--seed", "", true, "root seed of the fixed set (default 20240611)"},
                                 {"--replications", "-r", true, "replications per configuration (default 20)"},
                                 {"--length", "", true, "factor on every run's simulated length (default 1)"},
                                 {"--help", "-h", false, "show this help"},
                             });
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim selftest [options]\n\n"
                 "Runs small queueing systems with known answers on the native engine (M/M/1, M/M/c,\n"
                 "M/M/c/K, two-class priority, processor sharing, a Jackson network, Little's law) and\n"
                 "prints the theoretical value beside the simulated value with its 99% confidence\n"
                 "interval. Exit code 1 when any theoretical value is outside its interval.\n\n"
              << args.options_help();
    return success;
  }
  if (!args.positional().empty()) throw UsageError("ketensim selftest: takes no scenario (see --help)");
  model::selftest::SelftestOptions options;
  if (const auto seed = args.number("--seed")) {
    if (!(*seed >= 0.0) || *seed != std::floor(*seed)) throw UsageError("ketensim selftest: --seed must be a whole number >= 0");
    options.seed = static_cast<std::uint64_t>(*seed);
  }
  if (const auto r = args.number("--replications")) {
    if (!(*r >= 2.0) || *r != std::floor(*r) || *r > 10000) {
      throw UsageError("ketensim selftest: --replications must be a whole number from 2 to 10000");
    }
    options.replications = static_cast<std::uint32_t>(*r);
  }
  if (const auto length = args.number("--length")) {
    if (!(*length > 0.0) || *length > 1000.0) throw UsageError("ketensim selftest: --length must be > 0 and <= 1000");
    options.length_scale = *length;
  }
  const auto started = std::chrono::steady_clock::now();
  const auto results = model::selftest::run_selftest(options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::cout << "Self-test of the native engine against queueing theory (" << options.replications
            << " replications each)\n\n";
  // Columns as wide as their widest cell.
  std::size_t system_width = 6, quantity_width = 8;
  for (const auto& r : results) {
    system_width = std::max(system_width, r.system.size());
    quantity_width = std::max(quantity_width, r.quantity.size() + r.unit.size() + 3);
  }
  const auto column = [](std::size_t width) { return std::setw(static_cast<int>(width + 2)); };
  std::cout << std::left << column(system_width) << "system" << column(quantity_width) << "quantity" << column(10)
            << "theory" << column(22) << "simulated (99% CI)" << column(6) << "result" << "theory from\n"
            << std::string(system_width + quantity_width + 60, '-') << "\n";
  int failed = 0;
  for (const auto& r : results) {
    const std::string simulated = fixed(r.simulated.mean, 4) + " ± " + fixed(r.simulated.half_width, 4);
    // "±" is two bytes and one column: pad by one more.
    std::cout << std::left << column(system_width) << r.system << column(quantity_width) << (r.quantity + " (" + r.unit + ")")
              << column(10) << fixed(r.theory, 4) << column(23) << simulated << column(6) << (r.passed ? "pass" : "FAIL")
              << r.theory_source << "\n";
    if (!r.passed) ++failed;
  }
  std::cout << "\n" << results.size() - static_cast<std::size_t>(failed) << " of " << results.size() << " checks passed in "
            << fixed(seconds, 1) << " s\n";
  return failed == 0 ? success : failure;
}

}  // namespace ketensim::cli
