// SPDX-License-Identifier: MIT
#include "sim/child_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <stdexcept>

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

}  // namespace

std::string run_in_child_process(const std::function<std::string()>& work) {
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
    child_main(fds[1], work);
  }
  ::close(fds[1]);

  // Read until the child closes its end (when it exits), so a large result cannot fill the
  // pipe and block the child while we wait for it.
  std::string bytes;
  char buffer[1 << 16];
  std::string read_error;
  while (true) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      bytes.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      read_error = errno_text("child process: read");
      break;
    }
  }
  ::close(fds[0]);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(errno_text("child process: waitpid"));
  }
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
  if (bytes.empty()) throw std::runtime_error("child process exited without a result");
  const char tag = bytes[0];
  bytes.erase(0, 1);  // in place: results can be large
  if (tag == kError) throw std::runtime_error(bytes);
  return bytes;
}

}  // namespace ketensim::sim
