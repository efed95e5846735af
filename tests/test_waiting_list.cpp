// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "models/waiting_list.h"

namespace ketensim::model {
namespace {

const auto all_live = [](const WaitingList::Entry&) { return true; };

TEST(WaitingList, UrgentFamiliesGoFirstWhateverTheirDueDate) {
  WaitingList list;
  list.push(FamilyRef{1, 1}, 1, false, 5.0, 1);
  list.push(FamilyRef{2, 1}, 1, true, 50.0, 1);
  EXPECT_EQ(list.front(all_live)->family.slot, 2u);
}

TEST(WaitingList, AmongEqualUrgencyTheEarliestDueDateGoesFirst) {
  WaitingList list;
  list.push(FamilyRef{1, 1}, 1, false, 9.0, 1);
  list.push(FamilyRef{2, 1}, 1, false, 3.0, 1);
  list.push(FamilyRef{3, 1}, 1, false, 3.0, 1);
  EXPECT_EQ(list.front(all_live)->family.slot, 2u);
  list.pop_front();
  EXPECT_EQ(list.front(all_live)->family.slot, 3u);  // same due date: first come first
  list.pop_front();
  EXPECT_EQ(list.front(all_live)->family.slot, 1u);
}

TEST(WaitingList, AWithdrawnEntryIsSkippedAndNotCounted) {
  WaitingList list;
  list.push(FamilyRef{1, 1}, 7, false, 1.0, 2);
  list.push(FamilyRef{2, 1}, 7, false, 2.0, 3);
  EXPECT_EQ(list.children(), 5u);
  list.withdraw(2);
  EXPECT_EQ(list.children(), 3u);
  EXPECT_EQ(list.families(), 1u);
  const auto head = list.front([](const WaitingList::Entry& e) { return e.family.slot != 1; });
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->family.slot, 2u);
}

TEST(WaitingList, StaysLogarithmicAtAHundredThousandFamilies) {
  // Not a timing test: checks that order holds on a long list built in random order.
  WaitingList list;
  std::uint64_t x = 12345;
  for (std::uint32_t i = 0; i < 100000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    list.push(FamilyRef{i, 1}, 1, false, static_cast<double>(x >> 40), 1);
  }
  double last = -1;
  while (const auto* head = list.front(all_live)) {
    EXPECT_LE(last, head->due);
    last = head->due;
    list.pop_front();
  }
  EXPECT_EQ(list.families(), 0u);
}

}  // namespace
}  // namespace ketensim::model
