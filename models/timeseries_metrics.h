// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <string_view>

namespace ketensim::model {

/// The metrics of every (stage, region) time series, in storage order (docs/output-format.md).
enum class Metric : std::size_t { arrivals, started, completed, waiting, in_service, caseload_mean, caseload_p90, staff_fte };
inline constexpr std::size_t metric_count = 8;

inline constexpr std::array<std::string_view, metric_count> metric_names = {
    "arrivals", "started", "completed", "waiting", "in_service", "caseload_mean", "caseload_p90", "staff_fte"};
inline constexpr std::array<std::string_view, metric_count> metric_units = {
    "children/step", "children/step", "children/step", "children", "children", "children/FTE", "children/FTE", "FTE"};

}  // namespace ketensim::model
