// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>

#include "models/care_type.h"
#include "models/waiting_list.h"
#include "sim/types.h"

namespace ketensim::model {

/// The places of one care type in one region, with their waiting list.
///
/// A family is admitted when its children fit in the free places (or nobody is in care, so a
/// family larger than the capacity is not stuck forever). Care has a calendar duration: it
/// is not a caseload shared by a worker.
class CareProvider {
 public:
  CareProvider(CareType type, std::uint16_t region, double capacity_children, sim::ZoneId zone)
      : type_(type), region_(region), capacity_(capacity_children), zone_(zone) {}

  [[nodiscard]] bool fits(std::uint8_t children) const {
    return capacity_ > 0.0 && (occupied_ == 0 || static_cast<double>(occupied_ + children) <= capacity_ + 1e-9);
  }
  void admit(std::uint8_t children) { occupied_ += children; }
  /// A new number of places; children already in care stay (the excess leaves as they end).
  void set_capacity(double capacity_children) { capacity_ = capacity_children; }
  void discharge(std::uint8_t children) { occupied_ -= children; }

  WaitingList& waiting() { return waiting_; }
  [[nodiscard]] const WaitingList& waiting() const { return waiting_; }
  [[nodiscard]] CareType type() const { return type_; }
  [[nodiscard]] std::uint16_t region() const { return region_; }
  [[nodiscard]] sim::ZoneId zone() const { return zone_; }
  [[nodiscard]] double capacity() const { return capacity_; }
  [[nodiscard]] std::uint64_t occupied() const { return occupied_; }

 private:
  CareType type_;
  std::uint16_t region_;
  double capacity_;
  sim::ZoneId zone_;
  std::uint64_t occupied_ = 0;
  WaitingList waiting_;
};

}  // namespace ketensim::model
