// SPDX-License-Identifier: MIT
#include "cli/number_format.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace ketensim::cli {

std::string format_number(double value) {
  if (std::isnan(value)) return "-";
  std::ostringstream out;
  const double magnitude = std::abs(value);
  out << std::fixed << std::setprecision(magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3) << value;
  return out.str();
}

std::string format_interval(const sim::ConfidenceInterval& ci, bool signed_value) {
  if (ci.n == 0 || std::isnan(ci.mean)) return "-";
  std::string text = (signed_value && ci.mean > 0 ? "+" : "") + format_number(ci.mean);
  if (ci.n >= 2 && std::isfinite(ci.half_width)) text += " ± " + format_number(ci.half_width);
  return text;
}

std::string format_estimate(const sim::ConfidenceInterval& ci) {
  if (ci.n == 0 || std::isnan(ci.mean)) return "-";
  std::string text = format_number(ci.mean);
  if (ci.n < 2 || std::isnan(ci.low)) return text;
  text += " [" + format_number(ci.low) + ", " + format_number(ci.high) + "]";
  if (!(ci.half_width <= std::abs(ci.mean))) text += "!";
  return text;
}

std::string format_difference(const sim::ConfidenceInterval& ci) {
  std::string text = format_interval(ci, true);
  if (sim::interval_excludes_zero(ci)) text += " *";
  return text;
}

std::string interval_notes(std::uint64_t replications, bool any_rough, bool any_difference) {
  std::string notes;
  if (replications < sim::few_replications) {
    notes += "warning: " + std::to_string(replications) + " replication" + (replications == 1 ? "" : "s") +
             ": intervals from fewer than " + std::to_string(sim::few_replications) +
             " are rough (run with -r " + std::to_string(sim::few_replications) + " or more)\n";
  }
  if (any_rough) notes += "!: the interval's half width exceeds the mean: the mean is not a steady value\n";
  if (any_difference) notes += "*: the paired difference's 95% interval excludes 0\n";
  return notes;
}

}  // namespace ketensim::cli
