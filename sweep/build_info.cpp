// SPDX-License-Identifier: MIT
#include "sweep/build_info.h"

namespace ketensim::sweep {

const char* software_version() { return KETENSIM_VERSION; }
const char* git_revision() { return KETENSIM_GIT_REVISION; }

}  // namespace ketensim::sweep
