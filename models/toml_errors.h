// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace ketensim::model {

/// "FILE:LINE" for a node (the file alone when the node has no source position).
std::string where(const std::string& file, const toml::node& node);

/// "a, b, c" for listing valid names in an error.
std::string join_names(const std::vector<std::string>& names);

/// Describes a TOML value for an error message (strings quoted, arrays and tables named).
std::string describe_value(const toml::node& node);

}  // namespace ketensim::model
