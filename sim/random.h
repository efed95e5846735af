// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string_view>

namespace ketensim::sim {

/// Builds the key of an independent random stream from the things that identify it.
///
/// Streams are counter-based: the n-th draw of a stream is a pure function of (key, n).
/// A family's draws at a stage are keyed by (seed, replication, family, stage), so the order
/// in which an engine happens to process events never changes what a family draws, and
/// adding a region or a stage does not shift any other stream.
class StreamKey {
 public:
  explicit StreamKey(std::uint64_t seed) : value_(mix(seed ^ 0x6b6574656e73696dULL)) {}
  /// Derives a sub-key; `with` is order-sensitive.
  [[nodiscard]] StreamKey with(std::uint64_t part) const { return StreamKey(mix(value_ + mix(part + 1)), 0); }
  [[nodiscard]] StreamKey with(std::string_view name) const { return with(hash_name(name)); }
  [[nodiscard]] std::uint64_t value() const { return value_; }
  /// Rebuilds a key from `value()` (to store keys compactly).
  static StreamKey from_value(std::uint64_t value) { return StreamKey(value, 0); }

  /// SplitMix64's finaliser: a bijective 64-bit mix with good avalanche.
  static constexpr std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// FNV-1a over the bytes of a name: stable across platforms and runs.
  static constexpr std::uint64_t hash_name(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : name) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    return h;
  }

 private:
  StreamKey(std::uint64_t value, int /*raw*/) : value_(value) {}
  std::uint64_t value_;
};

/// A stream of random numbers: draw n is mix(key + n * golden gamma), as in SplitMix64.
class RandomStream {
 public:
  explicit RandomStream(StreamKey key) : key_(key.value()) {}
  /// Resumes a stream after `draws_taken` draws (streams are counter-based, so this is free).
  RandomStream(StreamKey key, std::uint64_t draws_taken) : key_(key.value()), counter_(draws_taken) {}

  std::uint64_t next_u64() { return StreamKey::mix(key_ + (++counter_) * 0x9e3779b97f4a7c15ULL); }
  /// Uniform on the open interval (0, 1): never exactly 0 or 1, so logs are safe.
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  bool bernoulli(double p) { return uniform() < p; }
  double exponential(double mean);
  /// Lognormal with the given mean and coefficient of variation (cv = 0 gives the mean).
  double lognormal(double mean, double cv);
  /// Gamma-distributed with the given mean and coefficient of variation (cv = 1: exponential).
  double gamma(double mean, double cv);
  double standard_normal();
  /// Index drawn from non-negative weights (at least one positive).
  std::size_t categorical(const double* weights, std::size_t n);
  std::uint64_t draws() const { return counter_; }

 private:
  double standard_gamma(double shape);
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

}  // namespace ketensim::sim
