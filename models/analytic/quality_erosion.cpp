// SPDX-License-Identifier: MIT
#include "models/analytic/quality_erosion.h"

#include <cmath>

namespace ketensim::model::analytic {

double late_work_share(double cut_share, double deadline_days, double wait_probability, double wait_days_mean) {
  if (!(cut_share > 0.0) || !(deadline_days > 0.0) || !(wait_probability > 0.0) || !(wait_days_mean > 0.0)) return 1.0;
  if (std::isinf(wait_days_mean)) return 1.0 - cut_share * wait_probability;
  const double d = wait_days_mean / wait_probability;
  // -expm1(-x) = 1 - exp(-x), exact for small x (short waits against the deadline).
  const double late_share_of_deadline = wait_probability * d * -std::expm1(-deadline_days / d) / deadline_days;
  return 1.0 - cut_share * late_share_of_deadline;
}

}  // namespace ketensim::model::analytic
