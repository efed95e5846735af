// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <string>

#include "models/run_result.h"

namespace ketensim::output {

/// A replication's result as bytes, for a worker process to send to its parent through a
/// pipe. Format (all integers little-endian, doubles as their IEEE-754 bits):
///
///   header  "KSRR", u16 major (1), u16 minor (1), u64 payload size, u64 FNV-1a of payload
///   payload the ReplicationResult's fields in declaration order; strings are u32 length +
///           UTF-8 bytes, vectors are u64 count + elements.
///
/// Version 1.1 added the staff series (after the time series); a 1.0 message has none and
/// decodes with empty staff series.
///
/// The payload size lets a reader of a stream know where the message ends.
std::string encode(const model::ReplicationResult& replication);

/// The inverse of `encode`. Throws std::runtime_error on truncated or corrupted input, on
/// trailing bytes, and on a version newer than 1.1 or of another major version.
model::ReplicationResult decode_replication(const std::string& bytes);

/// Size of the fixed header; the payload size is the u64 at byte offset 8.
inline constexpr std::size_t codec_header_size = 24;

}  // namespace ketensim::output
