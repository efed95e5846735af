// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

namespace ketensim::sim {

/// One subject's follow-up: observed for `time`, and either the event happened then (`event`)
/// or observation stopped before it did (right-censored: the event comes later, if at all).
struct FollowUp {
  double time = 0;
  bool event = false;
};

/// The Kaplan-Meier (product-limit) estimate of the survival function S(t) = P(T > t) from
/// right-censored follow-ups. Censored subjects count as at risk up to their time and add
/// nothing after it, so subjects still waiting at the end of observation pull the estimate
/// up instead of being left out. At a tie, events come before censorings (the usual
/// convention: a subject censored at t was at risk at t).
class KaplanMeier {
 public:
  explicit KaplanMeier(std::vector<FollowUp> sample);

  /// S(t): the estimated share whose event comes after t (1 before the first event).
  [[nodiscard]] double survival(double t) const;
  /// The smallest event time at which S falls to 0.5 or below; NaN when it never does (more
  /// than half the subjects may still be waiting at the last follow-up: the median is then
  /// unknown, not the last time).
  [[nodiscard]] double median() const;
  /// The mean restricted to `horizon`: the area under S from 0 to horizon, i.e. the mean of
  /// min(T, horizon). Defined whatever the censoring when horizon is at most the longest
  /// follow-up; beyond it S is held at its last value (an assumption the caller avoids by
  /// choosing the horizon). NaN for an empty sample.
  [[nodiscard]] double restricted_mean(double horizon) const;

  [[nodiscard]] std::size_t subjects() const { return subjects_; }
  [[nodiscard]] std::size_t events() const { return events_; }
  /// The distinct event times and S just after each, in increasing order.
  [[nodiscard]] const std::vector<double>& event_times() const { return times_; }
  [[nodiscard]] const std::vector<double>& survival_after() const { return survival_; }

 private:
  std::vector<double> times_;
  std::vector<double> survival_;
  std::size_t subjects_ = 0;
  std::size_t events_ = 0;
};

}  // namespace ketensim::sim
