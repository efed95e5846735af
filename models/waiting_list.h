// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <vector>

#include "models/family.h"

namespace ketensim::model {

/// A waiting list that ranks by urgency, then by due date.
///
/// The rank key of a family is (urgent first, due date, arrival order). The due date is the
/// date the family joined plus the stage's allowed waiting time, so ranking by it re-ranks by
/// time waited (the longer a family has waited, the nearer its due date) and puts families
/// with a tighter deadline first; because every family ages at the same rate the order
/// never needs recomputing, and the list is a binary heap: O(log n) per change.
///
/// Families that leave the list early (a measure ends while care is awaited) are removed
/// lazily: each entry carries a ticket and only the entry whose ticket matches the family's
/// current one is live.
class WaitingList {
 public:
  struct Entry {
    bool urgent;
    double due;
    std::uint64_t sequence;
    FamilyRef family;
    std::uint32_t ticket;
    std::uint8_t children;
  };

  void push(FamilyRef family, std::uint32_t ticket, bool urgent, double due, std::uint8_t children);
  /// The first live entry, after dropping stale ones; `is_live(entry)` tells which are live.
  template <class IsLive>
  const Entry* front(IsLive is_live) {
    while (!heap_.empty() && !is_live(heap_.front())) pop_raw();
    return heap_.empty() ? nullptr : &heap_.front();
  }
  /// Removes the front entry (which must be live) from the counts.
  void pop_front();
  /// Records that a live entry was withdrawn (its ticket changed); the entry goes lazily.
  void withdraw(std::uint8_t children);

  [[nodiscard]] std::uint64_t families() const { return live_families_; }
  [[nodiscard]] std::uint64_t children() const { return live_children_; }

 private:
  // A function object, not a function: std::push_heap and std::pop_heap then inline the
  // comparison instead of calling through a pointer at every level of the heap.
  struct After {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.urgent != b.urgent) return !a.urgent;
      if (a.due != b.due) return a.due > b.due;
      return a.sequence > b.sequence;
    }
  };
  void pop_raw();

  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t live_families_ = 0;
  std::uint64_t live_children_ = 0;
};

}  // namespace ketensim::model
