// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "models/comparison.h"

namespace ketensim::output {

/// Filetype and version of a comparison file (docs/scenario-comparison.md).
inline constexpr const char* comparison_filetype = "ketensim.compare";
inline constexpr const char* comparison_format_version = "2.0";

/// Writes a comparison to an HDF5 file, atomically (see write_atomically).
void write_comparison(const model::Comparison& comparison, const std::string& path, const std::string& software_version,
                      const std::string& git_revision);

}  // namespace ketensim::output
