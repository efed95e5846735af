// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/care_provider.h"
#include "models/chain_statistics.h"
#include "models/event_kind.h"
#include "models/family.h"
#include "models/family_table.h"
#include "models/mentor_index.h"
#include "models/organisation.h"
#include "models/staff_member.h"
#include "models/run_result.h"
#include "models/scenario.h"
#include "models/staff_pool.h"
#include "sim/engine.h"
#include "sim/kaplan_meier.h"
#include "sim/random.h"

namespace ketensim::model {

/// The youth protection chain of one replication: Veilig Thuis, local teams, the Child
/// Protection Board, the juvenile court, the certified institutions and youth care.
///
/// Use: construct (this builds the platform: zones, staff positions, care places), make an
/// engine over `platform()` delivering to this chain, `attach` it, run the engine to
/// `end_date()`, then `result()`. The chain never looks at the engine's type.
class Chain final : public sim::EventHandler {
 public:
  Chain(const Scenario& scenario, std::uint32_t replication, bool keep_event_log);

  [[nodiscard]] const sim::Platform& platform() const { return platform_; }
  [[nodiscard]] sim::Days end_date() const { return end_date_; }
  /// Schedules the initial state, the first arrivals and the samples.
  void attach(sim::Engine& engine);
  void handle(const sim::Event& event) override;
  /// Fetches the record of the family the next event concerns into the cache: in a national
  /// run the families fill tens of megabytes and most events find theirs cold.
  void upcoming(const sim::Event& event) override;
  /// KPIs, time series and calibration values of this replication.
  ReplicationResult result() const;

  /// Conservation, checked at every sample: families entered = in a place + left.
  struct Census {
    std::uint64_t entered = 0;
    std::uint64_t in_place = 0;
    std::array<std::uint64_t, leave_reason_count> left{};
    [[nodiscard]] std::uint64_t left_total() const;
  };
  [[nodiscard]] Census census() const;
  [[nodiscard]] std::uint64_t conservation_violations() const { return conservation_violations_; }

  static std::vector<std::string> event_names();

 private:
  // Construction and staff pools (chain_pools.cpp)
  void build_platform();
  std::uint32_t add_pool(Organisation organisation, const std::string& area, sim::ZoneId zone,
                         std::vector<std::uint16_t> regions);
  /// FTE, cap (children per FTE) and productive hours per FTE-day of a pool under `params`.
  struct PoolSize {
    double fte = 0, cap = 0, hours_per_fte_day = 0;
  };
  PoolSize pool_size(std::uint32_t pool, const std::vector<Parameters>& params) const;
  /// Brings every pool, care provider and arrival stream up to the current parameters.
  void refresh_capacities();
  std::uint32_t pool_for(Stage stage, const Family& family) const;
  /// The name of a pool in KPIs and staff series: its area, or "<organisation>:national" for
  /// a national pool (so it never reads as the organisation's national total).
  std::string pool_label(std::size_t pool) const {
    return pools_[pool].area() == "national" ? pools_[pool].organisation() + ":national" : pools_[pool].area();
  }

  /// National arrivals per year of an outside source (models/event_kind.h) under `p`.
  static double arrivals_per_year(std::size_t source, const Parameters& p);

  // Interventions (chain_interventions.cpp)
  void schedule_interventions();
  void on_intervention_step(std::size_t intervention, std::size_t step);
  /// The parameters of every region at the start and after each timed change in turn, for
  /// sizing the pools; computed once while the platform is built (a linear series has a
  /// change a week, and every pool asks).
  const std::vector<std::vector<Parameters>>& intervention_states() const;
  std::size_t ramp_steps(const Intervention& change) const;

  // Families (chain.cpp)
  FamilyRef new_family(std::uint64_t source_index, std::uint16_t region, FamilyKind kind, std::uint64_t sequence);
  Family* live(FamilyRef ref);
  [[nodiscard]] std::uint32_t slot_of(const Family& family) const {
    return static_cast<std::uint32_t>(&family - families_.data());
  }
  void leave(Family& family, LeaveReason reason);
  /// A reported family is safe: a measure is in place or the chain has closed its case
  /// (chain_safety.cpp). Counts once, for families reported after warm-up.
  void reached_safety(const Family& family);
  /// The follow-ups of the time to safety: the safe with their time, and the families still
  /// on their way censored at the end of the run.
  [[nodiscard]] std::vector<sim::FollowUp> report_to_safety_follow_ups() const;
  /// Draws from the family's stream for `stage`, which resumes where its last draw ended.
  template <class Draw>
  auto draw(Family& family, Stage stage, Draw&& use) {
    const std::size_t index = stream_of(stage);
    sim::RandomStream stream(sim::StreamKey::from_value(family.stream_key).with(index), family.draws[index]);
    auto value = use(stream);
    family.draws[index] = static_cast<std::uint16_t>(stream.draws());
    return value;
  }
  std::uint8_t draw_children(Family& family);
  void log(const Family& family, std::uint8_t what, std::int32_t detail = -1);
  void set_place(Family& family, Stage stage, Status status);

  // Flow (chain_flow.cpp)
  void on_arrival(Source source, std::uint16_t region);
  void enter_pool(Family& family, Stage stage, std::uint32_t pool, sim::Days due);
  void assign_waiting(std::uint32_t pool);
  void start_service(Family& family, std::uint32_t pool, sim::WorkerId worker);
  void on_work_done(Family& family, Stage stage);
  void hand_over(Family& family, sim::ZoneId from, Stage to);
  void on_hand_over_arrival(Family& family, Stage stage);
  void start_local_team(Family& family);
  void on_local_team_end(Family& family);
  void on_court_ruling(Family& family);
  void start_measure_term(Family& family, sim::Days term_days);
  void on_measure_term_end(Family& family);
  void end_measure(Family& family);

  // Care (chain_care.cpp)
  void request_care(Family& family, CareType type);
  void on_care_request(Family& family, std::uint32_t ticket);
  void enter_care_list(Family& family);
  void admit_waiting(std::uint32_t provider);
  void on_care_end(Family& family, std::uint32_t ticket);
  void withdraw_from_care(Family& family);

  // Workforce and escalation (chain_workforce.cpp, chain_escalation.cpp)
  void start_workforce();
  void on_workforce_tick();
  void tick_position(std::uint32_t pool, sim::WorkerId worker, const Parameters& p);
  void end_mentoring(sim::WorkerId worker);
  void start_holder(sim::WorkerId worker, StaffMember::Holder holder);
  void vacate(sim::WorkerId worker);
  void index_holder(sim::WorkerId worker);
  void set_funded(sim::WorkerId worker, bool funded);
  sim::StreamKey staff_key(sim::WorkerId worker) const;
  void apply_speed(sim::WorkerId worker, double factor);
  double annual_spend_euros(std::uint32_t pool) const;
  bool budget_allows(std::uint32_t pool, double extra_euros_per_year) const;
  const Parameters& pool_parameters_now(std::uint32_t pool) const { return region_params_[pool_plans_[pool].regions.front()]; }
  void add_case(sim::WorkerId worker, Family& family);
  void remove_case(sim::WorkerId worker, Family& family);
  void schedule_escalation(Family& family, Stage stage, bool waiting_for_care);
  void on_escalation(Family& family, std::uint64_t detail);
  void create_re_report(Family& family);
  // Withdrawal from a waiting list (chain_withdrawal.cpp)
  void schedule_withdrawal(Family& family, Stage stage, bool waiting_for_care);
  void on_withdrawal(Family& family, std::uint64_t detail);

  // Initial state and sampling (chain_initial_state.cpp, chain_sampling.cpp)
  void place_initial_state();
  void sample();
  void sample_staff(std::size_t sample);

  // Routing helpers
  /// The parameters in force for a region now (interventions change them per region).
  const Parameters& P(std::uint16_t region) const { return region_params_[region]; }
  const Parameters& P(const Family& family) const { return region_params_[family.region]; }
  std::uint32_t vt_pool_of(std::uint16_t region) const { return vt_pool_of_region_[region]; }
  std::uint32_t rvdk_pool_of(std::uint16_t region) const { return rvdk_pool_of_region_[region]; }
  std::uint32_t care_provider_of(CareType type, std::uint16_t region) const {
    return static_cast<std::uint32_t>(region * care_type_count + static_cast<std::size_t>(type));
  }
  sim::Days now() const { return engine_->now(); }
  void schedule(sim::Days date, EventKind kind, std::uint64_t subject, std::uint64_t detail, SameInstantOrder order);

  const Scenario& scenario_;
  const Parameters& p_;  // the scenario's values at the start (initial state, run settings)
  std::vector<Parameters> region_params_;
  Placement placement_;
  std::uint32_t replication_;
  bool keep_event_log_;
  sim::StreamKey replication_key_;
  sim::Days warmup_end_;
  sim::Days end_date_;
  sim::Engine* engine_ = nullptr;

  sim::Platform platform_;
  sim::ZoneId nation_ = 0;
  std::vector<sim::ZoneId> region_zone_;
  std::vector<sim::ZoneId> court_zone_of_region_;
  std::vector<StaffPool> pools_;
  struct PoolPlan {
    Organisation organisation;
    std::vector<std::uint16_t> regions;  // the regions whose share of the staff keys it holds
    bool national_gi = false;           // the two national GIs (gi.national_share of GI staff)
  };
  std::vector<PoolPlan> pool_plans_;
  std::vector<std::uint32_t> vt_pool_of_region_, rvdk_pool_of_region_, gi_pool_of_region_;
  std::vector<std::uint32_t> expertise_pool_of_region_, judgment_pool_of_region_;  // VT and RvdK pools in the baseline
  std::uint32_t national_gi_pool_ = 0;
  std::vector<double> intervention_from_;  // per (intervention, region): the key's value when it started
  mutable std::vector<std::vector<Parameters>> intervention_states_;  // cache of intervention_states()
  std::vector<double> pool_base_speed_;    // hours a day of a position working at full speed

  // Workforce state, by platform worker id, and per pool.
  std::vector<StaffMember> staff_;
  std::vector<std::uint64_t> staff_keys_;  // random-stream key of each position
  std::vector<std::uint32_t> pool_of_worker_;
  // Successors who took over each position's cases (GI: guardian changes). A case counts the
  // successions of its position while it was there when it leaves (remove_case), so that a
  // new holder costs O(1), not a visit to each of the position's cases.
  std::vector<std::uint32_t> successions_at_worker_;
  std::vector<std::uint32_t> successions_seen_;  // by family slot: the count when the case came
  // Time from report to safety (chain_safety.cpp): by family slot, 1 while a family reported
  // after warm-up is not yet safe; the days it took for those that got there.
  std::vector<std::uint8_t> awaiting_safety_;
  std::vector<float> report_to_safety_days_;
  std::vector<MentorIndex> mentor_index_;        // per pool: permanent holders by start date
  std::vector<std::vector<sim::WorkerId>> mentees_of_;  // by worker: the new hires they mentor
  std::vector<StaffStep> staff_step_;                       // per pool, since the last sample
  std::vector<double> pool_budget_euros_;
  std::vector<std::vector<std::pair<double, double>>> one_off_costs_;  // per pool: (date, euros) of the last year
  struct StaffTotals {
    double headcount_years = 0, sick_years = 0, vacant_years = 0, temporary_years = 0, leavers = 0, hires = 0,
           cost_euros = 0;
  };
  std::vector<StaffTotals> staff_totals_;  // per pool, after warm-up
  std::vector<double> staff_values_;       // [staff metric][pool series][sample]
  std::vector<float> guardian_changes_;    // per child whose measure ended after warm-up
  std::vector<CareProvider> care_;
  std::vector<double> region_share_;
  std::vector<double> report_share_;
  std::vector<double> vt_staff_share_;  // each region's share of the VT staff (RegionTable::vt_staff_shares)  // each region's share of the VT reports (RegionTable::vt_report_shares)
  std::vector<double> pool_share_;  // youth-population share of each pool's area (0 for the national GI)
  std::vector<double> pool_hours_started_;   // work started after warm-up, per pool (for utilisation)
  std::vector<double> pool_hours_capacity_;  // hours the pool's staff could work after warm-up
  std::size_t samples_taken_ = 0;

  FamilyTable families_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<sim::RandomStream> arrival_streams_;  // [source][region]
  std::vector<std::uint64_t> family_key_prefix_;     // [source index][region]: keys of families by source
  std::vector<std::uint64_t> arrival_sequence_;     // [source][region]
  std::vector<double> arrival_rate_per_day_;        // [source][region]
  std::vector<std::uint32_t> arrival_generation_;    // [source][region]: a rate change voids the pending arrival
  std::size_t source_count_ = 0;

  ChainStatistics statistics_;
  Census census_;
  std::uint64_t conservation_violations_ = 0;
  sim::Days next_conservation_check_ = 0;  // the census is checked against the records from then
  std::int64_t ots_children_ = 0;     // children with an OTS (not provisional), guardian or not
  std::vector<double> sample_times_;
  std::vector<double> series_values_;  // [metric][series][sample], filled as samples come
  std::vector<FamilyEvent> events_;
  // Time averages after warm-up, accumulated at each sample.
  struct LevelAverages {
    double samples = 0, rvdk_waiting = 0, gi_waiting = 0, gi_caseload_per_fte = 0, ots_children = 0,
           foster_waiting = 0, gi_at_vacant_positions = 0;
  } averages_;
};

}  // namespace ketensim::model
