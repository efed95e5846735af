// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ketensim::sweep {

/// A Latin hypercube sample of `points` points in the unit interval, for one dimension.
///
/// Value i lies in stratum order[i] of the `points` equal strata of [0, 1), at a random
/// offset inside it, so every stratum holds exactly one point. Each dimension draws from
/// its own counter-based stream keyed by (seed, "latin_hypercube", name): the sample is the
/// same on every platform and build, and adding a dimension leaves the others unchanged.
std::vector<double> latin_hypercube_column(std::uint32_t points, std::uint64_t seed, const std::string& name);

}  // namespace ketensim::sweep
