// SPDX-License-Identifier: MIT
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ketensim::cli {

/// A mistake on the command line (exit code 2, like a bad scenario).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Options and positional arguments of one subcommand.
///
/// Each subcommand declares the options it takes; anything else is a usage error that names
/// the option and lists the valid ones.
class Arguments {
 public:
  struct Option {
    std::string long_name;   // "--seed"
    std::string short_name;  // "-o" or ""
    bool takes_value;
    std::string help;
  };

  Arguments(std::string command, std::vector<Option> options) : command_(std::move(command)), options_(std::move(options)) {}

  void parse(const std::vector<std::string>& words);
  [[nodiscard]] bool has(const std::string& long_name) const { return values_.count(long_name) > 0; }
  [[nodiscard]] std::optional<std::string> value(const std::string& long_name) const;
  [[nodiscard]] std::optional<double> number(const std::string& long_name) const;
  /// Every value given to a repeatable option, in order.
  [[nodiscard]] std::vector<std::string> values(const std::string& long_name) const;
  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }
  [[nodiscard]] std::string options_help() const;

 private:
  std::string command_;
  std::vector<Option> options_;
  std::map<std::string, std::string> values_;          // last value of each option
  std::vector<std::pair<std::string, std::string>> all_;  // every (option, value) in order
  std::vector<std::string> positional_;
};

}  // namespace ketensim::cli
