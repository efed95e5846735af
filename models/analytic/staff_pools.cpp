// SPDX-License-Identifier: MIT
#include "models/analytic/staff_pools.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "models/analytic/holding_times.h"
#include "models/analytic/quality_erosion.h"
#include "models/analytic/waiting_models.h"
#include "models/analytic/withdrawal.h"
#include "models/organisation.h"

namespace ketensim::model::analytic {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Work per child of each pooled node, as models/chain_flow.cpp draws it (the mean).
double hours_per_child(const Parameters& p, Placement placement, FlowNode node) {
  const double national_extra =
      placement == Placement::national ? p.national.travel_hours_per_child + p.national.coordination_hours_per_child : 0.0;
  switch (node) {
    case FlowNode::vt_triage: return p.vt.triage_hours_per_child;
    case FlowNode::vt_investigation: return p.vt.investigation_hours_per_child + national_extra;
    case FlowNode::rvdk_protection:
      return std::max(0.1, p.rvdk.investigation_hours_per_child - p.team.reintake_saved_hours_per_child) + national_extra;
    case FlowNode::rvdk_other: return p.rvdk.other_case_hours;
    default: return nan;  // not a caseload node
  }
}

// The guardian's start-up work per child, the only work a GI's hours carry.
double gi_startup_hours(const Parameters& p) {
  return std::max(0.1, p.gi.startup_hours_per_child - p.team.reintake_saved_hours_per_child);
}

// What a pool is: who works there for whom, as models/chain_pools.cpp builds it.
struct PoolPlan {
  Organisation organisation;
  std::string area;
  std::vector<std::size_t> regions;
  std::vector<FlowNode> nodes;  // the nodes whose children it serves
  bool national_gi = false;
};

// FTE, cap and hours of a pool: each region holds its population share of the organisation's
// staff keys; the cap and the hours are FTE-weighted means (Chain::pool_size).
struct Staff {
  double fte = 0, cap = 0, norm = 0, hours_per_fte_day = 0;
};

Staff staff_of(const PoolPlan& plan, const ChainFlows& flows) {
  Staff s;
  double cap = 0, norm = 0, hours = 0;
  for (const std::size_t r : plan.regions) {
    const Parameters& p = flows.params[r];
    const PoolParameters& keys = pool_parameters(p, plan.organisation);
    double fte = keys.fte * (plan.organisation == Organisation::vt ? flows.vt_staff_share[r] : flows.region_share[r]);
    if (plan.organisation == Organisation::gi) fte *= plan.national_gi ? p.gi.national_share : 1.0 - p.gi.national_share;
    s.fte += fte;
    cap += fte * keys.caseload_cap_children;
    norm += fte * keys.caseload_norm_children;
    hours += fte * p.workforce.productive_hours_per_fte_year / 365.0;
  }
  const Parameters& first = flows.params[plan.regions.front()];
  s.cap = s.fte > 0.0 ? cap / s.fte : pool_parameters(first, plan.organisation).caseload_cap_children;
  s.norm = s.fte > 0.0 ? norm / s.fte : pool_parameters(first, plan.organisation).caseload_norm_children;
  s.hours_per_fte_day = s.fte > 0.0 ? hours / s.fte : first.workforce.productive_hours_per_fte_year / 365.0;
  return s;
}

// Positions and slots as models/staff_pool.cpp sets them: one position per whole FTE (at
// least one) sharing the FTE; a worker takes a child while its load stays within its share
// of the cap, an idle worker always takes one, and a pool without staff takes nobody.
struct Shape {
  int positions = 1;
  double hours_per_position_day = 0.0;
  int slots_per_position = 0;
};

Shape shape_of(const Staff& staff) {
  Shape s;
  s.positions = static_cast<int>(std::max(1.0, std::round(staff.fte)));
  const double fte_per_position = staff.fte / s.positions;
  s.hours_per_position_day = staff.hours_per_fte_day * fte_per_position;
  s.slots_per_position =
      staff.fte > 0.0 ? std::max(1, static_cast<int>(std::floor(staff.cap * fte_per_position + 1e-9))) : 0;
  return s;
}

double multiplier_at_capacity(double utilisation) { return utilisation > 0.0 ? 1.0 / utilisation : infinity; }

void set_unstaffed(PoolEstimate& pool) {
  const bool idle = pool.arrivals_children_per_day <= 0.0;
  pool.utilisation = idle ? 0.0 : infinity;
  pool.effective_utilisation = pool.utilisation;
  pool.slot_utilisation = idle ? 0.0 : infinity;
  pool.stable = idle;
  pool.waiting_children_mean = idle ? 0.0 : infinity;
  pool.wait_days_mean = idle ? nan : infinity;
  pool.max_inflow_multiplier = idle ? infinity : 0.0;
}

class PoolBuilder {
 public:
  PoolBuilder(const Scenario& scenario, const ChainFlows& flows, const std::vector<StaffAvailability>& availability)
      : scenario_(scenario), flows_(flows), availability_(availability) {
    out_.pool_of.assign(scenario.regions.regions.size(), {});
  }

  void add(const PoolPlan& plan) {
    Staff staff = staff_of(plan, flows_);
    const Shape full = shape_of(staff);
    const std::size_t k = out_.pools.size();
    const StaffAvailability strength = k < availability_.size() ? availability_[k] : StaffAvailability{};
    // Staff dynamics: the same positions deliver the productive share of their hours.
    const double full_hours_per_fte_day = staff.hours_per_fte_day;
    staff.hours_per_fte_day *= strength.productive_share;
    Shape shape = shape_of(staff);
    shape.positions = full.positions;
    PoolEstimate pool;
    pool.organisation = std::string(organisation_name(plan.organisation));
    pool.area = plan.area;
    pool.fte = staff.fte;
    pool.norm_children = staff.norm * staff.fte;
    pool.positions = shape.positions;
    pool.slots = static_cast<double>(shape.positions) * shape.slots_per_position;
    pool.capacity_hours_per_day = staff.fte * full_hours_per_fte_day;
    pool.productive_hours_per_day = staff.fte * staff.hours_per_fte_day;
    // Successors redo part of the work on the cases they take over (loop L2): load on top of
    // the children's own work.
    pool.offered_hours_per_day = strength.rework_hours_per_year_per_position * shape.positions / 365.0;
    std::array<double, flow_node_count> waits;
    waits.fill(nan);
    double wait_probability = 0.0;
    if (plan.organisation == Organisation::gi) {
      wait_probability = held_for_measure(plan, shape, strength.vacant_share, pool);
      for (const FlowNode node : plan.nodes) waits[index_of(node)] = pool.wait_days_mean;
    } else {
      wait_probability = caseload(plan, shape, pool, waits);
    }
    out_.pools.push_back(std::move(pool));
    out_.node_wait_days.push_back(waits);
    out_.wait_probability.push_back(wait_probability);
    out_.first_region.push_back(plan.regions.front());
    for (const std::size_t r : plan.regions) {
      for (const FlowNode node : plan.nodes) out_.pool_of[r][index_of(node)] = k;
    }
  }

  StaffPools take() { return std::move(out_); }

 private:
  double arrivals(const PoolPlan& plan, FlowNode node) const {
    double total = 0;
    for (const std::size_t r : plan.regions) total += flows_.at(r, node);
    return total;
  }

  // What one pooled node brings to a caseload pool: its children (all, and the normal ones,
  // who may wait), their full work, and VT's quality erosion (none elsewhere).
  struct NodeLoad {
    FlowNode node;
    double all = 0.0, normal = 0.0, full_hours = 0.0;
    double cut_share = 0.0, deadline_days = 0.0;
  };

  std::vector<NodeLoad> node_loads(const PoolPlan& plan) const {
    std::vector<NodeLoad> loads;
    const Parameters& first = flows_.params[plan.regions.front()];
    for (const FlowNode node : plan.nodes) {
      NodeLoad l{node};
      for (const std::size_t r : plan.regions) {
        const double rate = flows_.at(r, node);
        l.all += rate;
        l.normal += flows_.class_at(r, FlowClass::normal, node);
        l.full_hours += rate * hours_per_child(flows_.params[r], scenario_.placement, node);
      }
      // The model cuts the work of a VT case that waited, whichever pool serves the stage.
      if (node == FlowNode::vt_triage || node == FlowNode::vt_investigation) {
        l.cut_share = first.vt.late_work_cut_share;
        l.deadline_days = node == FlowNode::vt_triage ? first.vt.deadline_triage_days : first.vt.deadline_investigation_days;
      }
      loads.push_back(l);
    }
    return loads;
  }

  // The Board's requests are withdrawn while they wait (both case types, wherever the
  // protection investigations are placed); VT's reports are not.
  static double withdrawal_of(const PoolPlan& plan, const Parameters& p) {
    for (const FlowNode node : plan.nodes) {
      if (node == FlowNode::rvdk_protection || node == FlowNode::rvdk_other) {
        return withdrawal_rate_per_day(p.rvdk.withdrawal_share_within_90_days);
      }
    }
    return 0.0;
  }

  // One evaluation of a caseload pool whose children bring `child_hours` of work a day in all
  // (after erosion) on top of `rework`: the queue and the wait of each node's children.
  struct CaseloadState {
    QueueEstimate q;
    std::array<double, flow_node_count> waits;
  };

  CaseloadState evaluate(const std::vector<NodeLoad>& loads, double child_hours, double rework, const Shape& shape,
                         double theta) const {
    CaseloadState s;
    s.waits.fill(nan);
    double lambda = 0.0;
    for (const NodeLoad& l : loads) lambda += l.all;
    s.q = caseload_pool(lambda, lambda > 0.0 ? (child_hours + rework) / lambda : 0.0, shape.positions,
                        shape.hours_per_position_day, shape.slots_per_position, theta);
    for (const NodeLoad& l : loads) s.waits[index_of(l.node)] = l.all > 0.0 ? s.q.wait_days_mean : nan;
    // VT's triage and investigations share one list, triage first (a 7-day against a 70-day
    // deadline): non-preemptive priority keeps W_triage = (1 - rho) W_investigation (Cobham)
    // while the children waiting add up to the pool's.
    const bool vt_with_investigations = loads.size() == 2 && loads[0].node == FlowNode::vt_triage;
    if (vt_with_investigations && s.q.stable) {
      const double triage = loads[0].all, investigation = loads[1].all;
      const double rho = s.q.utilisation;
      if (triage + investigation > 0.0) {
        const double w_investigation = s.q.waiting_mean / (triage * (1.0 - rho) + investigation);
        if (triage > 0.0) s.waits[index_of(FlowNode::vt_triage)] = (1.0 - rho) * w_investigation;
        if (investigation > 0.0) s.waits[index_of(FlowNode::vt_investigation)] = w_investigation;
      }
    }
    return s;
  }

  // The work the children get at these waits: urgent children are taken at once and get it
  // in full; the normal ones carry the whole wait and lose the eroded share (quality_erosion.h).
  static double eroded_hours(const std::vector<NodeLoad>& loads, const CaseloadState& s) {
    double hours = 0.0;
    for (const NodeLoad& l : loads) {
      if (!(l.all > 0.0)) continue;
      double share = 1.0;
      if (l.cut_share > 0.0 && l.normal > 0.0) {
        const double wait = s.waits[index_of(l.node)];
        const double normal_wait = std::isnan(wait) ? 0.0 : wait * l.all / l.normal;
        const double normal_share = late_work_share(l.cut_share, l.deadline_days, s.q.wait_probability, normal_wait);
        share = ((l.all - l.normal) + l.normal * normal_share) / l.all;
      }
      hours += l.full_hours * share;
    }
    return hours;
  }

  // VT, the RvdK and the moved functions: workers share their hours over their cases.
  // Returns the share of arrivals that wait.
  double caseload(const PoolPlan& plan, const Shape& shape, PoolEstimate& pool, std::array<double, flow_node_count>& waits) {
    pool.method = "caseload: M/M/c in children over positions, waiting beyond the cap";
    const std::vector<NodeLoad> loads = node_loads(plan);
    const double rework = pool.offered_hours_per_day;
    double full = 0.0, normal = 0.0;
    bool erodes = false;
    for (const NodeLoad& l : loads) {
      pool.arrivals_children_per_day += l.all;
      full += l.full_hours;
      normal += l.normal;
      erodes = erodes || l.cut_share > 0.0;
    }
    pool.demand_hours_per_day = full + rework;
    pool.offered_hours_per_day = full + rework;
    const double theta = withdrawal_of(plan, flows_.params[plan.regions.front()]);
    double wait_probability = 0.0;
    if (shape.slots_per_position == 0) {
      set_unstaffed(pool);
      wait_probability = pool.arrivals_children_per_day > 0.0 ? 1.0 : 0.0;
      for (const NodeLoad& l : loads) waits[index_of(l.node)] = l.all > 0.0 ? pool.wait_days_mean : nan;
      return wait_probability;
    }
    // Quality erosion: the work depends on the waits and the waits on the work. The work the
    // waits imply falls as the work rises, so the one fixed point is found by bisection.
    double child_hours = full;
    if (erodes && full > 0.0) {
      // To the last bit: near capacity the waits, and so the escalations the fixed point of
      // the loops follows, are very sensitive to the work, and a coarser root is noise there.
      double low = 0.0, high = full;
      for (int i = 0; i < 200; ++i) {
        const double middle = 0.5 * (low + high);
        if (!(middle > low && middle < high)) break;
        (eroded_hours(loads, evaluate(loads, middle, rework, shape, theta)) > middle ? low : high) = middle;
      }
      child_hours = 0.5 * (low + high);
    }
    const CaseloadState s = evaluate(loads, child_hours, rework, shape, theta);
    const QueueEstimate& q = s.q;
    waits = s.waits;
    const double productive = shape.positions * shape.hours_per_position_day;
    // The hours of the work started: the children served (withdrawn ones bring none), each
    // with the work erosion leaves; above capacity without withdrawal, all of it.
    pool.offered_hours_per_day = q.stable ? q.utilisation * productive : child_hours + rework;
    pool.effective_utilisation = q.utilisation;
    pool.utilisation = pool.offered_hours_per_day / pool.capacity_hours_per_day;
    pool.stable = q.stable;
    pool.caseload_children_mean = q.held_mean;
    pool.slot_utilisation = pool.slots > 0.0 ? q.held_mean / pool.slots : nan;
    pool.waiting_children_mean = q.waiting_mean;
    pool.wait_days_mean = q.wait_days_mean;
    pool.served_wait_days_mean = q.served_wait_days_mean;
    pool.withdrawn_children_per_day = q.abandoning_per_day;
    pool.withdrawn_share_of_normal = withdrawn_share_of_normal(q.abandoning_per_day, normal);
    // Where the full work of every child reaches the hours: beyond it the list is held only
    // by withdrawal and erosion, with the waits of a pool past its capacity.
    pool.max_inflow_multiplier = multiplier_at_capacity(pool.demand_hours_per_day / productive);
    return q.wait_probability;
  }

  // The GIs: a guardian holds the child for the whole measure, so the binding capacity is the
  // caseload slots, each held for the measure's length; the hours carry only the start-up work.
  // Returns the share of arrivals that wait for a guardian.
  double held_for_measure(const PoolPlan& plan, const Shape& shape, double vacant_share, PoolEstimate& pool) {
    pool.method = "guardians held for the measure: Erlang A over caseload slots";
    const auto& link = scenario_.parameters.handover;
    const double handover = link.regional_link_days + (plan.national_gi ? link.national_link_days : link.regional_link_days);
    double held = 0, abandoning = 0;
    for (const std::size_t r : plan.regions) {
      const Parameters& p = flows_.params[r];
      for (const GiMeasure measure : all_gi_measures) {
        const double rate = flows_.at(r, gi_node(measure, plan.national_gi));
        if (rate <= 0.0) continue;
        pool.arrivals_children_per_day += rate;
        pool.offered_hours_per_day += rate * gi_startup_hours(p);
        held += rate * guardian_holding_days(p, measure, measure == GiMeasure::youth_probation ? 0.0 : handover);
        abandoning += rate * abandonment_per_day(p, measure);
      }
    }
    pool.held_children_offered = held;
    pool.demand_hours_per_day = pool.offered_hours_per_day;
    if (shape.slots_per_position == 0) {
      set_unstaffed(pool);
      return pool.arrivals_children_per_day > 0.0 ? 1.0 : 0.0;
    }
    const double lambda = pool.arrivals_children_per_day;
    // A vacant position takes no new child: its slots are lost to the queue for its share of
    // the time, and the children it still holds wait for a successor (docs/workforce.md).
    const int open_slots = static_cast<int>(std::floor(pool.slots * (1.0 - vacant_share) + 0.5));
    const QueueEstimate q = held_slots(lambda, lambda > 0.0 ? held / lambda : 0.0, open_slots,
                                       lambda > 0.0 ? abandoning / lambda : 0.0);
    pool.utilisation = pool.offered_hours_per_day / pool.capacity_hours_per_day;
    pool.effective_utilisation = pool.offered_hours_per_day / pool.productive_hours_per_day;
    pool.slot_utilisation = held / pool.slots;
    pool.stable = q.stable && pool.effective_utilisation < 1.0;
    pool.caseload_children_mean = q.held_mean;
    pool.waiting_children_mean = q.waiting_mean + vacant_share * q.held_mean;
    pool.wait_days_mean = q.wait_days_mean;
    pool.max_inflow_multiplier = multiplier_at_capacity(std::max(pool.effective_utilisation, pool.slot_utilisation));
    return q.wait_probability;
  }

  const Scenario& scenario_;
  const ChainFlows& flows_;
  const std::vector<StaffAvailability>& availability_;
  StaffPools out_;
};

}  // namespace

StaffPools estimate_staff_pools(const Scenario& scenario, const ChainFlows& flows,
                                const std::vector<StaffAvailability>& availability) {
  const RegionTable& table = scenario.regions;
  const std::size_t regions = table.regions.size();
  std::vector<std::size_t> everyone(regions);
  for (std::size_t r = 0; r < regions; ++r) everyone[r] = r;
  auto by_area = [&](Organisation organisation, const std::vector<std::string>& areas, std::string Region::*member,
                     std::vector<FlowNode> nodes, bool national_gi = false) {
    std::vector<PoolPlan> plans;
    for (const auto& area : areas) {
      PoolPlan plan{organisation, area, {}, nodes, national_gi};
      for (std::size_t r = 0; r < regions; ++r) {
        if (table.regions[r].*member == area) plan.regions.push_back(r);
      }
      if (!plan.regions.empty()) plans.push_back(std::move(plan));
    }
    return plans;
  };
  const bool baseline = scenario.placement == Placement::baseline;
  std::vector<PoolPlan> plans;
  auto append = [&](std::vector<PoolPlan> more) { plans.insert(plans.end(), more.begin(), more.end()); };
  append(by_area(Organisation::vt, table.vt_regions, &Region::vt_region,
                 baseline ? std::vector<FlowNode>{FlowNode::vt_triage, FlowNode::vt_investigation}
                          : std::vector<FlowNode>{FlowNode::vt_triage}));
  append(by_area(Organisation::rvdk, table.rvdk_areas, &Region::rvdk_area,
                 baseline ? std::vector<FlowNode>{FlowNode::rvdk_other, FlowNode::rvdk_protection}
                          : std::vector<FlowNode>{FlowNode::rvdk_other}));
  // Functions (a) and (b) moved out of VT and the RvdK: a team per region or one national body.
  for (const auto& [organisation, node] : {std::pair{Organisation::expertise, FlowNode::vt_investigation},
                                           std::pair{Organisation::judgment, FlowNode::rvdk_protection}}) {
    if (baseline) continue;
    if (scenario.placement == Placement::regional) {
      for (std::size_t r = 0; r < regions; ++r) plans.push_back(PoolPlan{organisation, table.regions[r].code, {r}, {node}});
    } else {
      plans.push_back(PoolPlan{organisation, "national", everyone, {node}});
    }
  }
  std::vector<FlowNode> regional_gi, national_gi;
  for (const GiMeasure measure : all_gi_measures) {
    regional_gi.push_back(gi_node(measure, false));
    national_gi.push_back(gi_node(measure, true));
  }
  append(by_area(Organisation::gi, table.gi_areas, &Region::gi_area, regional_gi));
  plans.push_back(PoolPlan{Organisation::gi, "national", everyone, national_gi, true});

  PoolBuilder builder(scenario, flows, availability);
  for (const auto& plan : plans) builder.add(plan);
  return builder.take();
}

PoolEstimate organisation_total(const std::vector<PoolEstimate>& pools, const std::string& organisation) {
  PoolEstimate total;
  total.organisation = organisation;
  total.area = "national";
  total.total = true;
  total.max_inflow_multiplier = infinity;
  double held_fte = 0.0;  // person-years held, for the staff shares
  total.productive_share = 0.0;
  for (const auto& pool : pools) {
    if (pool.organisation != organisation || pool.total) continue;
    const double held = pool.fte * (1.0 - pool.vacancy_share);
    held_fte += held;
    total.norm_children += pool.norm_children;
    total.productive_share += pool.fte * pool.productive_share;
    total.vacancy_share += pool.fte * pool.vacancy_share;
    total.turnover_rate_per_year += held * pool.turnover_rate_per_year;
    total.temporary_share += held * pool.temporary_share;
    total.sick_share += held * pool.sick_share;
    total.fte += pool.fte;
    total.positions += pool.positions;
    total.slots += pool.slots;
    total.arrivals_children_per_day += pool.arrivals_children_per_day;
    total.offered_hours_per_day += pool.offered_hours_per_day;
    total.demand_hours_per_day += pool.demand_hours_per_day;
    total.withdrawn_children_per_day += pool.withdrawn_children_per_day;
    total.capacity_hours_per_day += pool.capacity_hours_per_day;
    total.productive_hours_per_day += pool.productive_hours_per_day;
    total.held_children_offered += pool.held_children_offered;
    total.caseload_children_mean += pool.caseload_children_mean;
    total.waiting_children_mean += pool.waiting_children_mean;
    total.stable = total.stable && pool.stable;
    total.max_inflow_multiplier = std::min(total.max_inflow_multiplier, pool.max_inflow_multiplier);
    total.method = pool.method;
  }
  if (total.fte > 0.0) {
    total.productive_share /= total.fte;
    total.vacancy_share /= total.fte;
  }
  if (held_fte > 0.0) {
    total.turnover_rate_per_year /= held_fte;
    total.temporary_share /= held_fte;
    total.sick_share /= held_fte;
  }
  total.pressure_mean = total.norm_children > 0.0 ? total.caseload_children_mean / total.norm_children : 0.0;
  total.utilisation = total.capacity_hours_per_day > 0.0 ? total.offered_hours_per_day / total.capacity_hours_per_day : nan;
  total.effective_utilisation =
      total.productive_hours_per_day > 0.0 ? total.offered_hours_per_day / total.productive_hours_per_day : nan;
  const double held = organisation == "gi" ? total.held_children_offered : total.caseload_children_mean;
  total.slot_utilisation = total.slots > 0.0 ? held / total.slots : nan;
  const double arrivals = total.arrivals_children_per_day;
  total.wait_days_mean = arrivals > 0.0 ? total.waiting_children_mean / arrivals : nan;
  return total;
}

}  // namespace ketensim::model::analytic
