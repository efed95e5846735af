// SPDX-License-Identifier: MIT
#include "cli/package_location.h"

#include <climits>
#include <filesystem>
#include <system_error>

#include <unistd.h>

#ifndef KETENSIM_PYTHONDIR_FROM_BINDIR
#define KETENSIM_PYTHONDIR_FROM_BINDIR "../lib/python3/dist-packages"
#endif

namespace ketensim::cli {
namespace {

std::filesystem::path program_directory() {
  char path[PATH_MAX];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return std::filesystem::current_path();
  return std::filesystem::path(std::string(path, static_cast<std::size_t>(length))).parent_path();
}

}  // namespace

std::vector<std::string> package_directories() {
  const auto here = program_directory();
  return {(here / "python" / "ketensim").lexically_normal().string(),
          (here / KETENSIM_PYTHONDIR_FROM_BINDIR / "ketensim").lexically_normal().string()};
}

std::optional<std::string> package_file(const std::string& file) {
  for (const auto& directory : package_directories()) {
    const auto candidate = std::filesystem::path(directory) / file;
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return std::nullopt;
}

}  // namespace ketensim::cli
