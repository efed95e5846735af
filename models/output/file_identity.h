// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "models/output/hdf5_handles.h"

namespace ketensim::output {

/// The root attributes every result file opens with (docs/output-format.md): what it is
/// (`filetype`, `format_version`), which build wrote it (`software_version`, `git_revision`)
/// and when (`created`, UTC). Readers check the first two before anything else.
void write_file_identity(const h5::File& file, const std::string& filetype, const std::string& format_version,
                         const std::string& software_version, const std::string& git_revision);

}  // namespace ketensim::output
