// SPDX-License-Identifier: MIT
#include "cli/package_location.h"

#include <climits>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <sys/wait.h>
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

bool run_package_script(const std::string& script, const std::vector<std::string>& arguments,
                        const std::string& what_is_missing) {
  const auto found = package_file(script);
  if (!found) {
    std::cerr << "warning: " << what_is_missing << ": " << script << " of the ketensim Python package is in none of";
    for (const auto& directory : package_directories()) std::cerr << " " << directory;
    std::cerr << "\n";
    return false;
  }
  std::vector<char*> argv;
  std::string python = "python3";
  argv.push_back(python.data());
  std::string path = *found;
  argv.push_back(path.data());
  std::vector<std::string> copies(arguments);
  for (auto& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    execv("/usr/bin/python3", argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "warning: " << what_is_missing << ": " << path << " failed (it needs /usr/bin/python3 with h5py and matplotlib)\n";
    return false;
  }
  return true;
}

}  // namespace ketensim::cli
