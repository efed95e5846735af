// SPDX-License-Identifier: MIT
#include "sweep/sweep_progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace ketensim::sweep {
namespace {

std::string duration_text(double seconds) {
  char text[32];
  if (seconds < 90) {
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  } else if (seconds < 90 * 60) {
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  }
  return text;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

SweepProgress::SweepProgress(std::size_t total, std::size_t already_done, bool enabled)
    : total_(total), done_(already_done), enabled_(enabled), terminal_(isatty(STDERR_FILENO) != 0) {
  // Tenths already passed by a resumed sweep are not announced again.
  while (total_ > 0 && next_plain_tenth_ <= 10 && done_ * 10 >= next_plain_tenth_ * total_) ++next_plain_tenth_;
}

void SweepProgress::started() {
  ++running_;
  draw(false);
}

void SweepProgress::finished(std::uint32_t point, bool ok, const std::string& error) {
  if (running_ > 0) --running_;
  ++done_;
  ++done_here_;
  if (!ok) {
    ++failed_;
    if (shown_) std::fprintf(stderr, "\r%*s\r", 79, "");
    shown_ = false;
    std::fprintf(stderr, "point %u failed: %s\n", point, first_line(error).c_str());
  }
  if (enabled_ && !terminal_ && total_ > 0 && next_plain_tenth_ <= 10 && done_ * 10 >= next_plain_tenth_ * total_) {
    while (next_plain_tenth_ <= 10 && done_ * 10 >= next_plain_tenth_ * total_) ++next_plain_tenth_;
    std::fprintf(stderr, "%s\n", line().c_str());
  }
  draw(!ok);
}

void SweepProgress::refresh() { draw(false); }

void SweepProgress::close() {
  if (shown_) std::fprintf(stderr, "\r%*s\r", 79, "");
  shown_ = false;
  std::fflush(stderr);
}

std::string SweepProgress::line() const {
  std::string text = "sweep: " + std::to_string(done_) + "/" + std::to_string(total_) + " points done, " +
                     std::to_string(failed_) + " failed";
  if (running_ > 0) text += ", " + std::to_string(running_) + " running";
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (done_ < total_ && done_here_ > 0 && elapsed > 0) {
    // Points finish at the rate seen so far; the ones left take as long on average.
    const double rate = static_cast<double>(done_here_) / elapsed;
    text += ", about " + duration_text(static_cast<double>(total_ - done_) / rate) + " left";
  }
  return text;
}

void SweepProgress::draw(bool force) {
  if (!enabled_ || !terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && shown_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  std::fprintf(stderr, "\r%-79s", line().c_str());
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace ketensim::sweep
