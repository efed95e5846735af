// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <vector>

namespace ketensim::sim {

/// A binary min-heap over the ids 0..n-1, each with a key that can change in O(log n).
///
/// Used where a fixed set of things must be ordered by a changing value: workers by caseload
/// (who takes the next family) and workers by next completion date (which job ends first).
/// Ties between equal keys go to the lower id, so the order never depends on history.
template <class Key>
class IndexedHeap {
 public:
  explicit IndexedHeap(std::size_t ids = 0) { reset(ids); }

  void reset(std::size_t ids) {
    keys_.assign(ids, Key{});
    heap_.clear();
    position_.assign(ids, absent);
  }
  [[nodiscard]] bool contains(std::uint32_t id) const { return position_[id] != absent; }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] std::uint32_t top() const { return heap_.front(); }
  [[nodiscard]] const Key& key(std::uint32_t id) const { return keys_[id]; }

  /// Inserts `id` or moves it to its new key.
  void set(std::uint32_t id, const Key& key) {
    keys_[id] = key;
    if (position_[id] == absent) {
      position_[id] = static_cast<std::uint32_t>(heap_.size());
      heap_.push_back(id);
    }
    const std::uint32_t at = position_[id];
    sift_up(at);
    sift_down(position_[id]);
  }

  void erase(std::uint32_t id) {
    const std::uint32_t at = position_[id];
    if (at == absent) return;
    const std::uint32_t last = heap_.back();
    heap_[at] = last;
    position_[last] = at;
    heap_.pop_back();
    position_[id] = absent;
    if (at < heap_.size()) {
      sift_up(at);
      sift_down(position_[last]);
    }
  }

 private:
  static constexpr std::uint32_t absent = 0xffffffffu;

  bool before(std::uint32_t a, std::uint32_t b) const {
    if (keys_[a] < keys_[b]) return true;
    if (keys_[b] < keys_[a]) return false;
    return a < b;
  }
  void place(std::uint32_t at, std::uint32_t id) {
    heap_[at] = id;
    position_[id] = at;
  }
  void sift_up(std::uint32_t at) {
    const std::uint32_t id = heap_[at];
    while (at > 0) {
      const std::uint32_t parent = (at - 1) / 2;
      if (!before(id, heap_[parent])) break;
      place(at, heap_[parent]);
      at = parent;
    }
    place(at, id);
  }
  void sift_down(std::uint32_t at) {
    const std::uint32_t id = heap_[at];
    const auto n = static_cast<std::uint32_t>(heap_.size());
    while (true) {
      std::uint32_t child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], id)) break;
      place(at, heap_[child]);
      at = child;
    }
    place(at, id);
  }

  std::vector<Key> keys_;
  std::vector<std::uint32_t> heap_;
  std::vector<std::uint32_t> position_;
};

}  // namespace ketensim::sim
