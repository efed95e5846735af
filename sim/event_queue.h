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
///
/// The buckets of the next `ring_buckets` widths sit in a ring indexed by bucket number, so
/// a push finds its bucket by arithmetic instead of a walk down a search tree; the rare
/// entries due later (long measures, infinite dates) wait in a map and join their bucket's
/// ring entries when it moves into the heap. A bucket's vector is the storage of an earlier
/// heap, recycled: a push into a bucket due within days fills memory the queue already
/// holds instead of growing a fresh vector page by page.
template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Days date;
    std::uint64_t rank;
    Payload payload;
    [[nodiscard]] DueKey key() const { return DueKey{date, rank}; }
  };

  /// Width of a bucket of later entries. A day keeps the heap at about two thousand
  /// entries in the national scenario (tens of kilobytes, in the core's own cache); any
  /// positive width gives the same order.
  static constexpr Days bucket_days = 1.0;
  /// Buckets held in the ring (a power of two): about five and a half years ahead.
  static constexpr std::size_t ring_buckets = 2048;

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
    const std::int64_t index = bucket_of(key.date);
    if (index < first_bucket_ + static_cast<std::int64_t>(ring_buckets)) {
      auto& bucket = ring_[static_cast<std::size_t>(index) & (ring_buckets - 1)];
      // Near buckets fill to a heap's size within days: they get a recycled heap's storage.
      // Far ones fill slowly and grow on their own, so spares never sit idle for months.
      if (bucket.capacity() == 0 && !spare_.empty() && index < first_bucket_ + spare_reach) {
        bucket.swap(spare_.back());
        spare_.pop_back();
      }
      bucket.push_back(Entry{key.date, key.rank, payload});
      ++in_ring_;
    } else {
      overflow_[index].push_back(Entry{key.date, key.rank, payload});
    }
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
  static constexpr std::size_t spare_limit = 4;   // emptied heaps kept for the next buckets
  static constexpr std::int64_t spare_reach = 8;  // buckets ahead of the horizon that get one

  static std::int64_t bucket_of(Days date) {
    // Dates beyond any run (or infinite) share the last bucket.
    constexpr double last = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
    const double index = std::floor(date / bucket_days);
    return index < last ? static_cast<std::int64_t>(index) : static_cast<std::int64_t>(last);
  }

  /// Moves the earliest bucket into the (empty) heap and advances the horizon past it.
  /// Buckets before `first_bucket_` are empty; the ring holds buckets from there on.
  void refill() {
    std::int64_t index = std::numeric_limits<std::int64_t>::max();
    if (in_ring_ > 0) {
      index = first_bucket_;
      while (ring_[static_cast<std::size_t>(index) & (ring_buckets - 1)].empty()) ++index;
    }
    if (!overflow_.empty() && overflow_.begin()->first <= index) index = overflow_.begin()->first;
    // The heap is empty: its storage goes spare and the bucket becomes the heap.
    if (heap_.capacity() > 0 && spare_.size() < spare_limit) spare_.push_back(std::move(heap_));
    heap_ = std::vector<Entry>{};
    if (index < first_bucket_ + static_cast<std::int64_t>(ring_buckets)) {
      auto& bucket = ring_[static_cast<std::size_t>(index) & (ring_buckets - 1)];
      in_ring_ -= bucket.size();
      heap_.swap(bucket);
    }
    if (!overflow_.empty() && overflow_.begin()->first == index) {
      auto& later = overflow_.begin()->second;
      if (heap_.empty()) {
        heap_.swap(later);
      } else {
        heap_.insert(heap_.end(), later.begin(), later.end());
      }
      overflow_.erase(overflow_.begin());
    }
    first_bucket_ = index + 1;
    horizon_ = static_cast<Days>(index + 1) * bucket_days;
    if (index == bucket_of(std::numeric_limits<Days>::infinity())) horizon_ = std::numeric_limits<Days>::infinity();
    // Bottom-up heap construction, O(n). Keys are unique (the rank holds an insertion
    // counter), so the order of pops does not depend on how the heap was built.
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

  std::vector<Entry> heap_;                                    // entries due before horizon_
  std::vector<std::vector<Entry>> ring_ = std::vector<std::vector<Entry>>(ring_buckets);  // later, unsorted
  std::map<std::int64_t, std::vector<Entry>> overflow_;        // due after the ring's buckets
  std::vector<std::vector<Entry>> spare_;                      // emptied heaps, to become buckets
  std::int64_t first_bucket_ = 0;  // the ring's first bucket (the one the horizon opens)
  std::size_t in_ring_ = 0;
  Days horizon_ = 0.0;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ketensim::sim
