// SPDX-License-Identifier: MIT
#include "models/toml_errors.h"

#include <fstream>
#include <sstream>

#include "models/scenario_error.h"

namespace ketensim::model {

std::string read_input_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the " + what);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void throw_toml_syntax_error(const toml::parse_error& error, const std::string& label) {
  const auto line = error.source().begin.line;
  throw ScenarioError(label + (line ? ":" + std::to_string(line) : "") + ": " + std::string(error.description()));
}

toml::table parse_toml(const std::string& text, const std::string& label) {
  try {
    return toml::parse(text, label);
  } catch (const toml::parse_error& e) {
    throw_toml_syntax_error(e, label);
  }
}

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

double number_value(const toml::node& node) {
  if (const auto* integer = node.as_integer()) return static_cast<double>(integer->get());
  return node.as_floating_point()->get();
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
