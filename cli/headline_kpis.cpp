// SPDX-License-Identifier: MIT
#include "cli/headline_kpis.h"

namespace ketensim::cli {

const std::vector<Headline>& headline_kpis() {
  static const std::vector<Headline> kpis = {
      {"wait_days_mean", "vt_triage", "VT triage: wait before assignment"},
      {"sojourn_days_mean", "vt_triage", "VT triage: time in stage"},
      {"share_within_deadline", "vt_triage", "VT triage: share within deadline"},
      {"wait_days_mean", "vt_investigation", "investigation (a): wait before assignment"},
      {"sojourn_days_mean", "vt_investigation", "investigation (a): time in stage"},
      {"share_within_deadline", "vt_investigation", "investigation (a): share within deadline"},
      {"wait_days_mean", "rvdk", "RvdK / judgment (b): wait before assignment"},
      {"sojourn_days_mean", "rvdk", "RvdK / judgment (b): time in stage"},
      {"share_within_deadline", "rvdk", "RvdK / judgment (b): share started in time"},
      {"wait_days_mean", "gi", "guardian: wait before assignment"},
      {"share_within_deadline", "gi", "guardian: share within deadline"},
      {"report_to_safety_km_median_days", "chain", "time to safety (Kaplan-Meier): median"},
      {"report_to_safety_km_restricted_mean_days", "chain", "time to safety (Kaplan-Meier): restricted mean"},
      {"report_to_measure_days_mean", "chain", "report to measure (completed cases only)"},
      {"measure_to_care_days_mean", "chain", "measure to care (completed cases only)"},
      {"children_without_guardian_mean", "chain", "children without a guardian"},
      {"guardian_changes_mean", "chain", "guardian changes per child"},
      {"caseload_per_guardian_mean", "chain", "caseload per guardian"},
      {"escalations_per_year", "chain", "escalations a year"},
      {"crisis_placements_per_year", "chain", "crisis placements a year"},
      {"waiting_children_mean", "care_foster_care", "foster care: children waiting"},
      {"wait_days_mean", "care_foster_care", "foster care: wait"},
      {"turnover_rate_per_year", "vt", "VT: turnover"},
      {"turnover_rate_per_year", "expertise", "expertise (a): turnover"},
      {"turnover_rate_per_year", "rvdk", "RvdK: turnover"},
      {"turnover_rate_per_year", "judgment", "judgment (b): turnover"},
      {"turnover_rate_per_year", "gi", "GI: turnover"},
      {"cost_per_year_euros", "vt", "VT: staff cost a year"},
      {"cost_per_year_euros", "expertise", "expertise (a): staff cost a year"},
      {"cost_per_year_euros", "rvdk", "RvdK: staff cost a year"},
      {"cost_per_year_euros", "judgment", "judgment (b): staff cost a year"},
      {"cost_per_year_euros", "gi", "GI: staff cost a year"},
  };
  return kpis;
}

}  // namespace ketensim::cli
