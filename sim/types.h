// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>

namespace ketensim::sim {

/// Simulated time is measured in days from the start of the run.
using Days = double;
/// Work is measured in productive hours.
using Hours = double;

/// Index of a zone of the platform (the nation, a region, an organisation's area).
using ZoneId = std::uint32_t;
/// Index of a staff position (a host on the SimGrid platform, a caseload resource natively).
using WorkerId = std::uint32_t;

}  // namespace ketensim::sim
