// SPDX-License-Identifier: MIT
#include "models/output/overwrite_guard.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "models/output/hdf5_io.h"

namespace ketensim::output {
namespace {

namespace fs = std::filesystem;

/// Nothing when `path` does not exist; a reason when it is not a regular file.
std::optional<std::string> not_a_regular_file(const std::string& path, bool& exists) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  exists = !error && fs::exists(status);
  if (!exists) return std::nullopt;
  if (fs::is_directory(status)) return std::string("is a directory");
  if (!fs::is_regular_file(fs::status(path, error))) return std::string("is not a regular file");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> foreign_result_file(const std::string& path, const std::string& filetype) {
  bool exists = false;
  if (auto reason = not_a_regular_file(path, exists)) return reason;
  if (!exists) return std::nullopt;
  try {
    const h5::File file = h5::open_file(path);  // checks the seal first
    const std::string found =
        h5::has_attribute(file, "filetype") ? h5::read_string_attribute(file, "filetype") : std::string();
    if (found == filetype) return std::nullopt;
    return "is not a " + filetype + " file (" + (found.empty() ? "no filetype" : "filetype '" + found + "'") + ")";
  } catch (const std::exception& e) {
    std::string why = e.what();
    if (why.rfind(path + ": ", 0) == 0) why.erase(0, path.size() + 2);
    return "is not a readable " + filetype + " file (" + why + ")";
  }
}

std::optional<std::string> foreign_plot_file(const std::string& path) {
  bool exists = false;
  if (auto reason = not_a_regular_file(path, exists)) return reason;
  if (!exists) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  // A PNG's text chunks: length, "tEXt", keyword, NUL, text. Matplotlib writes them
  // before the image data, so the first 64 KiB hold them.
  const std::string signature = "\x89PNG\r\n\x1a\n";
  const std::string marker = std::string("tEXtSoftware") + '\0' + png_software_marker;
  if (head.compare(0, signature.size(), signature) == 0 && head.find(marker) != std::string::npos) return std::nullopt;
  return std::string("is not a plot ketensim drew");
}

std::string refusal_message(const std::string& path, const std::string& reason) {
  return path + ": exists and " + reason + "; refusing to overwrite it (--force overwrites it)";
}

}  // namespace ketensim::output
