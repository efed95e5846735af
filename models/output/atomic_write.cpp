// SPDX-License-Identifier: MIT
#include "models/output/atomic_write.h"

#include <fcntl.h>
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

}  // namespace

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
