// SPDX-License-Identifier: MIT
// Time from report to safety: for each family reported after warm-up, the days until a
// measure is in place (a guardian takes it up: a measure nobody carries out protects no
// child) or the chain closes its case (VT, the local team, the Board or the court closes it,
// or VT ends its investigation with voluntary care, from which no protection step follows).
// Voluntary help by the local team counts until it ends: it may still lead to the Board.
// Families still on their way at the end of the run are right-censored there, so a chain that
// breaks down, and keeps families waiting, shows a longer time instead of a shorter one
// (docs/scenario-comparison.md, "Time from report to safety").
#include "models/chain.h"

namespace ketensim::model {

void Chain::reached_safety(const Family& family) {
  std::uint8_t& awaiting = awaiting_safety_[slot_of(family)];
  if (awaiting == 0) return;
  awaiting = 0;
  report_to_safety_days_.push_back(static_cast<float>(now() - family.reported_at));
}

std::vector<sim::FollowUp> Chain::report_to_safety_follow_ups() const {
  std::vector<sim::FollowUp> sample;
  sample.reserve(report_to_safety_days_.size());
  for (const float days : report_to_safety_days_) sample.push_back({days, true});
  for (std::size_t slot = 0; slot < families_.size(); ++slot) {
    if (awaiting_safety_[slot] == 0 || families_[slot].status == Status::left) continue;
    sample.push_back({end_date_ - families_[slot].reported_at, false});
  }
  return sample;
}

}  // namespace ketensim::model
