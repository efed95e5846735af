// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "models/sensitivity.h"

namespace ketensim::output {

/// Filetype and version of a sensitivity file (docs/scenario-comparison.md, "Sensitivity").
inline constexpr const char* sensitivity_filetype = "ketensim.sensitivity";
inline constexpr const char* sensitivity_format_version = "1.0";

/// Writes what `compare --sensitivity` found to an HDF5 file, atomically and sealed.
void write_sensitivity(const model::Sensitivity& sensitivity, const std::string& path, const std::string& software_version,
                       const std::string& git_revision);

}  // namespace ketensim::output
