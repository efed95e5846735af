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

}  // namespace ketensim::cli
