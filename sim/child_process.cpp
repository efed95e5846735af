// SPDX-License-Identifier: MIT
#include "sim/child_process.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <vector>

namespace ketensim::sim {

namespace {

// The child's first byte says what follows: a result, or the message of an exception.
constexpr char kResult = 'R';
constexpr char kError = 'E';

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGABRT: return "SIGABRT";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal " + std::to_string(signal);
  }
}

[[noreturn]] void child_main(int fd, const std::function<std::string()>& work) {
  std::string message;
  char tag = kResult;
  try {
    message = work();
  } catch (const std::exception& error) {
    tag = kError;
    message = error.what();
  } catch (...) {
    tag = kError;
    message = "unknown exception (not derived from std::exception)";
  }
  // _exit skips stdio's flush: flush here so that the child's own output is not lost.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const bool sent = write_all(fd, &tag, 1) && write_all(fd, message.data(), message.size());
  ::close(fd);
  ::_exit(sent ? 0 : 3);
}

// A forked child whose result is still arriving through its pipe.
struct RunningChild {
  pid_t pid = -1;
  int fd = -1;
  std::size_t index = 0;
  std::string bytes;
};

RunningChild start_child(std::size_t index, const std::function<std::string(std::size_t)>& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(errno_text("child process: pipe"));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string error = errno_text("child process: fork");
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(error);
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], [&] { return work(index); });
  }
  ::close(fds[1]);
  return RunningChild{pid, fds[0], index, {}};
}

// Reaps a child whose pipe has closed and returns its result, or throws what it said or
// how it ended.
std::string finish_child(RunningChild& child, const std::string& read_error) {
  ::close(child.fd);
  child.fd = -1;
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(errno_text("child process: waitpid"));
  }
  child.pid = -1;
  if (!read_error.empty()) throw std::runtime_error(read_error);
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    throw std::runtime_error("child process killed by " + signal_name(signal) + " (" + std::to_string(signal) + ", " +
                             ::strsignal(signal) + ")");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("child process exited with status " + std::to_string(WEXITSTATUS(status)) +
                             " without a result");
  }
  std::string bytes = std::move(child.bytes);
  if (bytes.empty()) throw std::runtime_error("child process exited without a result");
  const char tag = bytes[0];
  bytes.erase(0, 1);  // in place: results can be large
  if (tag == kError) throw std::runtime_error(bytes);
  return bytes;
}

// On a failure the children still running have no use: stop and reap them.
void stop_children(std::vector<RunningChild>& running) {
  for (auto& child : running) {
    if (child.pid > 0) ::kill(child.pid, SIGKILL);
  }
  for (auto& child : running) {
    if (child.fd >= 0) ::close(child.fd);
    if (child.pid > 0) {
      int status = 0;
      while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  running.clear();
}

}  // namespace

std::string run_in_child_process(const std::function<std::string()>& work) {
  std::string result;
  run_in_child_processes(
      1, 1, [&](std::size_t) { return work(); }, [&](std::size_t, std::string&& bytes) { result = std::move(bytes); });
  return result;
}

void run_in_child_processes(std::size_t count, unsigned at_once, const std::function<std::string(std::size_t)>& work,
                            const std::function<void(std::size_t, std::string&&)>& take) {
  const std::size_t limit = std::max<std::size_t>(1, at_once);
  std::vector<RunningChild> running;
  std::size_t next = 0;
  try {
    while (next < count || !running.empty()) {
      while (next < count && running.size() < limit) running.push_back(start_child(next++, work));
      // Read every pipe as data arrives, so that a large result cannot fill a pipe and block
      // its child while we wait for another.
      std::vector<pollfd> polled;
      for (const auto& child : running) polled.push_back(pollfd{child.fd, POLLIN, 0});
      if (::poll(polled.data(), polled.size(), -1) < 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error(errno_text("child process: poll"));
      }
      for (std::size_t i = running.size(); i-- > 0;) {
        if (polled[i].revents == 0) continue;
        RunningChild& child = running[i];
        char buffer[1 << 16];
        const ssize_t n = ::read(child.fd, buffer, sizeof buffer);
        if (n > 0) {
          child.bytes.append(buffer, static_cast<std::size_t>(n));
          continue;
        }
        if (n < 0 && errno == EINTR) continue;
        const std::string read_error = n < 0 ? errno_text("child process: read") : std::string();
        RunningChild done = std::move(child);
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        std::string result;
        try {
          result = finish_child(done, read_error);
        } catch (...) {
          stop_children(running);
          throw;
        }
        take(done.index, std::move(result));
      }
    }
  } catch (...) {
    stop_children(running);
    throw;
  }
}

}  // namespace ketensim::sim
