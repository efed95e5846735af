// SPDX-License-Identifier: MIT
#include "models/output/result_codec.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ketensim::output {
namespace {

constexpr char magic[4] = {'K', 'S', 'R', 'R'};
constexpr std::uint16_t codec_major = 1;
constexpr std::uint16_t codec_minor = 1;  // 1.1 added the staff series
constexpr std::size_t event_size = 8 + 8 + 2 + 1 + 1 + 1 + 4;
constexpr bool host_is_little_endian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
static_assert(sizeof(double) == 8 && std::numeric_limits<double>::is_iec559, "doubles must be IEEE 754 binary64");

[[noreturn]] void corrupt(const std::string& message) { throw std::runtime_error("replication result: " + message); }

std::uint64_t fnv1a(const char* data, std::size_t size) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

class ByteWriter {
 public:
  void bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  template <class T>
  void integer(T value) {
    char little_endian[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      little_endian[i] = static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff);
    }
    out_.append(little_endian, sizeof(T));
  }
  void f64(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    integer(bits);
  }
  void str(const std::string& value) {
    if (value.size() > std::numeric_limits<std::uint32_t>::max()) corrupt("a string is longer than 4 GiB");
    integer(static_cast<std::uint32_t>(value.size()));
    bytes(value.data(), value.size());
  }
  void count(std::size_t n) { integer(static_cast<std::uint64_t>(n)); }
  void f64s(const std::vector<double>& values) {
    count(values.size());
    if constexpr (host_is_little_endian) {
      bytes(values.data(), values.size() * sizeof(double));  // the bulk of a message: copy at once
    } else {
      for (const double v : values) f64(v);
    }
  }
  void strs(const std::vector<std::string>& values) {
    count(values.size());
    for (const std::string& v : values) str(v);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(const char* data, std::size_t size) : data_(data), size_(size) {}

  template <class T>
  T integer(const char* what) {
    need(sizeof(T), what);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      value |= std::uint64_t{static_cast<unsigned char>(data_[pos_ + i])} << (8 * i);
    pos_ += sizeof(T);
    return static_cast<T>(value);
  }
  double f64(const char* what) {
    const std::uint64_t bits = integer<std::uint64_t>(what);
    double value = 0.0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
  std::string str(const char* what) {
    const std::uint32_t size = integer<std::uint32_t>(what);
    need(size, what);
    std::string value(data_ + pos_, size);
    pos_ += size;
    return value;
  }
  /// A vector's element count, refused when the remaining bytes cannot hold that many
  /// elements of at least `min_element_size` bytes (so corruption cannot force a huge
  /// allocation).
  std::size_t count(const char* what, std::size_t min_element_size) {
    const std::uint64_t n = integer<std::uint64_t>(what);
    if (n > remaining() / min_element_size) {
      corrupt("corrupted: " + std::to_string(n) + " elements of '" + what + "' cannot fit in the " +
              std::to_string(remaining()) + " bytes left at offset " + std::to_string(pos_));
    }
    return static_cast<std::size_t>(n);
  }
  std::vector<double> f64s(const char* what) {
    std::vector<double> values(count(what, 8));
    if constexpr (host_is_little_endian) {
      const std::size_t size = values.size() * sizeof(double);
      if (size != 0) std::memcpy(values.data(), data_ + pos_, size);  // count() checked the bytes are there
      pos_ += size;
    } else {
      for (double& v : values) v = f64(what);
    }
    return values;
  }
  std::vector<std::string> strs(const char* what) {
    std::vector<std::string> values(count(what, 4));
    for (std::string& v : values) v = str(what);
    return values;
  }
  [[nodiscard]] std::size_t remaining() const { return size_ - pos_; }
  [[nodiscard]] std::size_t position() const { return pos_; }

 private:
  void need(std::size_t n, const char* what) const {
    if (n > remaining()) {
      corrupt("truncated: '" + std::string(what) + "' needs " + std::to_string(n) + " bytes at offset " +
              std::to_string(pos_) + ", only " + std::to_string(remaining()) + " left");
    }
  }
  const char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

void encode_payload(const model::ReplicationResult& r, ByteWriter& w) {
  w.integer(r.replication);
  w.integer(r.stream_seed);
  w.integer(r.events_delivered);
  w.f64(r.wall_seconds);

  const model::TimeSeries& ts = r.timeseries;
  w.f64s(ts.time_days);
  w.strs(ts.series_stage);
  w.strs(ts.series_region);
  w.strs(ts.metric_names);
  w.strs(ts.metric_units);
  w.f64s(ts.values);

  const model::StaffSeries& staff = r.staff;
  w.strs(staff.series_organisation);
  w.strs(staff.series_area);
  w.strs(staff.metric_names);
  w.strs(staff.metric_units);
  w.f64s(staff.values);

  w.count(r.kpis.size());
  for (const model::KpiValue& k : r.kpis) {
    w.str(k.name);
    w.str(k.stage);
    w.str(k.region);
    w.str(k.unit);
    w.f64(k.value);
  }
  w.count(r.calibration.size());
  for (const model::CalibrationValue& c : r.calibration) {
    w.str(c.target);
    w.f64(c.published);
    w.f64(c.simulated);
    w.str(c.source);
  }
  w.count(r.events.size());
  for (const model::FamilyEvent& e : r.events) {
    w.f64(e.time_days);
    w.integer(e.family);
    w.integer(e.region);
    w.integer(e.stage);
    w.integer(e.what);
    w.integer(e.children);
    w.integer(static_cast<std::uint32_t>(e.detail));
  }
}

/// `minor` is the message's minor version: a 1.0 message has no staff series.
model::ReplicationResult decode_payload(ByteReader& in, std::uint16_t minor) {
  model::ReplicationResult r;
  r.replication = in.integer<std::uint32_t>("replication");
  r.stream_seed = in.integer<std::uint64_t>("stream_seed");
  r.events_delivered = in.integer<std::uint64_t>("events_delivered");
  r.wall_seconds = in.f64("wall_seconds");

  model::TimeSeries& ts = r.timeseries;
  ts.time_days = in.f64s("timeseries.time_days");
  ts.series_stage = in.strs("timeseries.series_stage");
  ts.series_region = in.strs("timeseries.series_region");
  ts.metric_names = in.strs("timeseries.metric_names");
  ts.metric_units = in.strs("timeseries.metric_units");
  ts.values = in.f64s("timeseries.values");

  if (minor >= 1) {
    model::StaffSeries& staff = r.staff;
    staff.series_organisation = in.strs("staff.series_organisation");
    staff.series_area = in.strs("staff.series_area");
    staff.metric_names = in.strs("staff.metric_names");
    staff.metric_units = in.strs("staff.metric_units");
    staff.values = in.f64s("staff.values");
  }

  r.kpis.resize(in.count("kpis", 4 * 4 + 8));
  for (model::KpiValue& k : r.kpis) {
    k.name = in.str("kpi.name");
    k.stage = in.str("kpi.stage");
    k.region = in.str("kpi.region");
    k.unit = in.str("kpi.unit");
    k.value = in.f64("kpi.value");
  }
  r.calibration.resize(in.count("calibration", 4 + 8 + 8 + 4));
  for (model::CalibrationValue& c : r.calibration) {
    c.target = in.str("calibration.target");
    c.published = in.f64("calibration.published");
    c.simulated = in.f64("calibration.simulated");
    c.source = in.str("calibration.source");
  }
  r.events.resize(in.count("events", event_size));
  for (model::FamilyEvent& e : r.events) {
    e.time_days = in.f64("event.time_days");
    e.family = in.integer<std::uint64_t>("event.family");
    e.region = in.integer<std::uint16_t>("event.region");
    e.stage = in.integer<std::uint8_t>("event.stage");
    e.what = in.integer<std::uint8_t>("event.what");
    e.children = in.integer<std::uint8_t>("event.children");
    e.detail = static_cast<std::int32_t>(in.integer<std::uint32_t>("event.detail"));
  }
  return r;
}

}  // namespace

std::string encode(const model::ReplicationResult& replication) {
  ByteWriter w;
  w.out().reserve(codec_header_size + 64 + 8 * replication.timeseries.values.size() +
                  8 * replication.staff.values.size() + event_size * replication.events.size());
  w.bytes(magic, sizeof magic);
  w.integer(codec_major);
  w.integer(codec_minor);
  w.integer(std::uint64_t{0});  // payload size, filled in below
  w.integer(std::uint64_t{0});  // payload checksum, filled in below
  encode_payload(replication, w);

  std::string& out = w.out();
  const std::size_t payload_size = out.size() - codec_header_size;
  ByteWriter trailer;
  trailer.integer(static_cast<std::uint64_t>(payload_size));
  trailer.integer(fnv1a(out.data() + codec_header_size, payload_size));
  out.replace(8, 16, trailer.out());
  return std::move(out);  // out refers into w: without the move this copies the message
}

model::ReplicationResult decode_replication(const std::string& bytes) {
  ByteReader header(bytes.data(), std::min(bytes.size(), codec_header_size));
  if (bytes.size() < sizeof magic || std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
    corrupt("not an encoded replication result (bad magic bytes)");
  }
  header.integer<std::uint32_t>("magic");
  const auto major = header.integer<std::uint16_t>("major version");
  const auto minor = header.integer<std::uint16_t>("minor version");
  // Parent and worker are the same program, so a newer minor version is as foreign as a
  // newer major one: both are refused rather than half-read.
  if (major != codec_major || minor > codec_minor) {
    corrupt("codec version is " + std::to_string(major) + "." + std::to_string(minor) +
            ", this decoder understands up to " + std::to_string(codec_major) + "." + std::to_string(codec_minor));
  }
  const std::uint64_t payload_size = header.integer<std::uint64_t>("payload size");
  const std::uint64_t checksum = header.integer<std::uint64_t>("checksum");
  const std::size_t present = bytes.size() - codec_header_size;
  if (payload_size > present) {
    corrupt("truncated: header announces " + std::to_string(payload_size) + " payload bytes, only " +
            std::to_string(present) + " present");
  }
  if (payload_size < present) {
    corrupt(std::to_string(present - payload_size) + " unexpected bytes after the payload");
  }
  if (fnv1a(bytes.data() + codec_header_size, present) != checksum) corrupt("corrupted: payload checksum mismatch");

  ByteReader payload(bytes.data() + codec_header_size, present);
  model::ReplicationResult replication = decode_payload(payload, minor);
  if (payload.remaining() != 0) {
    corrupt("corrupted: " + std::to_string(payload.remaining()) + " bytes left over at offset " +
            std::to_string(payload.position()));
  }
  return replication;
}

}  // namespace ketensim::output
