// SPDX-License-Identifier: MIT
#include "sweep/local_runner.h"

#include <poll.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "sweep/interrupt.h"

namespace ketensim::sweep {
namespace {

struct Running {
  std::size_t task;
  SpawnedProcess process;
};

// Stops every running child and leaves no temporary file behind.
void stop_all(std::vector<Running>& running, const std::vector<PointTask>& tasks) {
  for (const Running& r : running) r.process.terminate();
  for (Running& r : running) {
    const pid_t pid = r.process.pid();
    r.process.wait();
    std::error_code ignored;
    std::filesystem::remove(tasks[r.task].run_file + ".tmp-" + std::to_string(pid), ignored);
  }
  running.clear();
}

}  // namespace

unsigned available_processors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  return std::max(1U, std::thread::hardware_concurrency());
}

std::vector<PointOutcome> run_points_locally(const std::vector<PointTask>& tasks, unsigned jobs,
                                             SweepProgress& progress) {
  std::vector<PointOutcome> outcomes(tasks.size());
  std::vector<Running> running;
  std::size_t next = 0;
  try {
    while (next < tasks.size() || !running.empty()) {
      InterruptGuard::throw_if_received();
      while (next < tasks.size() && running.size() < std::max(1U, jobs)) {
        running.push_back({next, SpawnedProcess(tasks[next].command)});
        ++next;
        progress.started();
      }
      std::vector<pollfd> fds;
      for (const Running& r : running) fds.push_back({r.process.stderr_fd(), POLLIN, 0});
      // A timeout, so the progress line's time estimate keeps moving during long points.
      if (::poll(fds.data(), fds.size(), 250) < 0 && errno != EINTR) {
        throw std::runtime_error(std::string("poll failed: ") + std::strerror(errno));
      }
      // A Ctrl-C reaches the children too: stop before taking their deaths for failures.
      InterruptGuard::throw_if_received();
      for (std::size_t i = running.size(); i-- > 0;) {
        if (fds[i].revents == 0) continue;
        if (running[i].process.read_stderr()) continue;
        // End of file on stderr: the child is ending.
        const std::size_t t = running[i].task;
        const pid_t pid = running[i].process.pid();
        outcomes[t] = finish_point(tasks[t], pid, running[i].process.wait());
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        progress.finished(tasks[t].index, outcomes[t].ok, outcomes[t].error);
      }
      progress.refresh();
    }
  } catch (...) {
    stop_all(running, tasks);
    throw;
  }
  return outcomes;
}

}  // namespace ketensim::sweep
