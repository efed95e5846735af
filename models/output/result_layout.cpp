// SPDX-License-Identifier: MIT
#include "models/output/result_layout.h"

#include <cstddef>

namespace ketensim::output::layout {

using h5::Column;

std::string format_version() { return std::to_string(format_major) + "." + std::to_string(format_minor); }

h5::RowTypes replication_row_types() {
  return h5::row_types(sizeof(ReplicationRow),
                       {
                           {"replication", offsetof(ReplicationRow, replication), Column::u32},
                           {"stream_seed", offsetof(ReplicationRow, stream_seed), Column::u64},
                           {"events_delivered", offsetof(ReplicationRow, events_delivered), Column::u64},
                       });
}

h5::RowTypes kpi_row_types() {
  return h5::row_types(sizeof(KpiRow), {
                                           {"name", offsetof(KpiRow, name), Column::str},
                                           {"stage", offsetof(KpiRow, stage), Column::str},
                                           {"region", offsetof(KpiRow, region), Column::str},
                                           {"unit", offsetof(KpiRow, unit), Column::str},
                                           {"sum", offsetof(KpiRow, sum), Column::f64},
                                           {"sum_sq", offsetof(KpiRow, sum_sq), Column::f64},
                                           {"count", offsetof(KpiRow, count), Column::u64},
                                       });
}

h5::RowTypes calibration_row_types() {
  return h5::row_types(sizeof(CalibrationRow),
                       {
                           {"target", offsetof(CalibrationRow, target), Column::str},
                           {"published", offsetof(CalibrationRow, published), Column::f64},
                           {"source", offsetof(CalibrationRow, source), Column::str},
                           {"simulated_sum", offsetof(CalibrationRow, simulated_sum), Column::f64},
                           {"simulated_sum_sq", offsetof(CalibrationRow, simulated_sum_sq), Column::f64},
                           {"count", offsetof(CalibrationRow, count), Column::u64},
                       });
}

h5::RowTypes event_row_types() {
  return h5::row_types(sizeof(EventRow), {
                                             {"replication", offsetof(EventRow, replication), Column::u32},
                                             {"time_days", offsetof(EventRow, time_days), Column::f64},
                                             {"family", offsetof(EventRow, family), Column::u64},
                                             {"region", offsetof(EventRow, region), Column::u16},
                                             {"stage", offsetof(EventRow, stage), Column::u8},
                                             {"event", offsetof(EventRow, event), Column::u8},
                                             {"children", offsetof(EventRow, children), Column::u8},
                                             {"detail", offsetof(EventRow, detail), Column::i32},
                                         });
}

h5::RowTypes yearly_row_types() {
  return h5::row_types(sizeof(YearlyRow), {
                                              {"year", offsetof(YearlyRow, year), Column::i32},
                                              {"stage", offsetof(YearlyRow, stage), Column::str},
                                              {"region", offsetof(YearlyRow, region), Column::str},
                                              {"replication", offsetof(YearlyRow, replication), Column::u32},
                                              {"stock_1_january", offsetof(YearlyRow, stock_1_january), Column::f64},
                                              {"stock_30_june", offsetof(YearlyRow, stock_30_june), Column::f64},
                                              {"stock_31_december", offsetof(YearlyRow, stock_31_december), Column::f64},
                                              {"inflow", offsetof(YearlyRow, inflow), Column::f64},
                                              {"outflow", offsetof(YearlyRow, outflow), Column::f64},
                                          });
}

h5::RowTypes analytic_row_types() {
  return h5::row_types(sizeof(AnalyticRow), {
                                                {"name", offsetof(AnalyticRow, name), Column::str},
                                                {"stage", offsetof(AnalyticRow, stage), Column::str},
                                                {"region", offsetof(AnalyticRow, region), Column::str},
                                                {"unit", offsetof(AnalyticRow, unit), Column::str},
                                                {"value", offsetof(AnalyticRow, value), Column::f64},
                                            });
}

}  // namespace ketensim::output::layout
