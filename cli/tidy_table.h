// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "sim/statistics.h"

namespace ketensim::cli {

/// One cell of a tidy table: text, a number or a yes/no.
using Cell = std::variant<std::string, double, bool>;

/// A table in tidy form for `--format csv|json` (docs/cli.md, "Machine-readable output"):
/// named columns, one row per observation (a KPI at a stage and region, of a
/// configuration), the unit in a column of its own and an interval as its own columns.
struct TidyTable {
  std::string name;  // the key of the table in a JSON document, e.g. "kpis"
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;

  /// Appends a row; throws std::logic_error when its length differs from the columns'.
  void add(std::vector<Cell> row);
};

/// The interval columns every estimate carries, in this order.
const std::vector<std::string>& interval_columns();
/// mean, ci_low, ci_high, half_width, n of `ci`, for interval_columns().
std::vector<Cell> interval_cells(const sim::ConfidenceInterval& ci);

/// RFC 4180 CSV with a header line; numbers with 17 significant digits (they read back
/// exactly); NaN as an empty cell, infinities as inf and -inf; yes/no as true and false.
void write_csv(std::ostream& out, const TidyTable& table);

/// Fields of a JSON document beside its tables, e.g. {"command", "run"}, {"replications", 10.0}.
using Fields = std::vector<std::pair<std::string, Cell>>;

/// A JSON document: an object with the fields and each table as an array of row objects
/// under its name; NaN and infinities as null.
void write_json(std::ostream& out, const Fields& fields, const std::vector<TidyTable>& tables);

}  // namespace ketensim::cli
