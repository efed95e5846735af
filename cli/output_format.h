// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/tidy_table.h"

namespace ketensim::cli {

/// How a command prints its results: the tables for people (default), or one tidy table as
/// CSV, or every table as one JSON document, for programs (docs/cli.md).
enum class OutputFormat { table, csv, json };

/// The `--format` option, for the option lists of run, calibration, compare and analyze.
Arguments::Option format_option();

/// The chosen format; UsageError naming the command and the valid values otherwise.
OutputFormat output_format(const Arguments& args, const std::string& command);

/// Writes the command's tables: as CSV the first table alone (the command's main one,
/// docs/cli.md names it), as JSON every table with the fields.
void write_tables(std::ostream& out, OutputFormat format, const Fields& fields, const std::vector<TidyTable>& tables);

}  // namespace ketensim::cli
