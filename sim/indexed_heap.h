// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <vector>

namespace ketensim::sim {

/// A 4-ary min-heap over the ids 0..n-1, each with a key that can change in O(log n).
///
/// Used where a fixed set of things must be ordered by a changing value: workers by caseload
/// (who takes the next family) and workers by next completion date (which job ends first).
/// Ties between equal keys go to the lower id, so the order never depends on history.
/// Each heap node holds its key beside its id, so that sifting compares what it has already
/// loaded instead of fetching every key from a table by id. Four children per node halve
/// the depth of a binary heap: with a hundred thousand busy workers a change sifts through
/// about nine levels instead of seventeen, and a node's children share a cache line or two.
/// The order is a strict total order on (key, id), so the top is the same as any heap's.
template <class Key>
class IndexedHeap {
 public:
  explicit IndexedHeap(std::size_t ids = 0) { reset(ids); }

  void reset(std::size_t ids) {
    heap_.clear();
    position_.assign(ids, absent);
  }
  [[nodiscard]] bool contains(std::uint32_t id) const { return position_[id] != absent; }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] std::uint32_t top() const { return heap_.front().id; }
  /// The smallest key; the heap must not be empty.
  [[nodiscard]] const Key& top_key() const { return heap_.front().key; }
  /// The key of an id in the heap.
  [[nodiscard]] const Key& key(std::uint32_t id) const { return heap_[position_[id]].key; }

  /// Inserts `id` or moves it to its new key.
  void set(std::uint32_t id, const Key& key) {
    std::uint32_t at = position_[id];
    if (at == absent) {
      at = static_cast<std::uint32_t>(heap_.size());
      heap_.push_back(Node{key, id});
      sift_up(at);
      return;
    }
    const bool smaller = before(Node{key, id}, heap_[at]);
    heap_[at].key = key;
    if (smaller) {
      sift_up(at);
    } else {
      sift_down(at);
    }
  }

  void erase(std::uint32_t id) {
    const std::uint32_t at = position_[id];
    if (at == absent) return;
    const Node last = heap_.back();
    heap_.pop_back();
    position_[id] = absent;
    if (at < heap_.size()) {
      heap_[at] = last;
      position_[last.id] = at;
      sift_up(at);
      sift_down(position_[last.id]);
    }
  }

 private:
  static constexpr std::uint32_t absent = 0xffffffffu;
  static constexpr std::uint32_t arity = 4;
  struct Node {
    Key key;
    std::uint32_t id;
  };

  static bool before(const Node& a, const Node& b) {
    if (a.key < b.key) return true;
    if (b.key < a.key) return false;
    return a.id < b.id;
  }
  void place(std::uint32_t at, const Node& node) {
    heap_[at] = node;
    position_[node.id] = at;
  }
  void sift_up(std::uint32_t at) {
    const Node node = heap_[at];
    while (at > 0) {
      const std::uint32_t parent = (at - 1) / arity;
      if (!before(node, heap_[parent])) break;
      place(at, heap_[parent]);
      at = parent;
    }
    place(at, node);
  }
  void sift_down(std::uint32_t at) {
    const Node node = heap_[at];
    const auto n = static_cast<std::uint32_t>(heap_.size());
    while (true) {
      const std::uint32_t first = arity * at + 1;
      if (first >= n) break;
      const std::uint32_t end = first + arity < n ? first + arity : n;
      std::uint32_t child = first;
      for (std::uint32_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[child])) child = c;
      }
      if (!before(heap_[child], node)) break;
      place(at, heap_[child]);
      at = child;
    }
    place(at, node);
  }

  std::vector<Node> heap_;
  std::vector<std::uint32_t> position_;
};

}  // namespace ketensim::sim
