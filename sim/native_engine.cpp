// SPDX-License-Identifier: MIT
#include "sim/native_engine.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ketensim::sim {

NativeEngine::NativeEngine(const Platform& platform, EventHandler& handler)
    : platform_(platform), handler_(handler), completions_(platform.workers().size()) {
  workers_.reserve(platform.workers().size());
  for (const auto& worker : platform.workers()) workers_.emplace_back(worker.hours_per_day);
}

void NativeEngine::schedule_at(Days date, const Event& event) {
  if (date < now_) {
    throw std::logic_error("native engine: event scheduled in the past (" + std::to_string(date) + " < " +
                           std::to_string(now_) + ")");
  }
  timed_.push(DueKey::make(date, event.order, next_sequence_++), event);
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
  const auto& w = workers_[worker];
  if (const auto date = w.next_completion()) {
    completions_.set(worker, DueKey::make(*date, w.first_job_order(), next_sequence_++));
  } else {
    completions_.erase(worker);
  }
}

NativeEngine::Source NativeEngine::first_source() const {
  const bool have_timed = !timed_.empty();
  const bool have_completion = !completions_.empty();
  if (!have_timed && !have_completion) return Source::none;
  if (have_completion && (!have_timed || completions_.top_key() < timed_.top().key())) {
    return Source::completion;
  }
  return Source::timed;
}

void NativeEngine::hint_next() {
  // Unless the event about to run schedules something earlier, this is the one after it.
  switch (first_source()) {
    case Source::completion: handler_.upcoming(workers_[completions_.top()].first_job_event()); break;
    case Source::timed: handler_.upcoming(timed_.top().payload); break;
    case Source::none: break;
  }
}

void NativeEngine::run_until(Days end) {
  while (true) {
    const Source source = first_source();
    if (source == Source::none) break;
    if (source == Source::completion) {
      const WorkerId worker = completions_.top();
      const Days date = completions_.top_key().date;
      if (date > end) break;
      now_ = date;
      const auto job = workers_[worker].pop_first(now_);
      reschedule(worker);
      ++delivered_;
      hint_next();
      handler_.handle(job.on_done);
    } else {
      if (timed_.top().date > end) break;
      const auto entry = timed_.pop();
      now_ = entry.date;
      ++delivered_;
      hint_next();
      handler_.handle(entry.payload);
    }
  }
  // The clock reaches the end date even when the last event came earlier, so that a
  // following run_until continues from there.
  if (std::isfinite(end) && end > now_) now_ = end;
}

}  // namespace ketensim::sim
