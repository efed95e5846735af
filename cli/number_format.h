// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "sim/statistics.h"

namespace ketensim::cli {

/// A number for the printed tables: fewer decimals the larger it is (0 from 1000, 1 from 10,
/// 2 from 1, else 3), "-" for NaN, "inf" for infinity. One rule for every command, so the same
/// KPI reads the same in `run`, `compare`, `tipping` and `analyze`.
std::string format_number(double value);

/// "mean ± half-width" of an interval ("mean" alone below two replications, "-" without a
/// value); with `signed_value` a positive mean gets a "+" (a paired difference).
std::string format_interval(const sim::ConfidenceInterval& ci, bool signed_value = false);

/// An estimate with its bounded interval, "mean [low, high]" (`mean` alone below two
/// replications, "-" without a value), with "!" when the half width exceeds the mean.
std::string format_estimate(const sim::ConfidenceInterval& ci);

/// A paired difference, "+mean ± half-width", with " *" when its interval excludes 0.
std::string format_difference(const sim::ConfidenceInterval& ci);

/// The warning lines under a table of intervals over `replications`: too few replications,
/// and what "!" and "*" mean. Empty when `replications` is enough and nothing was marked.
std::string interval_notes(std::uint64_t replications, bool any_rough, bool any_difference);

}  // namespace ketensim::cli
