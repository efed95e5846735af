// SPDX-License-Identifier: MIT
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ketensim::sweep {

/// Shows how a sweep is going on stderr: "sweep: 12/40 points done, 1 failed, 2 running,
/// about 35 s left". On a terminal the line redraws in place a few times per second;
/// otherwise (a batch job's log) a plain line is printed each time another tenth of the
/// points is done. Failed points are reported as they happen, on lines of their own.
class SweepProgress {
 public:
  /// `total` points, of which `already_done` were finished before this run started.
  SweepProgress(std::size_t total, std::size_t already_done, bool enabled);

  void started();
  void finished(std::uint32_t point, bool ok, const std::string& error);
  /// Redraws the terminal line when it is due.
  void refresh();
  /// Clears the terminal line.
  void close();

 private:
  [[nodiscard]] std::string line() const;
  void draw(bool force);

  std::size_t total_;
  std::size_t done_;
  std::size_t done_here_ = 0;  // finished by this run: the basis of the time estimate
  std::size_t failed_ = 0;
  std::size_t running_ = 0;
  bool enabled_;
  bool terminal_;
  bool shown_ = false;
  std::size_t next_plain_tenth_ = 1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace ketensim::sweep
