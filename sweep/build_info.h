// SPDX-License-Identifier: MIT
#pragma once

namespace ketensim::sweep {

/// Version and source revision of this build, written into the summary. The sweep keeps its
/// own copy: the runner library that has them links SimGrid, which the MPI driver must not.
const char* software_version();
const char* git_revision();

}  // namespace ketensim::sweep
