// SPDX-License-Identifier: MIT
#include "models/analytic/escalation.h"

#include <cmath>
#include <limits>

namespace ketensim::model::analytic {
namespace {

constexpr double sqrt_pi = 1.7724538509055160273;

// erfcx(x) = exp(x^2) erfc(x) for x >= 0. Direct below 25 (exp(625) is still finite); above,
// the asymptotic series, whose next term is below 1e-9 there.
double scaled_erfc(double x) {
  if (x < 25.0) return std::exp(x * x) * std::erfc(x);
  const double inv2 = 1.0 / (x * x);
  return (1.0 - 0.5 * inv2 + 0.75 * inv2 * inv2) / (x * sqrt_pi);
}

// P(T > t) for T exponential with mean m (m = 0: T = 0).
double survives(double mean, double t) { return mean > 0.0 ? std::exp(-t / mean) : 0.0; }

}  // namespace

double escalation_hazard_slope(double share_within_90_days) {
  if (!(share_within_90_days > 0.0)) return 0.0;
  if (share_within_90_days >= 1.0) return std::numeric_limits<double>::infinity();
  return -2.0 * std::log1p(-share_within_90_days) / (90.0 * 90.0);
}

double share_escalating(double slope_per_day2, double wait_probability, double wait_days_mean) {
  if (!(slope_per_day2 > 0.0) || !(wait_probability > 0.0)) return 0.0;
  if (std::isinf(wait_days_mean)) return wait_probability;
  if (!(wait_days_mean > 0.0)) return 0.0;
  if (std::isinf(slope_per_day2)) return wait_probability;
  const double d = wait_days_mean / wait_probability;
  const double x = 1.0 / (d * std::sqrt(2.0 * slope_per_day2));
  const double no_escalation = sqrt_pi * x * scaled_erfc(x);  // E[exp(-a T^2 / 2)]
  return wait_probability * (1.0 - no_escalation);
}

double still_pending(double request_days, double wait_probability, double wait_days_mean, double t) {
  const double request_pending = survives(request_days, t);
  if (!(wait_probability > 0.0) || !(wait_days_mean > 0.0)) return request_pending;
  if (std::isinf(wait_days_mean)) return (1.0 - wait_probability) * request_pending + wait_probability;
  const double d = wait_days_mean / wait_probability;
  double through;  // P(T + D > t), D exponential with mean d
  if (!(request_days > 0.0)) {
    through = survives(d, t);
  } else if (std::abs(request_days - d) < 1e-9 * d) {
    through = (1.0 + t / d) * std::exp(-t / d);  // the Erlang-2 limit
  } else {
    through = (request_days * survives(request_days, t) - d * survives(d, t)) / (request_days - d);
  }
  return (1.0 - wait_probability) * request_pending + wait_probability * through;
}

}  // namespace ketensim::model::analytic
