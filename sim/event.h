// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>

namespace ketensim::sim {

/// What the engine hands back to the model when something it asked for happens.
///
/// The engine never interprets `kind`, `subject` or `detail`: the model chooses their
/// meaning (a family id, a stage). Keeping events plain values keeps the hot path free of
/// allocations and lets both engines store them the same way.
struct Event {
  Event() = default;
  Event(std::uint32_t kind, std::uint64_t subject = 0, std::uint64_t detail = 0, std::uint8_t order = 0)
      : kind(kind), order(order), subject(subject), detail(detail) {}

  std::uint32_t kind = 0;
  /// Order among events due at the same instant: lower runs first; ties then run in the
  /// order they were scheduled (see docs/engine.md, "simultaneous events"). It sits next to
  /// `kind` so that an event fills 24 bytes: the event heap moves them on every step.
  std::uint8_t order = 0;
  std::uint64_t subject = 0;
  std::uint64_t detail = 0;
};

/// The model side of the engine interface: receives every event when it is due.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
  /// A hint that `event` is probably the next one due. It changes nothing the model
  /// computes; a model may use it to fetch the memory that event will touch into the cache
  /// while the current event is being handled.
  virtual void upcoming(const Event& /*event*/) {}
};

}  // namespace ketensim::sim
