// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/parameters.h"
#include "models/stage.h"
#include "models/waiting_list.h"
#include "sim/indexed_heap.h"
#include "sim/platform.h"

namespace ketensim::model {

/// The caseworkers of one organisation in one area (a VT region, an RvdK area, a GI) with
/// their shared waiting list.
///
/// Each worker is one staff position on the platform. A worker takes a new family while its
/// caseload (in children) plus the family's children stays within the cap; an idle worker
/// always takes one, so a large family is never stuck. The least loaded worker is chosen
/// (ties: lowest index). Urgent families are taken at once by the least loaded worker even
/// above the cap. Between the norm and the cap nothing is refused, but all of the worker's
/// cases slow down together: the engine shares the worker's hours over its open cases
/// (processor sharing), so a caseload above the norm stretches the calendar time of each.
class StaffPool {
 public:
  /// Creates `positions` staff positions on the platform (at least one): enough for the
  /// largest FTE the pool will have. The FTE at the start is spread evenly over
  /// round(fte) of them (at least one): that share of an FTE per position stays fixed, so a
  /// plan that adds FTE funds more positions instead of changing the existing ones.
  StaffPool(std::string organisation, std::string area, sim::ZoneId zone, std::size_t positions, double fte,
            double cap_children_per_fte, sim::Hours hours_per_fte_day, sim::Platform& platform);

  /// How many positions `fte` funds (FTE per position fixed at the start).
  [[nodiscard]] std::size_t positions_for(double fte) const;
  /// Changes the funded FTE, the cap and the hours per FTE; returns a position's speed in
  /// hours per day at full strength. Which positions are funded is the caller's business.
  sim::Hours resize(double fte, double cap_children_per_fte, sim::Hours hours_per_fte_day);
  [[nodiscard]] sim::WorkerId first_worker() const { return first_worker_; }
  /// An average cap (children per FTE over the positions that take families; 0: none): a
  /// family is assigned only while the pool's mean caseload stays within it, so single
  /// workers may carry more than the average (up to the hard cap) while others carry less.
  void set_average_cap(double children_per_fte) { average_cap_per_fte_ = children_per_fte; }

  /// The worker (platform id) that should take a family of `children`, if any may now.
  [[nodiscard]] std::optional<sim::WorkerId> worker_for(std::uint8_t children, bool urgent) const;
  void take(sim::WorkerId worker, std::uint8_t children);
  void release(sim::WorkerId worker, std::uint8_t children);
  /// A vacant position or a sick worker takes no new family; their cases stay.
  void set_available(sim::WorkerId worker, bool available);
  [[nodiscard]] int caseload_of(sim::WorkerId worker) const { return caseload_[worker - first_worker_]; }
  [[nodiscard]] double fte_per_position() const { return fte_per_worker_; }

  WaitingList& waiting() { return waiting_; }
  [[nodiscard]] const WaitingList& waiting() const { return waiting_; }
  [[nodiscard]] const std::string& organisation() const { return organisation_; }
  [[nodiscard]] const std::string& area() const { return area_; }
  [[nodiscard]] sim::ZoneId zone() const { return zone_; }
  [[nodiscard]] double fte() const { return fte_; }
  [[nodiscard]] sim::Hours hours_per_fte_day() const { return hours_per_fte_day_; }
  [[nodiscard]] std::size_t worker_count() const { return caseload_.size(); }
  [[nodiscard]] std::uint64_t children_in_caseload() const { return children_in_caseload_; }
  /// Mean and 90th percentile of the caseload per FTE over this pool's workers.
  [[nodiscard]] std::pair<double, double> caseload_per_fte_mean_p90() const;
  /// Caseload per FTE of every worker (for national percentiles).
  void append_caseloads_per_fte(std::vector<double>& out) const;

 private:
  std::string organisation_;
  std::string area_;
  sim::ZoneId zone_;
  double fte_;
  double fte_per_worker_ = 1.0;
  sim::Hours hours_per_fte_day_ = 0.0;
  double cap_per_worker_ = 0.0;
  double average_cap_per_fte_ = 0.0;
  std::int64_t available_caseload_ = 0;  // children held by the positions in by_load_
  sim::WorkerId first_worker_ = 0;
  std::vector<int> caseload_;                 // children per worker
  sim::IndexedHeap<int> by_load_;  // available positions by caseload, least loaded first
  std::uint64_t children_in_caseload_ = 0;
  WaitingList waiting_;
};

}  // namespace ketensim::model
