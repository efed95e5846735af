// SPDX-License-Identifier: MIT
// The state the run starts from: observed stocks placed at t = 0 (docs/model.md, "initial state").
#include <algorithm>
#include <cmath>

#include "models/chain.h"

namespace ketensim::model {
namespace {

// Groups of initial families; each has its own random streams (source index 32 + group).
enum class InitialGroup : std::uint64_t { vt, rvdk_protection, rvdk_other, ots, provisional_ots, guardianship, youth_probation, care_first };

std::uint64_t source_of(InitialGroup group, std::size_t offset = 0) {
  return 32 + static_cast<std::uint64_t>(group) + offset;
}

// Splits a national count over regions by share, by largest remainder, so the parts add up.
std::vector<std::uint64_t> split(double total, const std::vector<double>& shares) {
  const auto whole = static_cast<std::uint64_t>(std::llround(total));
  std::vector<std::uint64_t> parts(shares.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  std::uint64_t given = 0;
  for (std::size_t r = 0; r < shares.size(); ++r) {
    const double exact = static_cast<double>(whole) * shares[r];
    parts[r] = static_cast<std::uint64_t>(std::floor(exact));
    given += parts[r];
    remainders.push_back({exact - std::floor(exact), r});
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](auto a, auto b) { return a.first > b.first; });
  for (std::size_t i = 0; given < whole; ++i, ++given) parts[remainders[i % remainders.size()].second] += 1;
  return parts;
}

}  // namespace

void Chain::place_initial_state() {
  const std::size_t regions = region_share_.size();
  // Creates families in `region` until `children` children are placed; `place` puts each.
  auto make = [&](std::uint64_t source, std::uint16_t region, std::uint64_t children, bool single_child, auto&& place) {
    std::uint64_t sequence = 0;
    while (children > 0) {
      Family& f = families_[new_family(source, region, FamilyKind::initial_stock, sequence++).slot];
      f.children = single_child ? 1 : draw_children(f);
      if (f.children > children) f.children = static_cast<std::uint8_t>(children);
      children -= f.children;
      place(f);
    }
  };

  const auto vt = split(p_.initial.vt_families, region_share_);
  for (std::size_t r = 0; r < regions; ++r) {
    make(source_of(InitialGroup::vt), static_cast<std::uint16_t>(r), vt[r], true, [&](Family& f) {
      enter_pool(f, Stage::vt_triage, vt_pool_of(f.region), p_.vt.deadline_triage_days);
    });
  }

  // The RvdK stock mixes protection investigations and other cases in proportion to their
  // expected inflows (routing shares of the scenario; loops back to the RvdK are ignored).
  const double children_per_family = p_.family.share_one_child + 2 * p_.family.share_two_children +
                                     3 * p_.family.share_three_children + 4 * p_.family.share_four_children;
  const double to_local_team = p_.vt.share_triage_to_local_team +
                               p_.vt.share_triage_to_investigation * p_.vt.share_investigation_to_local_team;
  const double protection = p_.inflow.vt_reports_per_year * children_per_family *
                                (p_.vt.share_triage_to_investigation * p_.vt.share_investigation_to_rvdk +
                                 to_local_team * p_.local_team.share_escalate_to_rvdk) +
                            p_.inflow.rvdk_requests_police_other_per_year;
  const double protection_share =
      protection + p_.inflow.rvdk_other_cases_per_year > 0 ? protection / (protection + p_.inflow.rvdk_other_cases_per_year) : 0.0;
  const auto rvdk_protection = split(p_.initial.rvdk_children * protection_share, region_share_);
  const auto rvdk_other = split(p_.initial.rvdk_children * (1.0 - protection_share), region_share_);
  for (std::size_t r = 0; r < regions; ++r) {
    const auto region = static_cast<std::uint16_t>(r);
    make(source_of(InitialGroup::rvdk_protection), region, rvdk_protection[r], false, [&](Family& f) {
      enter_pool(f, Stage::rvdk, pool_for(Stage::rvdk, f), p_.rvdk.deadline_start_days);
    });
    make(source_of(InitialGroup::rvdk_other), region, rvdk_other[r], true, [&](Family& f) {
      f.kind = FamilyKind::rvdk_other_case;
      enter_pool(f, Stage::rvdk_other, rvdk_pool_of(region), p_.rvdk.deadline_start_days);
    });
  }

  // Open measures: each is at a random point of its term (uniform within the fixed OTS and
  // provisional terms; memoryless for the open-ended ones) and is given to a guardian now.
  struct MeasureStock {
    InitialGroup group;
    Measure measure;
    double children;
  };
  const MeasureStock stocks[] = {
      {InitialGroup::ots, Measure::ots, p_.initial.gi_ots_children},
      {InitialGroup::provisional_ots, Measure::provisional_ots, p_.initial.gi_vots_children},
      {InitialGroup::guardianship, Measure::guardianship, p_.initial.gi_guardianship_children},
      {InitialGroup::youth_probation, Measure::youth_probation, p_.initial.gi_youth_probation_children},
  };
  for (const auto& stock : stocks) {
    const auto parts = split(stock.children, region_share_);
    for (std::size_t r = 0; r < regions; ++r) {
      make(source_of(stock.group), static_cast<std::uint16_t>(r), parts[r], stock.measure == Measure::youth_probation,
           [&](Family& f) {
             f.measure = stock.measure;
             double remaining = 0.0;
             draw(f, Stage::gi, [&](sim::RandomStream& s) {
               switch (stock.measure) {
                 case Measure::ots: remaining = s.uniform() * p_.gi.ots_term_days; break;
                 case Measure::provisional_ots: remaining = s.uniform() * p_.gi.vots_term_days; break;
                 case Measure::guardianship: remaining = s.exponential(p_.gi.guardianship_days_mean); break;
                 default: remaining = s.exponential(p_.gi.youth_probation_days_mean); break;
               }
               return 0;
             });
             f.ruling_at = 0.0;
             if (stock.measure == Measure::ots) ots_children_ += f.children;
             const bool national = draw(f, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(p_.gi.national_share); });
             start_measure_term(f, remaining);
             enter_pool(f, Stage::gi, national ? national_gi_pool_ : gi_pool_of_region_[f.region], p_.gi.deadline_guardian_days);
           });
    }
  }

  // Care stocks (all demand, inside the chain or not) as families whose place is the care.
  for (const CareType type : all_care_types) {
    const auto& care = p_.care_of(type);
    const auto offset = static_cast<std::size_t>(type);
    const auto in_care = split(care.initial_in_care_children, region_share_);
    const auto waiting = split(care.initial_waiting_children, region_share_);
    for (std::size_t r = 0; r < regions; ++r) {
      for (const auto& [count, lane] : {std::pair{in_care[r], 0u}, std::pair{waiting[r], 1u}}) {
        make(source_of(InitialGroup::care_first, 2 * offset + lane), static_cast<std::uint16_t>(r), count, true,
             [&](Family& f) {
               f.care_need = type;
               f.care_provider = care_provider_of(type, f.region);
               enter_care_list(f);
             });
      }
    }
  }
}

}  // namespace ketensim::model
