// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>

// The seal of a result file: a checksum over everything HDF5 wrote, kept in the file's
// user block (bytes HDF5 reserves for the application and never reads). Readers check it
// before HDF5 touches a byte, so a damaged file is refused with a message instead of
// reaching code in the HDF5 library that trusts what it reads (a damaged global heap was
// seen to crash it). docs/output-format.md describes the layout.
namespace ketensim::output {

/// Size of the user block every ketensim HDF5 file starts with (h5::create_file).
inline constexpr std::uint64_t seal_bytes = 512;

/// Writes the seal into the user block of the complete, closed file at `disk_path`; errors
/// name it `shown_name`.
void seal_file(const std::string& disk_path, const std::string& shown_name);

/// Throws std::runtime_error("PATH: ...") unless the file at `path` carries a seal that
/// matches its contents. Says whether the file is damaged (its size, its contents or the
/// seal changed), has no seal (not written by this format of ketensim), or is not HDF5.
void verify_seal(const std::string& path);

}  // namespace ketensim::output
