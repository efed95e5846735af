// SPDX-License-Identifier: MIT
#include "cli/progress_line.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace ketensim::cli {

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO) != 0) {}

void ProgressLine::update(const model::Progress& p) {
  // Throttled on this object's own clock: with several jobs, reports of replications that
  // started at different times arrive interleaved.
  const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - created_).count();
  if (!enabled_ || now - last_shown_ < 0.25) return;
  last_shown_ = now;
  const double rate = p.wall_seconds > 0 ? static_cast<double>(p.events) / p.wall_seconds : 0.0;
  const double done = p.end_days > 0 ? p.simulated_days / p.end_days : 1.0;
  // Time left for the whole run: this replication's pace, times what remains of all of them.
  const double per_replication = done > 0 ? p.wall_seconds / done : 0.0;
  const double left = per_replication * (1.0 - done) + per_replication * (p.replications - p.replication - 1);
  std::fprintf(stderr, "\rreplication %u/%u  day %.0f/%.0f  %.2f M events/s  about %.0f s left   ", p.replication + 1,
               p.replications, p.simulated_days, p.end_days, rate / 1e6, left);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::finish() {
  if (shown_) std::fprintf(stderr, "\r%80s\r", "");
  shown_ = false;
}

}  // namespace ketensim::cli
