// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "models/output/result_codec.h"
#include "tests/support/example_run_result.h"
#include "tests/support/expect_equal_results.h"

using ketensim::output::codec_header_size;
using ketensim::output::decode_replication;
using ketensim::output::encode;

namespace {

ketensim::model::ReplicationResult awkward_replication() {
  auto replication = ketensim::testing::example_run_result().replications[2];
  replication.replication = 0x01020304;
  replication.stream_seed = std::numeric_limits<std::uint64_t>::max();
  replication.wall_seconds = -0.0;
  replication.kpis.push_back({"", "", "Súdwest-Fryslân", "", std::numeric_limits<double>::infinity()});
  replication.events.back().detail = std::numeric_limits<std::int32_t>::min();
  replication.events.back().family = std::numeric_limits<std::uint64_t>::max();
  return replication;
}

std::string little_endian(std::uint64_t value) {
  std::string bytes(8, '\0');
  for (std::size_t i = 0; i < 8; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
  return bytes;
}

/// The codec's payload checksum, FNV-1a 64.
std::uint64_t fnv1a(const std::string& data) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string error_of(const std::string& bytes) {
  try {
    decode_replication(bytes);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

TEST(ResultCodec, AnEncodedReplicationDecodesEqual) {
  const auto replication = awkward_replication();
  ketensim::testing::expect_equal(replication, decode_replication(encode(replication)));
}

TEST(ResultCodec, TheStaffSeriesSurviveTheRoundTrip) {
  const auto replication = awkward_replication();
  const auto back = decode_replication(encode(replication));
  ASSERT_EQ(back.staff.series_area, (std::vector<std::string>{"groningen", "friesland", "national"}));
  ASSERT_EQ(back.staff.metric_units, (std::vector<std::string>{"FTE", "caseload/norm", "euros/step"}));
  ASSERT_EQ(back.staff.values.size(), 3u * 3u * 5u);
  EXPECT_EQ(back.staff.values[back.staff.index(2, 1, 4, 5)], 2000.0 + 200.0 + 10.0 + 4.0 + 0.5);
}

TEST(ResultCodec, AVersion10MessageDecodesWithEmptyStaffSeries) {
  // A 1.0 message is a 1.1 message without the staff block, which for empty staff series is
  // five zero counts right after the time series.
  auto replication = awkward_replication();
  replication.timeseries = {};
  replication.staff = {};
  std::string bytes = encode(replication);
  const std::size_t staff_offset = codec_header_size + 4 + 8 + 8 + 8 + 6 * 8;  // fixed fields, empty time series
  ASSERT_EQ(bytes.substr(staff_offset, 5 * 8), std::string(5 * 8, '\0'));
  bytes.erase(staff_offset, 5 * 8);
  bytes[6] = 0;  // minor version
  const std::string header = little_endian(bytes.size() - codec_header_size) +
                             little_endian(fnv1a(bytes.substr(codec_header_size)));
  bytes.replace(8, 16, header);
  ketensim::testing::expect_equal(replication, decode_replication(bytes));
}

TEST(ResultCodec, AnEmptyReplicationDecodesEqual) {
  const ketensim::model::ReplicationResult empty;
  ketensim::testing::expect_equal(empty, decode_replication(encode(empty)));
}

TEST(ResultCodec, EncodingIsDeterministic) { EXPECT_EQ(encode(awkward_replication()), encode(awkward_replication())); }

TEST(ResultCodec, TheHeaderIsLittleEndianAndCarriesThePayloadSize) {
  const std::string bytes = encode(awkward_replication());
  EXPECT_EQ(bytes.substr(0, 8), std::string("KSRR\x01\x00\x01\x00", 8));  // version 1.1
  std::uint64_t payload_size = 0;
  for (int i = 7; i >= 0; --i) payload_size = (payload_size << 8) | static_cast<unsigned char>(bytes[8 + i]);
  EXPECT_EQ(payload_size, bytes.size() - codec_header_size);
  // The first payload field is the replication index, 0x01020304.
  EXPECT_EQ(bytes.substr(codec_header_size, 4), std::string("\x04\x03\x02\x01", 4));
}

TEST(ResultCodec, EveryTruncationThrows) {
  const std::string bytes = encode(awkward_replication());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_THROW(decode_replication(bytes.substr(0, size)), std::runtime_error) << "size " << size;
  }
}

TEST(ResultCodec, ATruncatedPayloadIsReportedAsTruncated) {
  const std::string bytes = encode(awkward_replication());
  const std::string message = error_of(bytes.substr(0, bytes.size() - 10));
  EXPECT_EQ(message, "replication result: truncated: header announces " +
                         std::to_string(bytes.size() - codec_header_size) + " payload bytes, only " +
                         std::to_string(bytes.size() - codec_header_size - 10) + " present");
}

TEST(ResultCodec, EveryFlippedByteThrows) {
  const std::string bytes = encode(awkward_replication());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string corrupted = bytes;
    corrupted[i] = static_cast<char>(corrupted[i] ^ 0x20);
    EXPECT_THROW(decode_replication(corrupted), std::runtime_error) << "byte " << i;
  }
}

TEST(ResultCodec, TrailingBytesThrow) {
  EXPECT_EQ(error_of(encode(awkward_replication()) + "xy"), "replication result: 2 unexpected bytes after the payload");
}

TEST(ResultCodec, ANewerMajorVersionIsRefusedByNumber) {
  std::string bytes = encode(awkward_replication());
  bytes[4] = 2;
  EXPECT_EQ(error_of(bytes), "replication result: codec version is 2.1, this decoder understands up to 1.1");
}

TEST(ResultCodec, ANewerMinorVersionIsRefusedByNumber) {
  std::string bytes = encode(awkward_replication());
  bytes[6] = 2;
  EXPECT_EQ(error_of(bytes), "replication result: codec version is 1.2, this decoder understands up to 1.1");
}

TEST(ResultCodec, InputThatIsNotAnEncodedResultIsRefused) {
  EXPECT_EQ(error_of("hello world, this is not a result"),
            "replication result: not an encoded replication result (bad magic bytes)");
}

}  // namespace
