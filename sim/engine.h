// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "sim/event.h"
#include "sim/platform.h"
#include "sim/types.h"

namespace ketensim::sim {

/// Identifies one piece of work started on a worker, so it can be looked up or reported.
using JobId = std::uint64_t;

/// The small interface between the model and a discrete-event engine.
///
/// The model builds a `Platform` (zones and staff positions) before time starts, then asks
/// the engine for four things: an event at a date, work on a worker's caseload (shared by
/// processor sharing), a hand-over between zones that takes the platform's route delay, and
/// a change of a worker's speed. Every call may be made from inside `EventHandler::handle`.
///
/// Processor sharing: a worker with speed s hours/day and open jobs with weights w_i serves
/// job i at s * w_i / sum(w) hours per day. A job of h hours at weight w alone on a worker
/// of speed s finishes after h / s days whatever its weight. The model uses the number of
/// children as the weight, so a family of three takes three shares of its guardian's time
/// and brings three times the work.
class Engine {
 public:
  virtual ~Engine() = default;

  /// Name for messages and output attributes ("native" or "simgrid").
  [[nodiscard]] virtual std::string name() const = 0;

  /// Current simulated date.
  [[nodiscard]] virtual Days now() const = 0;

  /// Delivers `event` to the handler at `date` (>= now).
  virtual void schedule_at(Days date, const Event& event) = 0;

  /// Starts `hours` of work on `worker`, shared with its other jobs at weight `weight` (> 0).
  /// `on_done` is delivered when the work is complete.
  virtual JobId start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) = 0;

  /// Changes how many productive hours per day `worker` delivers (0 stops its work);
  /// work in progress keeps what it has done and continues at the new speed.
  virtual void set_speed(WorkerId worker, Hours hours_per_day) = 0;

  /// Sends something from zone `from` to zone `to` over the platform; `on_arrival` is
  /// delivered after the route's delay.
  virtual void hand_over(ZoneId from, ZoneId to, const Event& on_arrival) = 0;

  /// Runs until no event is left or the date reaches `end`, whichever comes first. Events
  /// due exactly at `end` are delivered. Can be called again with a later end date.
  virtual void run_until(Days end) = 0;

  /// Number of events delivered to the handler so far.
  [[nodiscard]] virtual std::uint64_t events_delivered() const = 0;
};

enum class EngineKind { native, simgrid };

/// Parses "native" or "simgrid"; throws std::invalid_argument naming the valid names.
EngineKind engine_kind_from_name(const std::string& name);

/// Builds an engine over `platform` delivering to `handler`. Both must outlive the engine.
/// Only one SimGrid engine can exist per process (a SimGrid limitation): run each SimGrid
/// simulation in its own process.
std::unique_ptr<Engine> make_engine(EngineKind kind, const Platform& platform, EventHandler& handler);

}  // namespace ketensim::sim
