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
  std::uint32_t kind = 0;
  std::uint64_t subject = 0;
  std::uint64_t detail = 0;
  /// Order among events due at the same instant: lower runs first; ties then run in the
  /// order they were scheduled (see docs/engine.md, "simultaneous events").
  std::uint8_t order = 0;
};

/// The model side of the engine interface: receives every event when it is due.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

}  // namespace ketensim::sim
