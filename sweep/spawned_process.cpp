// SPDX-License-Identifier: MIT
#include "sweep/spawned_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <utility>

extern char** environ;

namespace ketensim::sweep {
namespace {

// Error text beyond this is cut: a runaway child must not fill the sweep's memory.
constexpr std::size_t max_stderr_bytes = 16384;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// posix_spawn's file actions, released however the start ends.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

}  // namespace

std::string ProcessOutcome::describe(const std::string& program) const {
  std::string text = trim(stderr_text);
  if (!text.empty()) return text;
  if (signal != 0) return program + " was killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return program + " exited with code " + std::to_string(exit_code) + " and no message";
}

SpawnedProcess::SpawnedProcess(const std::vector<std::string>& argv) {
  if (argv.empty()) throw std::invalid_argument("SpawnedProcess: empty command");
  int pipe_fds[2];
  // Close-on-exec, so that no other child inherits this pipe and holds it open.
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot start " + argv[0] + ": cannot create a pipe: " + std::strerror(errno));
  }
  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), pipe_fds[1], STDERR_FILENO);
  std::vector<char*> pointers;
  for (const std::string& word : argv) pointers.push_back(const_cast<char*>(word.c_str()));
  pointers.push_back(nullptr);
  // The child starts with default signal handling, whatever the sweep installed.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const int error = ::posix_spawn(&pid_, argv[0].c_str(), actions.get(), &attributes, pointers.data(), environ);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (error != 0) {
    ::close(pipe_fds[0]);
    pid_ = -1;
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  }
  stderr_fd_ = pipe_fds[0];
  ::fcntl(stderr_fd_, F_SETFL, ::fcntl(stderr_fd_, F_GETFL) | O_NONBLOCK);
}

SpawnedProcess::SpawnedProcess(SpawnedProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      stderr_fd_(std::exchange(other.stderr_fd_, -1)),
      stderr_text_(std::move(other.stderr_text_)) {}

SpawnedProcess& SpawnedProcess::operator=(SpawnedProcess&& other) noexcept {
  if (this != &other) {
    release();
    pid_ = std::exchange(other.pid_, -1);
    stderr_fd_ = std::exchange(other.stderr_fd_, -1);
    stderr_text_ = std::move(other.stderr_text_);
  }
  return *this;
}

SpawnedProcess::~SpawnedProcess() { release(); }

void SpawnedProcess::release() noexcept {
  if (stderr_fd_ >= 0) ::close(std::exchange(stderr_fd_, -1));
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
}

bool SpawnedProcess::read_stderr() {
  if (stderr_fd_ < 0) return false;
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(stderr_fd_, buffer, sizeof buffer);
    if (got > 0) {
      const std::size_t room = max_stderr_bytes > stderr_text_.size() ? max_stderr_bytes - stderr_text_.size() : 0;
      stderr_text_.append(buffer, std::min<std::size_t>(room, static_cast<std::size_t>(got)));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    ::close(std::exchange(stderr_fd_, -1));  // end of file, or a broken pipe: nothing more to read
    return false;
  }
}

ProcessOutcome SpawnedProcess::wait() {
  if (stderr_fd_ >= 0) ::fcntl(stderr_fd_, F_SETFL, ::fcntl(stderr_fd_, F_GETFL) & ~O_NONBLOCK);
  while (read_stderr()) {
  }
  ProcessOutcome outcome;
  int status = 0;
  pid_t done = -1;
  while ((done = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (done < 0) throw std::runtime_error(std::string("cannot wait for a child process: ") + std::strerror(errno));
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  outcome.stderr_text = std::move(stderr_text_);
  return outcome;
}

void SpawnedProcess::terminate() const {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

}  // namespace ketensim::sweep
