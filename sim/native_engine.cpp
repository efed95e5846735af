// SPDX-License-Identifier: MIT
#include "sim/native_engine.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ketensim::sim {

NativeEngine::NativeEngine(const Platform& platform, EventHandler& handler)
    : platform_(platform), handler_(handler), versions_(platform.workers().size(), 0) {
  workers_.reserve(platform.workers().size());
  for (const auto& worker : platform.workers()) workers_.emplace_back(worker.hours_per_day);
}

void NativeEngine::schedule_at(Days date, const Event& event) {
  if (date < now_) {
    throw std::logic_error("native engine: event scheduled in the past (" + std::to_string(date) + " < " +
                           std::to_string(now_) + ")");
  }
  queue_.push(date, event.order, Pending{event, 0, 0, false});
}

JobId NativeEngine::start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) {
  if (weight <= 0.0) throw std::logic_error("native engine: work weight must be > 0");
  const JobId id = next_job_++;
  workers_.at(worker).add(now_, id, hours, weight, on_done);
  reschedule(worker);
  return id;
}

void NativeEngine::set_speed(WorkerId worker, Hours hours_per_day) {
  workers_.at(worker).set_speed(now_, hours_per_day);
  reschedule(worker);
}

void NativeEngine::hand_over(ZoneId from, ZoneId to, const Event& on_arrival) {
  schedule_at(now_ + platform_.route_delay(from, to), on_arrival);
}

void NativeEngine::reschedule(WorkerId worker) {
  const std::uint64_t version = ++versions_[worker];
  if (const auto date = workers_[worker].next_completion()) {
    queue_.push(*date, 0, Pending{Event{}, worker, version, true});
  }
}

void NativeEngine::run_until(Days end) {
  while (!queue_.empty() && queue_.top().date <= end) {
    const auto entry = queue_.pop();
    if (entry.payload.is_completion) {
      const WorkerId worker = entry.payload.worker;
      if (entry.payload.version != versions_[worker]) continue;  // superseded by a later change
      now_ = entry.date;
      const auto job = workers_[worker].pop_first(now_);
      reschedule(worker);
      ++delivered_;
      handler_.handle(job.on_done);
    } else {
      now_ = entry.date;
      ++delivered_;
      handler_.handle(entry.payload.event);
    }
  }
  // The clock reaches the end date even when the last event came earlier, so that a
  // following run_until continues from there.
  if (std::isfinite(end) && end > now_) now_ = end;
}

}  // namespace ketensim::sim
