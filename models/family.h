// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <optional>

#include "models/care_type.h"
#include "models/stage.h"
#include "sim/types.h"

namespace ketensim::model {

/// How a family came in: most through a report to Veilig Thuis; the others only use one
/// organisation's staff or one care type and leave again.
enum class FamilyKind : std::uint8_t { reported, rvdk_other_case, youth_probation, care_only, initial_stock, re_report };

/// `entering`: created, not yet placed (only inside one event); `left`: gone, slot free.
enum class Status : std::uint8_t { entering, waiting, in_service, in_transit, left };

enum class Measure : std::uint8_t { none, ots, provisional_ots, guardianship, youth_probation };

/// `requested`: the guardian asked for care; the request is on its way to the providers.
enum class CareStatus : std::uint8_t { none, requested, waiting, in_care, done };

/// Why a family left the chain: every family that entered is in one place or has one of these.
enum class LeaveReason : std::uint8_t {
  closed_by_vt,
  closed_by_local_team,
  rvdk_no_measure_needed,
  court_refused,
  measure_ended,
  care_ended,
  rvdk_other_case_done,
  re_report_handled,
  rvdk_request_withdrawn,  // a Board case other than protection, withdrawn while it waited
  care_request_withdrawn,  // demand from outside the chain that found help elsewhere while it waited
};
inline constexpr std::size_t leave_reason_count = 10;

/// Index and generation of a family slot: events carry it so that an event for a family
/// that has since left (and whose slot was reused) is recognised as stale.
struct FamilyRef {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;
  [[nodiscard]] std::uint64_t packed() const { return (static_cast<std::uint64_t>(generation) << 32) | slot; }
  static FamilyRef unpack(std::uint64_t value) {
    return FamilyRef{static_cast<std::uint32_t>(value & 0xffffffffu), static_cast<std::uint32_t>(value >> 32)};
  }
};

/// One household in the chain. Caseload, measures and care count its children.
///
/// Fields are ordered by size and the record is exactly two cache lines: a national run
/// holds hundreds of thousands of families and most events touch one whose record is cold.
struct alignas(64) Family {
  static constexpr sim::WorkerId no_worker = 0xffffffffu;

  std::uint64_t id = 0;          // stable, engine-independent: see Chain::new_family
  std::uint64_t stream_key = 0;  // root of this family's random streams
  sim::Days reported_at = 0;
  sim::Days stage_entered_at = 0;
  sim::Days queued_at = 0;
  sim::Days referred_at = 0;  // when the family was sent to its current stage (hand-over included)
  sim::Days ruling_at = 0;
  sim::Days care_requested_at = 0;
  std::uint32_t generation = 0;
  std::uint32_t pool = 0;                  // staff pool (or care provider) it waits for or is served by
  sim::WorkerId worker = no_worker;        // the caseworker or guardian holding the case, if any
  std::uint32_t queue_ticket = 0;          // matches the live waiting-list entry
  std::uint32_t care_provider = 0;
  std::uint32_t care_ticket = 0;
  std::array<std::uint16_t, stage_stream_count> draws{};  // draws taken so far per stage stream
  std::uint16_t region = 0;
  std::optional<CareType> care_need;
  std::uint8_t children = 1;
  FamilyKind kind = FamilyKind::reported;
  bool urgent = false;
  Stage stage = Stage::vt_triage;
  Status status = Status::entering;
  Measure measure = Measure::none;
  bool out_of_home = false;
  CareStatus care_status = CareStatus::none;
  std::uint8_t guardian_changes = 0;  // successors who took over the family's children at the GI
  bool escalated = false;             // its situation escalated while it waited (loop L4)
  bool crisis = false;                // a crisis placement: the measure will place the children
  std::uint8_t re_reports = 0;        // re-reports its escalations caused

  [[nodiscard]] bool has_worker() const { return worker != no_worker; }
};
static_assert(sizeof(Family) == 128, "a family record is two cache lines");

}  // namespace ketensim::model
