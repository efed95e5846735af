// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "sim/engine.h"
#include "sim/event_queue.h"
#include "sim/processor_sharing.h"

namespace ketensim::sim {

/// The default engine: one binary heap of timed entries and exact processor sharing per
/// worker by virtual time. A worker's next completion is one heap entry, replaced (lazily,
/// by a version number) whenever its set of jobs or its speed changes.
class NativeEngine final : public Engine {
 public:
  NativeEngine(const Platform& platform, EventHandler& handler);

  [[nodiscard]] std::string name() const override { return "native"; }
  [[nodiscard]] Days now() const override { return now_; }
  void schedule_at(Days date, const Event& event) override;
  JobId start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) override;
  void set_speed(WorkerId worker, Hours hours_per_day) override;
  void hand_over(ZoneId from, ZoneId to, const Event& on_arrival) override;
  void run_until(Days end) override;
  [[nodiscard]] std::uint64_t events_delivered() const override { return delivered_; }

 private:
  struct Pending {
    Event event;           // delivered when due (unless this is a worker's completion check)
    WorkerId worker;       // for completion checks
    std::uint64_t version; // completion check is stale unless it matches the worker's version
    bool is_completion;
  };
  void reschedule(WorkerId worker);

  const Platform& platform_;
  EventHandler& handler_;
  EventQueue<Pending> queue_;
  std::vector<ProcessorSharingWorker> workers_;
  std::vector<std::uint64_t> versions_;
  Days now_ = 0.0;
  JobId next_job_ = 0;
  std::uint64_t delivered_ = 0;
};

}  // namespace ketensim::sim
