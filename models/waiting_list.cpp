// SPDX-License-Identifier: MIT
#include "models/waiting_list.h"

#include <algorithm>

namespace ketensim::model {

void WaitingList::push(FamilyRef family, std::uint32_t ticket, bool urgent, double due, std::uint8_t children) {
  heap_.push_back(Entry{urgent, due, next_sequence_++, family, ticket, children});
  std::push_heap(heap_.begin(), heap_.end(), After{});
  ++live_families_;
  live_children_ += children;
}

void WaitingList::pop_raw() {
  std::pop_heap(heap_.begin(), heap_.end(), After{});
  heap_.pop_back();
}

void WaitingList::pop_front() {
  live_children_ -= heap_.front().children;
  --live_families_;
  pop_raw();
}

void WaitingList::withdraw(std::uint8_t children) {
  live_children_ -= children;
  --live_families_;
}

}  // namespace ketensim::model
