// SPDX-License-Identifier: MIT
#include "models/staff_pool.h"

#include <algorithm>
#include <cmath>

namespace ketensim::model {

StaffPool::StaffPool(std::string organisation, std::string area, sim::ZoneId zone, std::size_t positions, double fte,
                     double cap_children_per_fte, sim::Hours hours_per_fte_day, sim::Platform& platform)
    : organisation_(std::move(organisation)), area_(std::move(area)), zone_(zone), fte_(fte) {
  positions = std::max<std::size_t>(1, positions);
  fte_per_worker_ = fte > 0 ? fte / std::max(1.0, std::round(fte)) : 1.0;
  caseload_.assign(positions, 0);
  by_load_.reset(positions);
  const sim::Hours speed = resize(fte, cap_children_per_fte, hours_per_fte_day);
  const std::size_t funded = positions_for(fte);
  for (std::size_t i = 0; i < positions; ++i) {
    const auto id = platform.add_worker(organisation_ + ":" + area_ + ":" + std::to_string(i), zone, i < funded ? speed : 0.0);
    if (i == 0) first_worker_ = id;
    if (i < funded) by_load_.set(static_cast<std::uint32_t>(i), 0);
  }
}

std::size_t StaffPool::positions_for(double fte) const {
  if (fte <= 0) return 0;
  return std::min(caseload_.size(), static_cast<std::size_t>(std::max(1.0, std::round(fte / fte_per_worker_))));
}

sim::Hours StaffPool::resize(double fte, double cap_children_per_fte, sim::Hours hours_per_fte_day) {
  fte_ = fte;
  hours_per_fte_day_ = hours_per_fte_day;
  cap_per_worker_ = cap_children_per_fte * fte_per_worker_;
  return hours_per_fte_day * fte_per_worker_;
}

std::optional<sim::WorkerId> StaffPool::worker_for(std::uint8_t children, bool urgent) const {
  if (fte_ <= 0.0 || by_load_.empty()) return std::nullopt;  // no staff: everyone waits
  const std::uint32_t index = by_load_.top();
  const int load = caseload_[index];
  if (!urgent && average_cap_per_fte_ > 0) {
    // The average is over the caseload of the positions that take families now.
    const std::int64_t held = available_caseload_;
    const double limit = average_cap_per_fte_ * fte_per_worker_ * static_cast<double>(by_load_.size());
    if (static_cast<double>(held + children) > limit + 1e-9) return std::nullopt;
  }
  if (urgent || load == 0 || static_cast<double>(load + children) <= cap_per_worker_ + 1e-9) {
    return first_worker_ + static_cast<sim::WorkerId>(index);
  }
  return std::nullopt;
}

void StaffPool::take(sim::WorkerId worker, std::uint8_t children) {
  const std::size_t index = worker - first_worker_;
  caseload_[index] += children;
  if (by_load_.contains(static_cast<std::uint32_t>(index))) {
    by_load_.set(static_cast<std::uint32_t>(index), caseload_[index]);
    available_caseload_ += children;
  }
  children_in_caseload_ += children;
}

void StaffPool::release(sim::WorkerId worker, std::uint8_t children) {
  const std::size_t index = worker - first_worker_;
  caseload_[index] -= children;
  if (by_load_.contains(static_cast<std::uint32_t>(index))) {
    by_load_.set(static_cast<std::uint32_t>(index), caseload_[index]);
    available_caseload_ -= children;
  }
  children_in_caseload_ -= children;
}

void StaffPool::set_available(sim::WorkerId worker, bool available) {
  const auto index = static_cast<std::uint32_t>(worker - first_worker_);
  const bool was = by_load_.contains(index);
  if (available) {
    by_load_.set(index, caseload_[index]);
    if (!was) available_caseload_ += caseload_[index];
  } else {
    by_load_.erase(index);
    if (was) available_caseload_ -= caseload_[index];
  }
}

std::pair<double, double> StaffPool::caseload_per_fte_mean_p90() const {
  std::vector<double> loads;
  append_caseloads_per_fte(loads);
  if (loads.empty()) return {0.0, 0.0};
  double sum = 0;
  for (const double v : loads) sum += v;
  const std::size_t k = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(loads.size()))) - 1;
  std::nth_element(loads.begin(), loads.begin() + static_cast<std::ptrdiff_t>(k), loads.end());
  return {sum / static_cast<double>(loads.size()), loads[k]};
}

void StaffPool::append_caseloads_per_fte(std::vector<double>& out) const {
  if (fte_ <= 0.0) return;
  // Funded positions, and any other that still holds cases (cut by attrition).
  const std::size_t funded = positions_for(fte_);
  for (std::size_t i = 0; i < caseload_.size(); ++i) {
    if (i < funded || caseload_[i] > 0) out.push_back(caseload_[i] / fte_per_worker_);
  }
}

}  // namespace ketensim::model
