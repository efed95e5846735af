// SPDX-License-Identifier: MIT
// The indexed heap's top is always the id with the smallest (key, id), whatever mix of
// inserts, key changes up and down, and erasures it has seen (it orders the workers by
// next completion and by caseload, so the engine's results depend on it).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <utility>

#include "sim/indexed_heap.h"

namespace ketensim::sim {
namespace {

TEST(IndexedHeap, TiesGoToTheLowerId) {
  IndexedHeap<int> heap(6);
  heap.set(4, 7);
  heap.set(2, 7);
  heap.set(5, 9);
  EXPECT_EQ(heap.top(), 2u);
  heap.erase(2);
  EXPECT_EQ(heap.top(), 4u);
  heap.set(5, 1);
  EXPECT_EQ(heap.top(), 5u);
  EXPECT_EQ(heap.top_key(), 1);
}

TEST(IndexedHeap, TopMatchesASortedReferenceUnderRandomChanges) {
  constexpr std::uint32_t ids = 1000;
  std::mt19937_64 random(20261208);
  std::uniform_int_distribution<std::uint32_t> pick(0, ids - 1);
  std::uniform_int_distribution<int> key(0, 50);  // few keys: many ties
  std::bernoulli_distribution erase(0.3);
  IndexedHeap<int> heap(ids);
  std::map<std::uint32_t, int> reference;  // id -> key of the ids in the heap
  for (int step = 0; step < 100000; ++step) {
    const std::uint32_t id = pick(random);
    if (erase(random)) {
      heap.erase(id);
      reference.erase(id);
    } else {
      const int k = key(random);
      heap.set(id, k);
      reference[id] = k;
    }
    ASSERT_EQ(heap.size(), reference.size());
    ASSERT_EQ(heap.contains(id), reference.count(id) == 1);
    if (reference.empty()) {
      ASSERT_TRUE(heap.empty());
      continue;
    }
    std::pair<int, std::uint32_t> smallest{reference.begin()->second, reference.begin()->first};
    for (const auto& [i, k] : reference) smallest = std::min(smallest, std::pair<int, std::uint32_t>{k, i});
    ASSERT_EQ(heap.top(), smallest.second) << "at step " << step;
    ASSERT_EQ(heap.top_key(), smallest.first);
    if (reference.count(id)) ASSERT_EQ(heap.key(id), reference[id]);
  }
}

}  // namespace
}  // namespace ketensim::sim
