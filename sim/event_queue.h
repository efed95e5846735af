// SPDX-License-Identifier: MIT
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
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

/// Payloads popped in (date, rank) order, see DueKey.
///
/// A national run keeps about a million events pending (measure reviews, care episodes,
/// local-team cases), most of them months ahead. Keeping them all in one heap made every
/// pop a dozen cache misses deep. So the queue has two levels: a heap holds the entries due
/// before `horizon_`, and entries due later wait unsorted in buckets of `bucket_days`. When
/// the heap runs dry the earliest bucket moves into it and the horizon moves to that
/// bucket's end. Every bucket entry is due at or after the horizon and every heap entry
/// before it, so the heap's top is always the earliest entry of all: the order is exactly
/// that of a single heap (tests/test_event_queue.cpp).
template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Days date;
    std::uint64_t rank;
    Payload payload;
    [[nodiscard]] DueKey key() const { return DueKey{date, rank}; }
  };

  /// Width of a bucket of later entries. A week keeps the heap at a few thousand entries
  /// in the national scenario; any positive width gives the same order.
  static constexpr Days bucket_days = 7.0;

  /// Schedules with the queue's own insertion counter.
  void push(Days date, std::uint8_t order, const Payload& payload) {
    push(DueKey::make(date, order, next_sequence_++), payload);
  }
  /// Schedules with a key whose counter the caller shares with other queues.
  void push(const DueKey& key, const Payload& payload) {
    ++size_;
    if (key.date < horizon_) {
      push_heap(Entry{key.date, key.rank, payload});
      return;
    }
    buckets_[bucket_of(key.date)].push_back(Entry{key.date, key.rank, payload});
    if (heap_.empty()) refill();
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The earliest entry; the queue must not be empty.
  [[nodiscard]] const Entry& top() const { return heap_.front(); }

  Entry pop() {
    Entry first = std::move(heap_.front());
    heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    --size_;
    if (heap_.empty() && size_ > 0) refill();
    return first;
  }

 private:
  static constexpr std::size_t arity = 4;  // a node's four children share a cache line or two

  static std::int64_t bucket_of(Days date) {
    // Dates beyond any run (or infinite) share the last bucket.
    constexpr double last = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
    const double index = std::floor(date / bucket_days);
    return index < last ? static_cast<std::int64_t>(index) : static_cast<std::int64_t>(last);
  }

  /// Moves the earliest bucket into the (empty) heap and advances the horizon past it.
  void refill() {
    auto earliest = buckets_.begin();
    const std::int64_t index = earliest->first;
    horizon_ = static_cast<Days>(index + 1) * bucket_days;
    heap_ = std::move(earliest->second);  // the heap is empty: the bucket becomes the heap
    buckets_.erase(earliest);
    if (index == bucket_of(std::numeric_limits<Days>::infinity())) horizon_ = std::numeric_limits<Days>::infinity();
    // Bottom-up heap construction, O(n) and no copy. Keys are unique (the rank holds an
    // insertion counter), so the order of pops does not depend on how the heap was built.
    for (std::size_t i = heap_.size() / arity + 1; i-- > 0;) {
      if (i < heap_.size()) sift_down(i);
    }
  }

  static bool before(const Entry& a, const Entry& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.rank < b.rank;
  }
  void push_heap(Entry entry) {
    heap_.push_back(std::move(entry));
    sift_up(heap_.size() - 1);
  }
  void sift_up(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / arity;
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
      const std::size_t first = arity * i + 1;
      if (first >= n) break;
      const std::size_t end = first + arity < n ? first + arity : n;
      std::size_t child = first;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[child])) child = c;
      }
      if (!before(heap_[child], moving)) break;
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Entry> heap_;                            // entries due before horizon_
  std::map<std::int64_t, std::vector<Entry>> buckets_;  // later entries by week, unsorted
  Days horizon_ = 0.0;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ketensim::sim
