// SPDX-License-Identifier: MIT
#include "models/mentor_index.h"

#include <algorithm>
#include <limits>

namespace ketensim::model {
namespace {
constexpr sim::Days never = std::numeric_limits<sim::Days>::infinity();
}

MentorIndex::MentorIndex(std::size_t positions) : size_(positions) {
  while (leaves_ < size_) leaves_ *= 2;
  earliest_.assign(2 * leaves_, never);
}

void MentorIndex::set(std::size_t position, std::optional<sim::Days> started_at) {
  std::size_t node = leaves_ + position;
  earliest_[node] = started_at.value_or(never);
  for (node /= 2; node >= 1; node /= 2) earliest_[node] = std::min(earliest_[2 * node], earliest_[2 * node + 1]);
}

std::size_t MentorIndex::first_in(std::size_t node, std::size_t low, std::size_t high, std::size_t from, std::size_t to,
                                  sim::Days now, sim::Days ramp_up_days) const {
  if (high <= from || to <= low) return size_;
  // `never` gives now - never = -inf: not experienced, whatever the ramp-up.
  if (!(now - earliest_[node] >= ramp_up_days)) return size_;
  if (high - low == 1) return low;
  const std::size_t middle = (low + high) / 2;
  const std::size_t left = first_in(2 * node, low, middle, from, to, now, ramp_up_days);
  return left != size_ ? left : first_in(2 * node + 1, middle, high, from, to, now, ramp_up_days);
}

std::optional<std::size_t> MentorIndex::next_experienced(std::size_t own, sim::Days now, sim::Days ramp_up_days) const {
  std::size_t found = first_in(1, 0, leaves_, own + 1, size_, now, ramp_up_days);
  if (found == size_) found = first_in(1, 0, leaves_, 0, own, now, ramp_up_days);
  if (found == size_) return std::nullopt;
  return found;
}

}  // namespace ketensim::model
