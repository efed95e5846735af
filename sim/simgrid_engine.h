// SPDX-License-Identifier: MIT
#pragma once
#include <memory>

#include "sim/engine.h"

namespace ketensim::sim {

/// The engine on SimGrid 3.32's S4U API, with the semantics of `NativeEngine`.
///
/// Mapping: SimGrid's clock is read as days. Each staff position is a single-core host whose
/// speed in flops is its productive hours per day; each job is an `Exec` of its hours on that
/// host with the job's weight as priority, so SimGrid's max-min sharing does the weighted
/// processor sharing (priority p gets a share proportional to p, as the weight natively). A
/// speed change restarts the worker's Execs with their remaining work rescaled, because a
/// host's speed cannot be set to an arbitrary value at run time. A hand-over is a real 0-byte
/// `Comm` between the two zones' post rooms over the netzone tree (CM02 network model,
/// latency factor 1: it takes exactly the sum of the route's latencies, which is
/// `Platform::route_delay`); its arrival waits in the dispatcher's heap and is delivered at
/// the routed latency once the Comm has completed.
///
/// Actors, all on one control host: a dispatcher holding the timed events (`schedule_at` and
/// hand-over arrivals) in the same (date, order, sequence) heap as the native engine, and one
/// actor per worker that has been given work, waiting (`wait_any`) on its Execs and a
/// doorbell. Calls made from inside the handler never block or yield: they only record what
/// to do, and the actor that delivered the event carries it out (starts Execs, rings
/// doorbells, starts Comms) once the handler has returned, at the same simulated instant. A
/// handler therefore runs atomically, as with the native engine.
///
/// Simultaneous events: timers and hand-over arrivals due at the same date keep the native
/// order (order, then scheduling sequence), and completions of one worker at the same date
/// come in job order, as natively. A completion that falls at exactly the date of a timer or
/// of another worker's completion may come before or after it (SimGrid wakes the actors in
/// its own order), where the native engine orders it by its heap sequence. SimGrid also
/// merges activity ends closer than its timing precision (1e-9 days) into one instant.
///
/// SimGrid allows one engine per process: a second `SimGridEngine` in the same process throws
/// std::logic_error. Run each SimGrid simulation in its own process (sim/child_process.h).
class SimGridEngine final : public Engine {
 public:
  struct Options {
    /// Stack of each SimGrid actor, in KiB. The model's handler runs on these stacks; pages
    /// are only committed when touched, so a generous size costs address space, not memory.
    int actor_stack_kib = 1024;
  };

  SimGridEngine(const Platform& platform, EventHandler& handler);
  SimGridEngine(const Platform& platform, EventHandler& handler, const Options& options);
  ~SimGridEngine() override;
  SimGridEngine(const SimGridEngine&) = delete;
  SimGridEngine& operator=(const SimGridEngine&) = delete;

  [[nodiscard]] std::string name() const override { return "simgrid"; }
  [[nodiscard]] Days now() const override;
  void schedule_at(Days date, const Event& event) override;
  JobId start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) override;
  void set_speed(WorkerId worker, Hours hours_per_day) override;
  void hand_over(ZoneId from, ZoneId to, const Event& on_arrival) override;
  void run_until(Days end) override;
  [[nodiscard]] std::uint64_t events_delivered() const override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketensim::sim
