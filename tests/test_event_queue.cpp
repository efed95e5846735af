// SPDX-License-Identifier: MIT
// The event queue pops in exactly (date, rank) order, whatever mix of near and far dates,
// ties and interleaved pushes it sees: the two-level layout must not change the order.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "sim/event_queue.h"

namespace ketensim::sim {
namespace {

struct Scheduled {
  Days date;
  std::uint8_t order;
  int id;
};

TEST(EventQueue, PopsByDateThenOrderThenInsertion) {
  EventQueue<int> queue;
  queue.push(30.0, 0, 1);
  queue.push(2.0, 1, 2);
  queue.push(2.0, 0, 3);
  queue.push(2.0, 1, 4);
  queue.push(400.0, 0, 5);
  std::vector<int> popped;
  while (!queue.empty()) popped.push_back(queue.pop().payload);
  EXPECT_EQ(popped, (std::vector<int>{3, 2, 4, 1, 5}));
}

// Pushes and pops at random, `far_days` being the reach of the far dates, and checks every
// pop against a linear search of everything pending.
void check_against_sorted_reference(double far_days) {
  std::mt19937_64 random(20261123);
  std::uniform_real_distribution<double> near(0.0, 3.0);
  std::uniform_real_distribution<double> far(0.0, far_days);
  std::uniform_int_distribution<int> order(0, 2);
  std::bernoulli_distribution tie(0.2);
  std::bernoulli_distribution push_more(0.55);

  EventQueue<int> queue;
  std::vector<Scheduled> pending;  // reference: everything pushed and not yet popped
  std::uint64_t sequence = 0;
  std::vector<std::uint64_t> sequence_of;
  Days now = 0.0;
  Days last_date = 0.0;
  int next_id = 0;
  for (int step = 0; step < 200000; ++step) {
    if (pending.empty() || push_more(random)) {
      // Equal dates, near dates and far dates (beyond many buckets) all occur.
      const Days date = tie(random) ? std::max(now, last_date)
                                    : now + (step % 3 == 0 ? far(random) : near(random));
      last_date = date;
      const Scheduled s{date, static_cast<std::uint8_t>(order(random)), next_id++};
      queue.push(DueKey::make(s.date, s.order, sequence), s.id);
      sequence_of.push_back(sequence++);
      pending.push_back(s);
    } else {
      const auto earliest = std::min_element(pending.begin(), pending.end(), [&](const auto& a, const auto& b) {
        return DueKey::make(a.date, a.order, sequence_of[a.id]) < DueKey::make(b.date, b.order, sequence_of[b.id]);
      });
      ASSERT_EQ(queue.size(), pending.size());
      const auto entry = queue.pop();
      ASSERT_EQ(entry.payload, earliest->id) << "at step " << step;
      now = entry.date;
      *earliest = pending.back();
      pending.pop_back();
    }
    if (pending.size() > 3000) break;  // keeps the reference's linear search cheap
  }
  while (!pending.empty()) {
    const auto earliest = std::min_element(pending.begin(), pending.end(), [&](const auto& a, const auto& b) {
      return DueKey::make(a.date, a.order, sequence_of[a.id]) < DueKey::make(b.date, b.order, sequence_of[b.id]);
    });
    ASSERT_EQ(queue.pop().payload, earliest->id);
    *earliest = pending.back();
    pending.pop_back();
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, MatchesASortedReferenceUnderInterleavedPushesAndPops) { check_against_sorted_reference(800.0); }

// Dates beyond the ring's buckets wait apart and must still come out in order, also when
// the ring later reaches their bucket and takes new entries for it.
TEST(EventQueue, MatchesASortedReferenceWithDatesBeyondTheRing) {
  check_against_sorted_reference(3.0 * EventQueue<int>::ring_buckets * EventQueue<int>::bucket_days);
}

// A bucket whose first entries came while it lay beyond the ring and whose later ones came
// once the ring had reached it: both parts move into the heap together.
TEST(EventQueue, JoinsABucketSplitBetweenTheRingAndTheLaterEntries) {
  constexpr Days span = EventQueue<int>::ring_buckets * EventQueue<int>::bucket_days;
  EventQueue<int> queue;
  queue.push(1.5 * span, 1, 1);  // beyond the ring
  queue.push(0.75 * span, 0, 2);
  EXPECT_EQ(queue.pop().payload, 2);  // the ring now reaches 1.5 span
  queue.push(1.5 * span, 0, 3);
  queue.push(1.5 * span + 0.25 * EventQueue<int>::bucket_days, 0, 4);
  queue.push(1.5 * span, 2, 5);
  std::vector<int> popped;
  while (!queue.empty()) popped.push_back(queue.pop().payload);
  EXPECT_EQ(popped, (std::vector<int>{3, 1, 5, 4}));
}

TEST(EventQueue, AcceptsAnInfiniteDateAndPopsItLast) {
  EventQueue<int> queue;
  queue.push(std::numeric_limits<Days>::infinity(), 0, 1);
  queue.push(1e12, 0, 2);
  queue.push(5.0, 0, 3);
  EXPECT_EQ(queue.pop().payload, 3);
  EXPECT_EQ(queue.pop().payload, 2);
  queue.push(1e13, 0, 4);
  EXPECT_EQ(queue.pop().payload, 4);
  EXPECT_EQ(queue.pop().payload, 1);
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace ketensim::sim
