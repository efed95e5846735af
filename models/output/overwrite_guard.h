// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>

// Writing onto an existing file is allowed only when it is a file ketensim made for the
// same purpose: a result file of the same kind, or a plot it drew. Anything else (notes,
// a thesis, another program's HDF5 file, a damaged file) is refused unless forced.
namespace ketensim::output {

/// Why `path` must not be overwritten by a `filetype` file ("ketensim.run", ...), or nothing
/// when it does not exist or is a readable ketensim file of that kind.
std::optional<std::string> foreign_result_file(const std::string& path, const std::string& filetype);

/// The text chunk every PNG ketensim draws carries (bindings/python/ketensim/comparison_plots.py):
/// keyword "Software", value starting with this.
inline constexpr const char* png_software_marker = "ketensim";

/// Why the PNG at `path` must not be overwritten by a plot, or nothing when it does not
/// exist or is a PNG ketensim drew.
std::optional<std::string> foreign_plot_file(const std::string& path);

/// "PATH: exists and REASON; refusing to overwrite it (--force overwrites it)".
std::string refusal_message(const std::string& path, const std::string& reason);

}  // namespace ketensim::output
