// SPDX-License-Identifier: MIT
#include "models/toml_errors.h"

#include <sstream>

namespace ketensim::model {

std::string where(const std::string& file, const toml::node& node) {
  const auto& begin = node.source().begin;
  if (begin.line == 0) return file;
  return file + ":" + std::to_string(begin.line);
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string describe_value(const toml::node& node) {
  if (node.is_table()) return "a table";
  if (node.is_array()) return "an array";
  std::ostringstream out;
  if (const auto* s = node.as_string()) {
    out << '"' << s->get() << '"';
  } else {
    node.visit([&out](const auto& v) {
      if constexpr (toml::is_value<decltype(v)>) out << v;
    });
  }
  return out.str();
}

}  // namespace ketensim::model
