// SPDX-License-Identifier: MIT
#pragma once
#include <stdexcept>
#include <string>

namespace ketensim::sweep {

/// Thrown when SIGINT or SIGTERM arrived and the sweep stopped its children.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal);
  [[nodiscard]] int signal() const { return signal_; }

 private:
  int signal_;
};

/// While alive, SIGINT and SIGTERM only set a flag (and interrupt blocking calls such as
/// poll), so the sweep can stop its children, remove their temporary files and leave the
/// finished points for a restart, instead of dying with children still writing.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The signal that arrived, or 0.
  static int received();
  /// Throws Interrupted when a signal arrived.
  static void throw_if_received();
};

}  // namespace ketensim::sweep
