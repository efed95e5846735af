// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ketensim::cli {

/// The folders where the `ketensim` Python package may sit, relative to this program
/// (/proc/self/exe), most likely first: BUILD/python/ketensim beside BUILD/ketensim after a
/// build, PREFIX/lib/python3/dist-packages/ketensim beside PREFIX/bin/ketensim after
/// `cmake --install` (docs/install.md). Never a path fixed at build time, so an installed
/// prefix works without the source or build tree, and after being moved.
std::vector<std::string> package_directories();

/// The first of package_directories() that holds `file`, or nothing.
std::optional<std::string> package_file(const std::string& file);

/// Runs the package's `script` (found with package_file) with Debian's /usr/bin/python3 and
/// `arguments`. False, after a warning that starts with `what_is_missing` (e.g. "no plots"),
/// when the script is not found or fails.
bool run_package_script(const std::string& script, const std::vector<std::string>& arguments,
                        const std::string& what_is_missing);

}  // namespace ketensim::cli
