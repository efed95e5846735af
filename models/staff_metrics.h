// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <string_view>

namespace ketensim::model {

/// The metrics of every staff series, in storage order (docs/workforce.md).
enum class StaffMetric : std::size_t {
  headcount, funded_fte, productive_fte, vacancies, sick, temporary, pressure_mean, leavers, hires, cost_euros
};
inline constexpr std::size_t staff_metric_count = 10;

inline constexpr std::array<std::string_view, staff_metric_count> staff_metric_names = {
    "headcount", "funded_fte", "productive_fte", "vacancies", "sick", "temporary", "pressure_mean", "leavers", "hires",
    "cost_euros"};
inline constexpr std::array<std::string_view, staff_metric_count> staff_metric_units = {
    "FTE", "FTE", "FTE", "FTE", "FTE", "FTE", "caseload/norm", "people/step", "people/step", "euros/step"};

}  // namespace ketensim::model
