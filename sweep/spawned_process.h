// SPDX-License-Identifier: MIT
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace ketensim::sweep {

/// How a child process ended, and what it wrote on stderr.
struct ProcessOutcome {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  std::string stderr_text;
  [[nodiscard]] bool succeeded() const { return signal == 0 && exit_code == 0; }
  /// Its stderr, trimmed; when it said nothing, how it ended ("exited with code 1",
  /// "killed by signal 9 (Killed)").
  [[nodiscard]] std::string describe(const std::string& program) const;
};

/// A program started in a child process with stdin and stdout on /dev/null and stderr
/// captured through a pipe.
///
/// Started with posix_spawn rather than fork: it does not copy the parent's memory, which
/// matters in an MPI rank (forking a process with registered network memory is unsafe on
/// some interconnects) and in a large parent. The destructor kills and reaps a child that
/// is still running, so no child outlives an exception.
class SpawnedProcess {
 public:
  /// Starts argv[0] with arguments argv[1...]; throws std::runtime_error naming the
  /// program when it cannot be started.
  explicit SpawnedProcess(const std::vector<std::string>& argv);
  SpawnedProcess(const SpawnedProcess&) = delete;
  SpawnedProcess& operator=(const SpawnedProcess&) = delete;
  SpawnedProcess(SpawnedProcess&& other) noexcept;
  SpawnedProcess& operator=(SpawnedProcess&& other) noexcept;
  ~SpawnedProcess();

  [[nodiscard]] pid_t pid() const { return pid_; }
  /// The read end of the stderr pipe, for poll(); -1 once it reached end of file.
  [[nodiscard]] int stderr_fd() const { return stderr_fd_; }
  /// Reads what stderr has without blocking; false once it reached end of file.
  bool read_stderr();
  /// Reads stderr to its end, waits for the child and says how it ended.
  ProcessOutcome wait();
  /// Asks the child to stop (SIGTERM); wait() still has to reap it.
  void terminate() const;

 private:
  void release() noexcept;
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  std::string stderr_text_;
};

}  // namespace ketensim::sweep
