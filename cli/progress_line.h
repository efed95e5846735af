// SPDX-License-Identifier: MIT
#pragma once
#include <chrono>

#include "models/simulation.h"

namespace ketensim::cli {

/// Shows "replication 1/5  day 400/1826  1.2 M events/s  about 3 s left" on stderr, when
/// stderr is a terminal, at most a few times per second.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  void update(const model::Progress& progress);
  void finish();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  double last_shown_ = -1.0;
  bool shown_ = false;
};

}  // namespace ketensim::cli
