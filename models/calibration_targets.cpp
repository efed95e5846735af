// SPDX-License-Identifier: MIT
#include "models/calibration_targets.h"

namespace ketensim::model {

const std::vector<CalibrationTarget>& calibration_targets() {
  static const std::vector<CalibrationTarget> targets = {
      {"VT reports per year", 127410, "vt_reports_per_year", "chain", "CBS StatLine 84852NED (2020)"},
      {"RvdK protection investigations per year (children)", 16729, "rvdk_investigations_per_year", "chain", "RvdK annual report 2019 via NJi"},
      {"measures requested per year (children)", 11368, "measures_requested_per_year", "chain", "RvdK annual report 2019 via NJi"},
      {"RvdK waiting list (children, all case types)", 2800, "waiting_children_mean", "rvdk", "Inspectie JenV 2019 (January 2019)"},
      {"RvdK mean wait (days)", 30, "wait_days_mean", "rvdk", "Inspectie JenV 2019 (January 2019)"},
      {"OTS stock (children)", 21590, "ots_children_mean", "chain", "CBS Beleidsinformatie Jeugd 2019 (31 Dec)"},
      {"OTS inflow per year (children)", 9330, "ots_started_per_year", "chain", "CBS Beleidsinformatie Jeugd 2019"},
      {"caseload per guardian (children/FTE)", 17.5, "caseload_per_guardian_mean", "chain", "Jeugdzorg Nederland via NOS 2021: 15-20 (midpoint)"},
      {"children with a measure but no guardian", 800, "children_without_guardian_mean", "chain", "IGJ via news (May 2020)"},
      {"foster care waiting list (children)", 970, "waiting_children_mean", "care_foster_care", "Pleegzorg Nederland via news (end 2019)"},
      {"GI staff turnover (share leaving per year)", 0.19, "turnover_rate_per_year", "gi", "FTM: almost one fifth of GI staff left in 2019"},
      {"GI sick leave (share)", 0.069, "sick_share", "gi", "FTM (2019)"},
  };
  return targets;
}

}  // namespace ketensim::model
