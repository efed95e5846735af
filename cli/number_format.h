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

}  // namespace ketensim::cli
