// SPDX-License-Identifier: MIT
#include "sim/random.h"

#include <cmath>

namespace ketensim::sim {

double RandomStream::exponential(double mean) { return -mean * std::log(uniform()); }

double RandomStream::standard_normal() {
  // Box-Muller with both uniforms from this stream; the second value is not cached so that a
  // draw's result never depends on an earlier call.
  const double u1 = uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double RandomStream::lognormal(double mean, double cv) {
  if (cv <= 0.0) return mean;
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * standard_normal());
}

double RandomStream::standard_gamma(double shape) {
  // Marsaglia and Tsang (2000); shapes below 1 use the boost u^(1/shape).
  if (shape < 1.0) return standard_gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x;
    double v;
    do {
      x = standard_normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

double RandomStream::gamma(double mean, double cv) {
  if (cv <= 0.0) return mean;
  if (std::abs(cv - 1.0) < 1e-12) return exponential(mean);
  const double shape = 1.0 / (cv * cv);
  return standard_gamma(shape) * mean / shape;
}

std::size_t RandomStream::categorical(const double* weights, std::size_t n) {
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += weights[i];
  double u = uniform() * total;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return n - 1;
}

}  // namespace ketensim::sim
