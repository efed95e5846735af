// SPDX-License-Identifier: MIT
#include "sim/processor_sharing.h"

#include <algorithm>

namespace ketensim::sim {

void ProcessorSharingWorker::advance(Days now) {
  if (now > last_update_ && total_weight_ > 0.0 && speed_ > 0.0) {
    virtual_time_ += (now - last_update_) * speed_ / total_weight_;
  }
  last_update_ = now;
}

void ProcessorSharingWorker::add(Days now, std::uint64_t id, Hours hours, double weight, const Event& on_done) {
  advance(now);
  jobs_.push_back(Job{virtual_time_ + hours / weight, id, weight, on_done});
  std::push_heap(jobs_.begin(), jobs_.end(), Later{});
  total_weight_ += weight;
}

void ProcessorSharingWorker::set_speed(Days now, Hours hours_per_day) {
  advance(now);
  speed_ = hours_per_day;
}

std::optional<Days> ProcessorSharingWorker::next_completion() const {
  if (jobs_.empty() || speed_ <= 0.0) return std::nullopt;
  const double remaining_virtual = std::max(0.0, jobs_.front().finish_virtual - virtual_time_);
  return last_update_ + remaining_virtual * total_weight_ / speed_;
}

ProcessorSharingWorker::Job ProcessorSharingWorker::pop_first(Days now) {
  advance(now);
  std::pop_heap(jobs_.begin(), jobs_.end(), Later{});
  Job job = jobs_.back();
  jobs_.pop_back();
  total_weight_ -= job.weight;
  // Guard against drift: an empty worker has no weight at all.
  if (jobs_.empty()) total_weight_ = 0.0;
  return job;
}

}  // namespace ketensim::sim
