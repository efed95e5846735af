// SPDX-License-Identifier: MIT
#include "models/output/file_identity.h"

#include "models/output/atomic_write.h"
#include "models/output/hdf5_io.h"

namespace ketensim::output {

void write_file_identity(const h5::File& file, const std::string& filetype, const std::string& format_version,
                         const std::string& software_version, const std::string& git_revision) {
  h5::write_attribute(file, "filetype", filetype);
  h5::write_attribute(file, "format_version", format_version);
  h5::write_attribute(file, "software_version", software_version);
  h5::write_attribute(file, "git_revision", git_revision);
  h5::write_attribute(file, "created", now_utc_iso8601());
}

}  // namespace ketensim::output
