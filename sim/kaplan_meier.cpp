// SPDX-License-Identifier: MIT
#include "sim/kaplan_meier.h"

#include <algorithm>
#include <limits>

namespace ketensim::sim {

KaplanMeier::KaplanMeier(std::vector<FollowUp> sample) : subjects_(sample.size()) {
  // Events before censorings at the same time.
  std::sort(sample.begin(), sample.end(), [](const FollowUp& a, const FollowUp& b) {
    return a.time < b.time || (a.time == b.time && a.event && !b.event);
  });
  double at_risk = static_cast<double>(sample.size());
  double s = 1.0;
  for (std::size_t i = 0; i < sample.size();) {
    const double t = sample[i].time;
    double died = 0, left = 0;
    for (; i < sample.size() && sample[i].time == t; ++i) (sample[i].event ? died : left) += 1;
    if (died > 0) {
      s *= 1.0 - died / at_risk;
      times_.push_back(t);
      survival_.push_back(s);
      events_ += static_cast<std::size_t>(died);
    }
    at_risk -= died + left;
  }
}

double KaplanMeier::survival(double t) const {
  // The last event time at or before t.
  const auto after = std::upper_bound(times_.begin(), times_.end(), t);
  return after == times_.begin() ? 1.0 : survival_[static_cast<std::size_t>(after - times_.begin()) - 1];
}

double KaplanMeier::median() const {
  for (std::size_t i = 0; i < times_.size(); ++i) {
    if (survival_[i] <= 0.5) return times_[i];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double KaplanMeier::restricted_mean(double horizon) const {
  if (subjects_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // A step function: S is 1 up to the first event time, then each step's value up to the next.
  double area = 0, from = 0, level = 1.0;
  for (std::size_t i = 0; i < times_.size() && times_[i] < horizon; ++i) {
    area += level * (times_[i] - from);
    from = times_[i];
    level = survival_[i];
  }
  return area + level * std::max(0.0, horizon - from);
}

}  // namespace ketensim::sim
