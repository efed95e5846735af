// SPDX-License-Identifier: MIT
#include "cli/output_format.h"

namespace ketensim::cli {

Arguments::Option format_option() {
  return {"--format", "", true,
          "table (default) | csv (the main table, tidy: one row per KPI, stage, region, configuration) | "
          "json (every table); docs/cli.md"};
}

OutputFormat output_format(const Arguments& args, const std::string& command) {
  const std::string name = args.value("--format").value_or("table");
  if (name == "table") return OutputFormat::table;
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  throw UsageError("ketensim " + command + ": --format " + name + ": expected table, csv or json");
}

void write_tables(std::ostream& out, OutputFormat format, const Fields& fields, const std::vector<TidyTable>& tables) {
  if (format == OutputFormat::csv && !tables.empty()) write_csv(out, tables.front());
  if (format == OutputFormat::json) write_json(out, fields, tables);
}

}  // namespace ketensim::cli
