// SPDX-License-Identifier: MIT
#include "sweep/latin_hypercube.h"

#include <numeric>
#include <utility>

#include "sim/random.h"

namespace ketensim::sweep {

std::vector<double> latin_hypercube_column(std::uint32_t points, std::uint64_t seed, const std::string& name) {
  const sim::StreamKey key = sim::StreamKey(seed).with("latin_hypercube").with(name);
  // Our own shuffle and draws, not std::shuffle or std::uniform_real_distribution, whose
  // results the C++ standard leaves to each library.
  std::vector<std::uint32_t> order(points);
  std::iota(order.begin(), order.end(), 0U);
  sim::RandomStream shuffle(key.with("order"));
  for (std::uint32_t i = points; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(shuffle.uniform() * i);
    std::swap(order[i - 1], order[j < i ? j : i - 1]);
  }
  sim::RandomStream offset(key.with("offset"));
  std::vector<double> column(points);
  for (std::uint32_t i = 0; i < points; ++i) column[i] = (order[i] + offset.uniform()) / points;
  return column;
}

}  // namespace ketensim::sweep
