// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/types.h"

namespace ketensim::sim {

/// When an entry is due: its date, then its rank among entries due at the same date.
///
/// The rank packs the model's `order` (high 8 bits) with an insertion counter (low 56
/// bits), so simultaneous entries run by order and then in the order they were scheduled.
struct DueKey {
  Days date = 0.0;
  std::uint64_t rank = 0;

  static DueKey make(Days date, std::uint8_t order, std::uint64_t sequence) {
    return DueKey{date, (static_cast<std::uint64_t>(order) << 56) | sequence};
  }
  bool operator<(const DueKey& other) const {
    if (date != other.date) return date < other.date;
    return rank < other.rank;
  }
};

/// A binary min-heap of payloads ordered by (date, rank), see DueKey.
template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Days date;
    std::uint64_t rank;
    Payload payload;
    [[nodiscard]] DueKey key() const { return DueKey{date, rank}; }
  };

  /// Schedules with the queue's own insertion counter.
  void push(Days date, std::uint8_t order, const Payload& payload) {
    push(DueKey::make(date, order, next_sequence_++), payload);
  }
  /// Schedules with a key whose counter the caller shares with other queues.
  void push(const DueKey& key, const Payload& payload) {
    heap_.push_back(Entry{key.date, key.rank, payload});
    sift_up(heap_.size() - 1);
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Entry& top() const { return heap_.front(); }

  Entry pop() {
    Entry first = std::move(heap_.front());
    heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return first;
  }

 private:
  static bool before(const Entry& a, const Entry& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.rank < b.rank;
  }
  void sift_up(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Entry moving = std::move(heap_[i]);
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ketensim::sim
