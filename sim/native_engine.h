// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "sim/engine.h"
#include "sim/event_queue.h"
#include "sim/indexed_heap.h"
#include "sim/processor_sharing.h"

namespace ketensim::sim {

/// The default engine: a two-level queue of timed events (sim/event_queue.h), exact
/// processor sharing per worker by virtual time, and an indexed heap holding each busy
/// worker's next completion, updated in place whenever its jobs or its speed change. The
/// next thing to happen is the earlier of the two tops; both share one insertion counter,
/// so simultaneous entries keep the order they were scheduled in (docs/engine.md).
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
  void reschedule(WorkerId worker);
  /// Which heap holds the next thing to happen: the earlier of the two tops.
  enum class Source : std::uint8_t { none, timed, completion };
  [[nodiscard]] Source first_source() const;
  /// Passes the event after the one about to run to the handler's `upcoming`.
  void hint_next();

  const Platform& platform_;
  EventHandler& handler_;
  EventQueue<Event> timed_;
  IndexedHeap<DueKey> completions_;  // busy workers by the due key of their next completion
  std::vector<ProcessorSharingWorker> workers_;
  Days now_ = 0.0;
  JobId next_job_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t delivered_ = 0;
};

}  // namespace ketensim::sim
