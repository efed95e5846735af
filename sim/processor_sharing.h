// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/event.h"
#include "sim/types.h"

namespace ketensim::sim {

/// Exact weighted processor sharing on one worker, by virtual time.
///
/// Virtual time V grows at speed / (sum of weights) per day while the worker has jobs: a
/// job of h hours at weight w started at virtual time V0 is done when V reaches V0 + h / w.
/// Jobs therefore sit in a min-heap by finishing virtual time and every operation is
/// O(log n) in the worker's caseload.
class ProcessorSharingWorker {
 public:
  struct Job {
    double finish_virtual;
    std::uint64_t id;
    double weight;
    Event on_done;
  };

  explicit ProcessorSharingWorker(Hours hours_per_day = 0.0) : speed_(hours_per_day) {}

  /// Brings virtual time up to `now`; call before any change.
  void advance(Days now);
  void add(Days now, std::uint64_t id, Hours hours, double weight, const Event& on_done);
  void set_speed(Days now, Hours hours_per_day);
  /// Date of the next completion, if there is one and the worker is working.
  [[nodiscard]] std::optional<Days> next_completion() const;
  /// Removes and returns the job with the smallest finishing virtual time.
  Job pop_first(Days now);

  /// Same-instant order of the job that completes next (see Event::order).
  [[nodiscard]] std::uint8_t first_job_order() const { return jobs_.empty() ? 0 : jobs_.front().on_done.order; }
  /// What the job that completes next hands back; the worker must have a job.
  [[nodiscard]] const Event& first_job_event() const { return jobs_.front().on_done; }
  [[nodiscard]] std::size_t job_count() const { return jobs_.size(); }
  [[nodiscard]] double total_weight() const { return total_weight_; }
  [[nodiscard]] Hours speed() const { return speed_; }

 private:
  // A function object, not a function: std::push_heap and std::pop_heap then inline the
  // comparison instead of calling through a pointer at every level of the heap.
  struct Later {
    bool operator()(const Job& a, const Job& b) const {
      if (a.finish_virtual != b.finish_virtual) return a.finish_virtual > b.finish_virtual;
      return a.id > b.id;
    }
  };
  std::vector<Job> jobs_;  // heap ordered by Later
  Hours speed_;
  double total_weight_ = 0.0;
  double virtual_time_ = 0.0;
  Days last_update_ = 0.0;
};

}  // namespace ketensim::sim
