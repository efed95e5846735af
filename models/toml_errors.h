// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace ketensim::model {

/// The text of an input file (a scenario, a sweep spec); a ScenarioError
/// "PATH: cannot open the WHAT" when it cannot be read.
std::string read_input_file(const std::string& path, const std::string& what);

/// Parses TOML text; a syntax error becomes a ScenarioError "LABEL:LINE: what is wrong".
toml::table parse_toml(const std::string& text, const std::string& label);

/// Throws the ScenarioError for a TOML syntax error in `label` (for callers that parse
/// themselves, e.g. with toml::parse_file).
[[noreturn]] void throw_toml_syntax_error(const toml::parse_error& error, const std::string& label);

/// "FILE:LINE" for a node (the file alone when the node has no source position).
std::string where(const std::string& file, const toml::node& node);

/// "a, b, c" for listing valid names in an error.
std::string join_names(const std::vector<std::string>& names);

/// The value of an integer or floating-point node as a double. toml++'s value<double>() is
/// empty for an integer a double cannot hold exactly (9223372036854775807), which
/// .value() turned into std::bad_optional_access; this rounds it instead, so the bounds
/// check reports it. Call only after checking the node is a number.
double number_value(const toml::node& node);

/// Describes a TOML value for an error message (strings quoted, arrays and tables named).
std::string describe_value(const toml::node& node);

}  // namespace ketensim::model
