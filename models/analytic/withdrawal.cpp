// SPDX-License-Identifier: MIT
#include "models/analytic/withdrawal.h"

#include <algorithm>
#include <cmath>

namespace ketensim::model::analytic {

double withdrawal_rate_per_day(double share_within_90_days) {
  if (!(share_within_90_days > 0.0)) return 0.0;
  return -std::log1p(-share_within_90_days) / 90.0;
}

double withdrawn_share_of_normal(double abandoning_per_day, double normal_arrivals_per_day, double at_most) {
  if (!(normal_arrivals_per_day > 0.0) || !(abandoning_per_day > 0.0)) return 0.0;
  return std::clamp(abandoning_per_day / normal_arrivals_per_day, 0.0, std::max(0.0, at_most));
}

}  // namespace ketensim::model::analytic
