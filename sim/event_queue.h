// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <vector>

#include "sim/types.h"

namespace ketensim::sim {

/// A binary min-heap of timed entries ordered by (date, order, insertion counter).
///
/// The insertion counter makes the order of simultaneous entries deterministic: among
/// entries due at the same date with the same `order`, the one scheduled first runs first.
template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Days date;
    std::uint8_t order;
    std::uint64_t sequence;
    Payload payload;
  };

  void push(Days date, std::uint8_t order, const Payload& payload) {
    heap_.push_back(Entry{date, order, next_sequence_++, payload});
    sift_up(heap_.size() - 1);
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Entry& top() const { return heap_.front(); }

  Entry pop() {
    Entry first = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return first;
  }

 private:
  static bool before(const Entry& a, const Entry& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.order != b.order) return a.order < b.order;
    return a.sequence < b.sequence;
  }
  void sift_up(std::size_t i) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(heap_[i], heap_[parent])) break;
      std::swap(heap_[i], heap_[parent]);
      i = parent;
    }
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    while (true) {
      const std::size_t left = 2 * i + 1;
      if (left >= n) break;
      std::size_t best = left;
      if (left + 1 < n && before(heap_[left + 1], heap_[left])) best = left + 1;
      if (!before(heap_[best], heap_[i])) break;
      std::swap(heap_[i], heap_[best]);
      i = best;
    }
  }

  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ketensim::sim
