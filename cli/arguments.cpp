// SPDX-License-Identifier: MIT
#include "cli/arguments.h"

#include <sstream>

namespace ketensim::cli {

void Arguments::parse(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.size() < 2 || word[0] != '-') {
      positional_.push_back(word);
      continue;
    }
    std::string name = word;
    std::optional<std::string> inline_value;
    if (const auto eq = word.find('='); eq != std::string::npos && word.rfind("--", 0) == 0) {
      name = word.substr(0, eq);
      inline_value = word.substr(eq + 1);
    }
    const Option* option = nullptr;
    for (const auto& candidate : options_) {
      if (candidate.long_name == name || (!candidate.short_name.empty() && candidate.short_name == name)) option = &candidate;
    }
    if (option == nullptr) {
      std::string valid;
      for (const auto& candidate : options_) valid += (valid.empty() ? "" : ", ") + candidate.long_name;
      throw UsageError("ketensim " + command_ + ": unknown option '" + name + "'; valid options are " + valid);
    }
    if (option->takes_value) {
      if (inline_value) {
        values_[option->long_name] = *inline_value;
        all_.emplace_back(option->long_name, *inline_value);
      } else if (i + 1 < words.size()) {
        values_[option->long_name] = words[++i];
        all_.emplace_back(option->long_name, words[i]);
      } else {
        throw UsageError("ketensim " + command_ + ": option " + option->long_name + " needs a value");
      }
    } else {
      values_[option->long_name] = "";
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& long_name) const {
  const auto it = values_.find(long_name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Arguments::values(const std::string& long_name) const {
  std::vector<std::string> found;
  for (const auto& [name, value] : all_) {
    if (name == long_name) found.push_back(value);
  }
  return found;
}

std::optional<double> Arguments::number(const std::string& long_name) const {
  const auto text = value(long_name);
  if (!text) return std::nullopt;
  std::size_t used = 0;
  double parsed = 0;
  try {
    parsed = std::stod(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || text->empty()) {
    throw UsageError("ketensim " + command_ + ": " + long_name + " = '" + *text + "': expected a number");
  }
  return parsed;
}

std::string Arguments::options_help() const {
  std::ostringstream out;
  for (const auto& option : options_) {
    std::string names = option.short_name.empty() ? option.long_name : option.short_name + ", " + option.long_name;
    if (option.takes_value) names += " VALUE";
    out << "  " << names;
    for (std::size_t pad = names.size(); pad < 28; ++pad) out << ' ';
    out << option.help << "\n";
  }
  return out.str();
}

}  // namespace ketensim::cli
