// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "models/stage.h"
#include "sim/types.h"

namespace ketensim::model {

/// What a family is doing at its stage, for the level counters.
enum class Level : std::uint8_t { waiting, in_service, in_transit };

/// Chain-wide lead times (days), sampled after warm-up.
enum class LeadTime : std::uint8_t { report_to_measure, measure_to_care, guardian_wait };
inline constexpr std::size_t lead_time_count = 3;

/// Chain-wide flows counted after warm-up (children).
enum class Flow : std::uint8_t {
  vt_reports_families,
  rvdk_investigations,
  measures_requested,
  ots_started,
  measures_started,
  ots_extended,
  ots_reviewed,
  escalations,
  crisis_placements,
  re_reports,
  rvdk_withdrawals,  // Board requests withdrawn while they waited (both case types)
  care_withdrawals,  // care requests that found help elsewhere while they waited
};
inline constexpr std::size_t flow_count = 12;

/// The counters the chain keeps while it runs: flows in the current sampling step, levels
/// now, and the samples behind the KPIs (waits, deadlines, lead times) after warm-up.
/// Everything is indexed by stage and region; region `regions` is the national total.
class ChainStatistics {
 public:
  ChainStatistics(std::size_t regions, sim::Days warmup_end);

  void arrived(Stage stage, std::uint16_t region, int children);
  void started(Stage stage, std::uint16_t region, int children, sim::Days wait_days, sim::Days now);
  /// `sojourn_days`: time from reaching the stage (joining its waiting list) to leaving it.
  void completed(Stage stage, std::uint16_t region, int children, sim::Days now, sim::Days sojourn_days);
  /// Leaving a stage without completing it (a measure ends while care is awaited or under
  /// way): counts in the time spent in the stage, not in the completions.
  void departed(Stage stage, std::uint16_t region, int children, sim::Days now, sim::Days sojourn_days);
  void change_level(Stage stage, std::uint16_t region, Level level, int children);
  void deadline(Stage stage, std::uint16_t region, bool met, sim::Days now);
  /// Time from being referred to the stage (the hand-over included) to the start of service.
  void accessed(Stage stage, std::uint16_t region, int children, sim::Days access_days, sim::Days now);
  [[nodiscard]] double access_days_mean(Stage stage, std::size_t region) const;
  void lead_time(LeadTime what, sim::Days days, sim::Days now);
  void flow(Flow what, int amount, sim::Days now);

  struct StepFlows {
    std::uint64_t arrivals = 0, started = 0, completed = 0;
  };
  /// Flows since the previous sample; resets them.
  StepFlows take_step_flows(Stage stage, std::size_t region);
  [[nodiscard]] std::int64_t level(Stage stage, std::size_t region, Level level) const;

  [[nodiscard]] std::size_t regions() const { return regions_; }
  [[nodiscard]] const std::vector<float>& waits(Stage stage, std::size_t region) const { return waits_[at(stage, region)]; }
  [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> deadlines(Stage stage, std::size_t region) const {
    return {deadline_met_[at(stage, region)], deadline_total_[at(stage, region)]};
  }
  [[nodiscard]] std::uint64_t completed_after_warmup(Stage stage, std::size_t region) const {
    return completed_after_warmup_[at(stage, region)];
  }
  /// Mean time in the stage of the children that left it after warm-up (NaN if none).
  [[nodiscard]] double sojourn_days_mean(Stage stage, std::size_t region) const;
  [[nodiscard]] const std::vector<float>& lead_times(LeadTime what) const { return lead_times_[static_cast<std::size_t>(what)]; }
  [[nodiscard]] std::uint64_t flow_total(Flow what) const { return flows_[static_cast<std::size_t>(what)]; }

 private:
  [[nodiscard]] std::size_t at(Stage stage, std::size_t region) const {
    return index_of(stage) * (regions_ + 1) + region;
  }
  std::size_t regions_;
  sim::Days warmup_end_;
  std::vector<StepFlows> step_;
  std::vector<std::array<std::int64_t, 3>> levels_;
  std::vector<std::vector<float>> waits_;
  std::vector<std::uint64_t> deadline_met_, deadline_total_, completed_after_warmup_;
  std::vector<double> sojourn_sum_;
  std::vector<std::uint64_t> departed_after_warmup_;  // completed or not
  std::vector<double> access_sum_, access_count_;
  std::array<std::vector<float>, lead_time_count> lead_times_;
  std::array<std::uint64_t, flow_count> flows_{};
};

}  // namespace ketensim::model
