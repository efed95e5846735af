// SPDX-License-Identifier: MIT
#include "sim/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ketensim::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846264338327950288;

std::string format(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

/// The continued fraction of the regularized incomplete beta function (DLMF 8.17.22):
/// I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * beta_continued_fraction(a, b, x), evaluated by
/// the modified Lentz method. It converges quickly for x < (a + 1) / (a + b + 2); callers use
/// the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) (DLMF 8.17.4) on the other side.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  // Convergence takes O(sqrt(max(a, b))) terms; this bound leaves room for df in the
  // hundreds of millions, far beyond any replication count.
  constexpr int kMaxTerms = 200000;
  const auto guard = [](double v) { return std::fabs(v) < kTiny ? kTiny : v; };

  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double f = d;
  for (int m = 1; m <= kMaxTerms; ++m) {
    const double two_m = 2.0 * m;
    const double even = m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m));
    d = 1.0 / guard(1.0 + even * d);
    c = guard(1.0 + even / c);
    f *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0));
    d = 1.0 / guard(1.0 + odd * d);
    c = guard(1.0 + odd / c);
    const double delta = d * c;
    f *= delta;
    if (std::fabs(delta - 1.0) < kEps) return f;
  }
  throw std::runtime_error("beta_continued_fraction: no convergence for a=" + format(a) +
                           ", b=" + format(b) + ", x=" + format(x));
}

/// ln Gamma(a + 1/2) - ln Gamma(a). For large a the two log-gammas are huge and nearly
/// equal, so their difference would lose digits in proportion to a (1e-8 relative at
/// df = 1e7); there the asymptotic series (from Stirling's series, DLMF 5.11.1) is used,
/// whose truncation error is below 1e-16 for a >= 30.
double log_gamma_half_ratio(double a) {
  if (a < 30.0) return std::lgamma(a + 0.5) - std::lgamma(a);
  const double inv = 1.0 / a;
  const double inv2 = inv * inv;
  return 0.5 * std::log(a) -
         inv * (1.0 / 8.0 - inv2 * (1.0 / 192.0 - inv2 * (1.0 / 640.0 - inv2 * (17.0 / 14336.0))));
}

/// Upper tail P(T > t) for t >= 0 (A&S 26.7.1 with 26.5.27): 0.5 * I_x(df/2, 1/2) with
/// x = df / (df + t^2). x, 1 - x and their logarithms are formed from r2 = t^2 / df without
/// subtraction, so a small tail keeps its relative precision.
double student_t_upper_tail(double t, double df) {
  if (std::isinf(df)) return 0.5 * std::erfc(t / std::sqrt(2.0));
  if (t == 0.0) return 0.5;
  const double r = t / std::sqrt(df);
  const double r2 = r * r;
  if (std::isinf(r2)) return 0.0;
  const double a = 0.5 * df;
  const double b = 0.5;
  const double x = 1.0 / (1.0 + r2);
  const double y = r2 / (1.0 + r2);
  const double log_x = -std::log1p(r2);
  const double log_y = std::log(r2) + log_x;
  const double log_beta = 0.5 * std::log(kPi) - log_gamma_half_ratio(a);  // ln B(a, 1/2)
  const double front = std::exp(a * log_x + b * log_y - log_beta);
  if (x < (a + 1.0) / (a + b + 2.0)) return 0.5 * front * beta_continued_fraction(a, b, x) / a;
  return 0.5 * (1.0 - front * beta_continued_fraction(b, a, y) / b);
}

double student_t_density(double t, double df) {
  const double log_norm = log_gamma_half_ratio(0.5 * df) - 0.5 * std::log(df * kPi);
  return std::exp(log_norm - 0.5 * (df + 1.0) * std::log1p(t * t / df));
}

/// Cornish-Fisher expansion of the t quantile around the normal one (A&S 26.7.5). Used as
/// the starting point of the exact inversion: for df >= 5 it is already close.
double cornish_fisher_t(double z, double df) {
  const double z2 = z * z;
  const double g1 = (z2 + 1.0) * z / 4.0;
  const double g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
  const double g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
  const double g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

/// The t >= 0 with P(T > t) = q, for 0 < q <= 0.5.
double student_t_upper_quantile(double q, double df) {
  if (q == 0.5) return 0.0;
  // Closed forms (A&S 26.7.3 and 26.7.4): exact and immune to the heavy tails that slow
  // any iteration down.
  if (df == 1.0) return 1.0 / std::tan(kPi * q);
  if (df == 2.0) return (1.0 - 2.0 * q) / std::sqrt(2.0 * q * (1.0 - q));
  const double z = -normal_quantile(q);
  if (std::isinf(df)) return z;

  // Bracket the root: the tail is 0.5 at t = 0 and falls monotonically.
  double lo = 0.0;
  double hi = std::max(1.0, 2.0 * z);
  while (student_t_upper_tail(hi, df) > q) {
    lo = hi;
    hi *= 2.0;
    if (std::isinf(hi)) return kInf;
  }
  double t = cornish_fisher_t(z, df);
  if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);

  // Newton's method on the tail, falling back to bisection whenever a step would leave the
  // bracket or fails to halve the previous one (the "rtsafe" safeguard), so it converges
  // for every df, including the heavy-tailed df < 3 where Newton alone crawls.
  double step_before_last = hi - lo;
  double last_step = step_before_last;
  for (int iteration = 0; iteration < 300; ++iteration) {
    const double g = student_t_upper_tail(t, df) - q;
    if (g == 0.0) return t;
    if (g > 0.0) {
      lo = t;
    } else {
      hi = t;
    }
    const double slope = -student_t_density(t, df);
    const double newton = t - g / slope;
    double next;
    if (!(newton > lo && newton < hi) || std::fabs(2.0 * g) > std::fabs(step_before_last * slope)) {
      next = 0.5 * (lo + hi);
    } else {
      next = newton;
    }
    step_before_last = last_step;
    last_step = next - t;
    if (std::fabs(last_step) <= 1e-15 * std::fabs(next) || next == t) return next;
    t = next;
  }
  return t;
}

void require_open_unit_interval(const char* function, const char* name, double value) {
  if (!(value > 0.0 && value < 1.0)) {
    throw std::invalid_argument(std::string(function) + ": " + name + "(=" + format(value) +
                                ") must be in (0, 1)");
  }
}

}  // namespace

void SufficientStats::add(double x) {
  if (std::isnan(x)) return;
  sum += x;
  sum_sq += x * x;
  ++count;
}

void SufficientStats::merge(const SufficientStats& other) {
  sum += other.sum;
  sum_sq += other.sum_sq;
  count += other.count;
}

double SufficientStats::mean() const {
  if (count == 0) return kNaN;
  return sum / static_cast<double>(count);
}

double SufficientStats::variance() const {
  if (count < 2) return kNaN;
  const double n = static_cast<double>(count);
  const double centred = sum_sq - sum * (sum / n);
  return std::max(0.0, centred / (n - 1.0));
}

ConfidenceInterval confidence_interval(const SufficientStats& stats, double level) {
  require_open_unit_interval("confidence_interval", "level", level);
  ConfidenceInterval ci{};
  ci.n = stats.count;
  ci.mean = stats.mean();
  if (stats.count < 2) {
    ci.half_width = kInf;
    ci.low = -kInf;
    ci.high = kInf;
    return ci;
  }
  const double n = static_cast<double>(stats.count);
  const double t = student_t_quantile(0.5 * (1.0 + level), n - 1.0);
  ci.half_width = t * std::sqrt(stats.variance() / n);
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

ConfidenceInterval bounded_confidence_interval(const SufficientStats& stats, double level, Bounds bounds) {
  ConfidenceInterval ci = confidence_interval(stats, level);
  if (bounds == Bounds::none || stats.count == 0) return ci;
  const double floor = 0.0;
  const double ceiling = bounds == Bounds::unit_interval ? 1.0 : kInf;
  if (stats.count < 2) {
    ci.low = floor;
    ci.high = ceiling;
    return ci;
  }
  const double m = ci.mean;
  if (!(m > floor) || !(m < ceiling) || !(ci.half_width > 0.0)) {
    // On (or, for inconsistent data, beyond) a bound, or no spread: nothing to transform.
    ci.low = ci.high = std::clamp(m, floor, ceiling);
    return ci;
  }
  if (bounds == Bounds::non_negative) {
    const double spread = ci.half_width / m;  // t x standard error of log m
    ci.low = m * std::exp(-spread);
    ci.high = m * std::exp(spread);
    return ci;
  }
  const double centre = std::log(m / (1.0 - m));
  const double spread = ci.half_width / (m * (1.0 - m));  // t x standard error of logit m
  auto logistic = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  ci.low = logistic(centre - spread);
  ci.high = logistic(centre + spread);
  return ci;
}

bool interval_is_rough(const ConfidenceInterval& ci) {
  return ci.n < few_replications || !(ci.half_width <= std::abs(ci.mean));
}

bool interval_excludes_zero(const ConfidenceInterval& ci) { return ci.n >= 2 && (ci.low > 0.0 || ci.high < 0.0); }

double student_t_cdf(double t, double df) {
  if (!(df > 0.0)) {
    throw std::invalid_argument("student_t_cdf: df(=" + format(df) + ") must be > 0");
  }
  if (std::isnan(t)) return kNaN;
  if (t >= 0.0) return 1.0 - student_t_upper_tail(t, df);
  return student_t_upper_tail(-t, df);
}

double student_t_quantile(double p, double df) {
  require_open_unit_interval("student_t_quantile", "p", p);
  if (!(df > 0.0)) {
    throw std::invalid_argument("student_t_quantile: df(=" + format(df) + ") must be > 0");
  }
  // Solve in the smaller tail: 1 - p is exact for p >= 0.5, whereas 1 - p for tiny p would
  // round to 1 and lose the answer.
  if (p < 0.5) return -student_t_upper_quantile(p, df);
  return student_t_upper_quantile(1.0 - p, df);
}

double normal_quantile(double p) {
  require_open_unit_interval("normal_quantile", "p", p);
  // Work in the lower tail and reflect, for the same reason as student_t_quantile.
  const bool upper = p > 0.5;
  const double q = upper ? 1.0 - p : p;

  // Acklam's coefficients (P. J. Acklam, "An algorithm for computing the inverse normal
  // cumulative distribution function", 2003).
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double kLowRegion = 0.02425;

  double x;
  if (q < kLowRegion) {
    const double r = std::sqrt(-2.0 * std::log(q));
    x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
        ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1.0);
  } else {
    const double s = q - 0.5;
    const double r = s * s;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * s /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  // One Halley step on Phi(x) - q, with Phi from erfc, which is accurate deep in the lower
  // tail. Skipped where exp(x^2/2) overflows (q below about 1e-300).
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - q;
  const double u = e * std::sqrt(2.0 * kPi) * std::exp(0.5 * x * x);
  if (std::isfinite(u)) x -= u / (1.0 + 0.5 * x * u);
  return upper ? -x : x;
}

double quantile(std::vector<double> values, double p) {
  if (values.empty()) throw std::invalid_argument("quantile: values must not be empty");
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument("quantile: p(=" + format(p) + ") must be in [0, 1]");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      throw std::invalid_argument("quantile: values[" + std::to_string(i) + "] is NaN");
    }
  }
  const double h = static_cast<double>(values.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double fraction = h - static_cast<double>(lo);
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(lo);
  std::nth_element(values.begin(), nth, values.end());
  const double x_lo = *nth;
  if (fraction == 0.0 || lo + 1 >= values.size()) return x_lo;
  // After nth_element everything past nth is >= x_lo, so the next order statistic is its minimum.
  const double x_hi = *std::min_element(nth + 1, values.end());
  if (x_hi == x_lo) return x_lo;
  return x_lo + fraction * (x_hi - x_lo);
}

double median(std::vector<double> values) { return quantile(std::move(values), 0.5); }

}  // namespace ketensim::sim
