// SPDX-License-Identifier: MIT
#include "models/output/atomic_write.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace ketensim::output {
namespace {

void sync_to_disk(const std::string& path, int flags, bool required, const std::string& shown_name) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    if (required) throw std::runtime_error(shown_name + ": cannot sync " + path + " to disk: " + std::strerror(error));
    return;
  }
  ::close(fd);
}

void create_parent_directory(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) throw std::runtime_error(path + ": cannot create directory '" + parent.string() + "': " + error.message());
}

/// Whether process `pid` still runs (or exists under another user, which we cannot tell
/// from a live writer, so it counts as running).
bool process_exists(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

}  // namespace

void remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const long pid = std::stol(digits);
    if (pid <= 0 || pid == ::getpid() || process_exists(pid)) continue;
    std::error_code ignored;  // another writer may be removing it too
    fs::remove(it->path(), ignored);
  }
}

std::string temporary_path_for(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

std::string now_utc_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void write_atomically(const std::string& path, const std::function<void(const std::string& temporary)>& write,
                      const std::function<void(const std::string& temporary)>& before_rename) {
  create_parent_directory(path);
  remove_stale_temporaries(path);
  const std::string temporary = temporary_path_for(path);
  try {
    write(temporary);
    sync_to_disk(temporary, O_RDONLY, true, path);
    if (before_rename) before_rename(temporary);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
      throw std::runtime_error(path + ": cannot move " + temporary + " into place: " + std::strerror(errno));
    }
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
  // Makes the rename itself durable; the file is already complete if this fails.
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  sync_to_disk(parent.empty() ? "." : parent.string(), O_RDONLY | O_DIRECTORY, false, path);
}

}  // namespace ketensim::output
