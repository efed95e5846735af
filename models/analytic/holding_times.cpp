// SPDX-License-Identifier: MIT
#include "models/analytic/holding_times.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ketensim::model::analytic {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// E[x^G] for G geometric on {1, 2, ...} with P(G = k) = (1 - q) q^(k-1): the number of
// terms of an OTS extended with probability q at each review.
double geometric_generating(double q, double x) { return (1.0 - q) * x / (1.0 - q * x); }

// E[(a + tau G - h)+]: an OTS of G terms after a fixed start `a`, less a hand-over h.
double ots_after_handover(double a, double tau, double q, double h) {
  if (q >= 1.0) return infinity;
  double excess = a + tau / (1.0 - q) - h;
  // Terms that would end inside the hand-over contribute nothing rather than a negative time.
  double weight = 1.0 - q;
  for (int k = 1; k < 100000 && a + k * tau < h; ++k, weight *= q) excess += weight * (h - a - k * tau);
  return std::max(0.0, excess);
}

}  // namespace

double measure_days_mean(const Parameters& p, GiMeasure measure) {
  const double q = p.gi.share_ots_extended;
  const double ots = q >= 1.0 ? infinity : p.gi.ots_term_days / (1.0 - q);
  switch (measure) {
    case GiMeasure::ots: return ots;
    case GiMeasure::provisional_ots:
      return p.gi.vots_term_days + (p.gi.share_vots_to_ots > 0.0 ? p.gi.share_vots_to_ots * ots : 0.0);
    case GiMeasure::guardianship: return p.gi.guardianship_days_mean;
    case GiMeasure::youth_probation: return p.gi.youth_probation_days_mean;
  }
  return infinity;
}

double measure_laplace(const Parameters& p, GiMeasure measure, double s) {
  const double q = p.gi.share_ots_extended;
  const double term = std::exp(-s * p.gi.ots_term_days);
  const double ots = q >= 1.0 ? 0.0 : geometric_generating(q, term);
  switch (measure) {
    case GiMeasure::ots: return s > 0.0 ? ots : 1.0;
    case GiMeasure::provisional_ots: {
      if (s == 0.0) return 1.0;
      const double v = p.gi.share_vots_to_ots;
      return std::exp(-s * p.gi.vots_term_days) * ((1.0 - v) + v * ots);
    }
    case GiMeasure::guardianship: return 1.0 / (1.0 + s * p.gi.guardianship_days_mean);
    case GiMeasure::youth_probation: return 1.0 / (1.0 + s * p.gi.youth_probation_days_mean);
  }
  return 1.0;
}

double guardian_holding_days(const Parameters& p, GiMeasure measure, double handover_days) {
  const double h = std::max(0.0, handover_days);
  switch (measure) {
    case GiMeasure::ots: return ots_after_handover(0.0, p.gi.ots_term_days, p.gi.share_ots_extended, h);
    case GiMeasure::provisional_ots: {
      const double v = p.gi.share_vots_to_ots;
      const double ends = std::max(0.0, p.gi.vots_term_days - h);
      const double goes_on = v > 0.0 ? v * ots_after_handover(p.gi.vots_term_days, p.gi.ots_term_days,
                                                              p.gi.share_ots_extended, h)
                                     : 0.0;
      return (1.0 - v) * ends + goes_on;
    }
    // Memoryless: E[(M - h)+] = m exp(-h / m).
    case GiMeasure::guardianship: return p.gi.guardianship_days_mean * std::exp(-h / p.gi.guardianship_days_mean);
    case GiMeasure::youth_probation: return p.gi.youth_probation_days_mean;  // no hand-over: it starts at the GI
  }
  return infinity;
}

double abandonment_per_day(const Parameters& p, GiMeasure measure) {
  switch (measure) {
    case GiMeasure::guardianship: return 1.0 / p.gi.guardianship_days_mean;
    case GiMeasure::youth_probation: return 1.0 / p.gi.youth_probation_days_mean;
    case GiMeasure::ots:
    case GiMeasure::provisional_ots: return 0.0;
  }
  return 0.0;
}

double care_request_reaches_care(const Parameters& p, GiMeasure measure) {
  const double r = p.gi.care_request_days_mean;
  return r > 0.0 ? 1.0 - measure_laplace(p, measure, 1.0 / r) : 1.0;
}

double care_place_days_under_measure(const Parameters& p, GiMeasure measure, double care_days_mean) {
  const double d = care_days_mean;
  if (d <= 0.0) return 0.0;
  const double b = 1.0 / d;
  const double r = p.gi.care_request_days_mean;
  if (r <= 0.0) return d * (1.0 - measure_laplace(p, measure, b));
  double a = 1.0 / r;
  // At a = b the expression is 0/0; its limit is met by moving a by a millionth.
  if (std::abs(a - b) < 1e-9 * b) a = b * (1.0 + 1e-6);
  const double la = measure_laplace(p, measure, a);
  const double lb = measure_laplace(p, measure, b);
  return std::max(0.0, d * (1.0 - la - a * (lb - la) / (a - b)));
}

}  // namespace ketensim::model::analytic
