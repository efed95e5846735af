// SPDX-License-Identifier: MIT
#include "models/output/file_seal.h"

#include <zlib.h>

#include <array>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace ketensim::output {
namespace {

constexpr const char* magic = "ketensim-seal 1\n";
constexpr std::array<unsigned char, 8> hdf5_signature = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

using Block = std::array<char, seal_bytes>;

/// The one rendering of a seal: text lines, then NULs up to the end of the user block.
/// Readers compare all 512 bytes with it, so a change anywhere in the block is damage.
Block render(std::uint32_t crc, std::uint64_t size) {
  Block block{};
  std::snprintf(block.data(), block.size(), "%scrc32 %08" PRIx32 "\nbytes %020" PRIu64 "\n", magic, crc, size);
  return block;
}

struct Closer {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, Closer>;

FilePtr open_or_throw(const std::string& path, const char* mode, const std::string& shown_name) {
  FilePtr file(std::fopen(path.c_str(), mode));
  if (!file) throw std::runtime_error(shown_name + ": cannot open: " + std::strerror(errno));
  return file;
}

/// CRC-32 of everything after the user block, and the file's whole size.
std::pair<std::uint32_t, std::uint64_t> checksum_after_block(std::FILE* file, const std::string& shown_name) {
  if (std::fseek(file, static_cast<long>(seal_bytes), SEEK_SET) != 0)
    throw std::runtime_error(shown_name + ": cannot seek: " + std::strerror(errno));
  std::vector<unsigned char> buffer(1 << 20);
  uLong crc = crc32(0L, Z_NULL, 0);
  std::uint64_t size = seal_bytes;
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file)) {
    crc = crc32(crc, buffer.data(), static_cast<uInt>(n));
    size += n;
  }
  if (std::ferror(file)) throw std::runtime_error(shown_name + ": cannot read: " + std::strerror(errno));
  return {static_cast<std::uint32_t>(crc), size};
}

bool has_hdf5_signature_at(std::FILE* file, long offset) {
  std::array<unsigned char, hdf5_signature.size()> bytes{};
  return std::fseek(file, offset, SEEK_SET) == 0 && std::fread(bytes.data(), 1, bytes.size(), file) == bytes.size() &&
         bytes == hdf5_signature;
}

}  // namespace

void seal_file(const std::string& disk_path, const std::string& shown_name) {
  const FilePtr file = open_or_throw(disk_path, "r+b", shown_name);
  if (!has_hdf5_signature_at(file.get(), static_cast<long>(seal_bytes)))
    throw std::runtime_error(shown_name + ": cannot seal: no HDF5 file after a " + std::to_string(seal_bytes) +
                             "-byte user block");
  const auto [crc, size] = checksum_after_block(file.get(), shown_name);
  const Block block = render(crc, size);
  if (std::fseek(file.get(), 0, SEEK_SET) != 0 || std::fwrite(block.data(), 1, block.size(), file.get()) != block.size() ||
      std::fflush(file.get()) != 0) {
    throw std::runtime_error(shown_name + ": cannot write its checksum: " + std::strerror(errno));
  }
}

void verify_seal(const std::string& path) {
  const FilePtr file = open_or_throw(path, "rb", path);
  Block block{};
  const std::size_t read = std::fread(block.data(), 1, block.size(), file.get());
  const std::size_t magic_length = std::strlen(magic);
  const bool ours = read > 0 && std::memcmp(block.data(), magic, std::min(read, magic_length)) == 0;
  if (!ours) {
    if (read == 0) throw std::runtime_error(path + ": empty file: damaged, or not a ketensim result file");
    if (has_hdf5_signature_at(file.get(), static_cast<long>(seal_bytes)))
      throw std::runtime_error(path + ": damaged: its checksum block (bytes 0-" + std::to_string(seal_bytes - 1) +
                               ") is altered");
    if (has_hdf5_signature_at(file.get(), 0))
      throw std::runtime_error(path + ": has no ketensim checksum: written by another program, or by a ketensim "
                               "older than result format 2.0 (run it again to get a checked file)");
    throw std::runtime_error(path + ": not a ketensim result file (not HDF5)");
  }
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  const std::string text(block.data(), strnlen(block.data(), block.size()));
  if (read != block.size() ||
      std::sscanf(text.c_str() + magic_length, "crc32 %8" SCNx32 "\nbytes %20" SCNu64 "\n", &crc, &size) != 2 ||
      render(crc, size) != block) {
    throw std::runtime_error(path + ": damaged: its checksum block (bytes 0-" + std::to_string(seal_bytes - 1) +
                             ") is altered or cut short");
  }
  const auto [found_crc, found_size] = checksum_after_block(file.get(), path);
  if (found_size != size) {
    throw std::runtime_error(path + ": damaged: it is " + std::to_string(found_size) + " bytes, ketensim wrote " +
                             std::to_string(size) + " (cut short or extended after writing)");
  }
  if (found_crc != crc) {
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "crc32 %08" PRIx32 ", stored %08" PRIx32, found_crc, crc);
    throw std::runtime_error(path + ": damaged: its contents changed after ketensim wrote it (" + numbers + ")");
  }
}

}  // namespace ketensim::output
