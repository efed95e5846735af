// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "sim/types.h"

namespace ketensim::model {

/// When the permanent holder of each position of one staff pool started, to find a new
/// hire's mentor without walking the pool: the first position after a given one, in
/// position order and wrapping round, whose permanent holder has served at least a given
/// time (docs/workforce.md, "Ramp-up and mentoring").
///
/// A segment tree of the earliest start date under each node (positions without a permanent
/// holder count as never started): O(log n) per change and per search. Whether a subtree
/// holds someone experienced is decided on its earliest start with the same comparison
/// (now - started_at >= ramp-up) the walk over the pool made, and that comparison only
/// fails more for later starts, so the search finds exactly the colleague the walk found.
class MentorIndex {
 public:
  explicit MentorIndex(std::size_t positions = 0);

  /// The position's permanent holder started at `started_at`; std::nullopt: vacant or
  /// held by temporary staff.
  void set(std::size_t position, std::optional<sim::Days> started_at);

  /// The first position after `own` (wrapping round, `own` itself excluded) whose permanent
  /// holder satisfies now - started_at >= ramp_up_days.
  [[nodiscard]] std::optional<std::size_t> next_experienced(std::size_t own, sim::Days now, sim::Days ramp_up_days) const;

 private:
  // The first position in [from, to) under node `node` (covering [low, high)) that is
  // experienced, or `size_` when there is none.
  [[nodiscard]] std::size_t first_in(std::size_t node, std::size_t low, std::size_t high, std::size_t from, std::size_t to,
                                     sim::Days now, sim::Days ramp_up_days) const;

  std::size_t size_;
  std::size_t leaves_ = 1;           // a power of two >= size_
  std::vector<sim::Days> earliest_;  // heap layout: node 1 is the root, leaves from leaves_
};

}  // namespace ketensim::model
