// SPDX-License-Identifier: MIT
#include "cli/tidy_table.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace ketensim::cli {
namespace {

// Shortest text that reads back as the same double.
std::string exact(double value) {
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

std::string csv_cell(const Cell& cell) {
  if (const auto* number = std::get_if<double>(&cell)) {
    if (std::isnan(*number)) return "";
    if (std::isinf(*number)) return *number > 0 ? "inf" : "-inf";
    return exact(*number);
  }
  if (const auto* yes = std::get_if<bool>(&cell)) return *yes ? "true" : "false";
  const auto& text = std::get<std::string>(cell);
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string json_cell(const Cell& cell) {
  if (const auto* number = std::get_if<double>(&cell)) return std::isfinite(*number) ? exact(*number) : "null";
  if (const auto* yes = std::get_if<bool>(&cell)) return *yes ? "true" : "false";
  return json_string(std::get<std::string>(cell));
}

}  // namespace

void TidyTable::add(std::vector<Cell> row) {
  if (row.size() != columns.size()) {
    throw std::logic_error("table " + name + ": a row of " + std::to_string(row.size()) + " cells for " +
                           std::to_string(columns.size()) + " columns");
  }
  rows.push_back(std::move(row));
}

const std::vector<std::string>& interval_columns() {
  static const std::vector<std::string> columns = {"mean", "ci_low", "ci_high", "half_width", "n"};
  return columns;
}

std::vector<Cell> interval_cells(const sim::ConfidenceInterval& ci) {
  return {ci.mean, ci.low, ci.high, ci.half_width, static_cast<double>(ci.n)};
}

void write_csv(std::ostream& out, const TidyTable& table) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) out << (c ? "," : "") << csv_cell(table.columns[c]);
  out << "\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_cell(row[c]);
    out << "\n";
  }
}

void write_json(std::ostream& out, const Fields& fields, const std::vector<TidyTable>& tables) {
  out << "{";
  bool first = true;
  for (const auto& [key, value] : fields) {
    out << (first ? "\n  " : ",\n  ") << json_string(key) << ": " << json_cell(value);
    first = false;
  }
  for (const auto& table : tables) {
    out << (first ? "\n  " : ",\n  ") << json_string(table.name) << ": [";
    first = false;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      out << (r ? ",\n    {" : "\n    {");
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        out << (c ? ", " : "") << json_string(table.columns[c]) << ": " << json_cell(table.rows[r][c]);
      }
      out << "}";
    }
    out << (table.rows.empty() ? "]" : "\n  ]");
  }
  out << "\n}\n";
}

}  // namespace ketensim::cli
