// SPDX-License-Identifier: MIT
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

namespace ketensim::output {

/// Sum, sum of squares and count of a value over replications: enough to merge results of
/// separate processes exactly and to derive mean and variance at analysis time. NaN
/// (undefined in that replication) is left out and not counted.
struct SufficientStatistics {
  double sum = 0.0;
  double sum_sq = 0.0;
  std::uint64_t count = 0;

  void add(double value) {
    if (std::isnan(value)) return;
    sum += value;
    sum_sq += value * value;
    ++count;
  }
  void merge(const SufficientStatistics& other) {
    sum += other.sum;
    sum_sq += other.sum_sq;
    count += other.count;
  }
  /// NaN when no replication defined the value.
  [[nodiscard]] double mean() const {
    return count == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(count);
  }
  /// Sample variance (n - 1 in the denominator); NaN below two values.
  [[nodiscard]] double variance() const {
    if (count < 2) return std::numeric_limits<double>::quiet_NaN();
    const double n = static_cast<double>(count);
    return std::fmax(0.0, (sum_sq - sum * sum / n) / (n - 1.0));
  }
};

}  // namespace ketensim::output
