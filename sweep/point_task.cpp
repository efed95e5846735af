// SPDX-License-Identifier: MIT
#include "sweep/point_task.h"

#include <cstdint>
#include <filesystem>
#include <stdexcept>

namespace ketensim::sweep {
namespace {

// Length-prefixed fields: "<decimal length>:<bytes>", so any byte may appear in a field.
void put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

class Fields {
 public:
  explicit Fields(const std::string& bytes) : bytes_(bytes) {}
  std::string next() {
    const auto colon = bytes_.find(':', at_);
    if (colon == std::string::npos) throw std::runtime_error("malformed sweep message: missing field");
    const std::string digits = bytes_.substr(at_, colon - at_);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      throw std::runtime_error("malformed sweep message: bad field length '" + digits + "'");
    }
    const std::size_t length = std::stoul(digits);
    if (colon + 1 + length > bytes_.size())
      throw std::runtime_error("malformed sweep message: field runs past the end");
    std::string field = bytes_.substr(colon + 1, length);
    at_ = colon + 1 + length;
    return field;
  }
  [[nodiscard]] bool done() const { return at_ == bytes_.size(); }

 private:
  const std::string& bytes_;
  std::size_t at_ = 0;
};

std::uint32_t to_index(const std::string& text) {
  if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoull(text) > UINT32_MAX) {
    throw std::runtime_error("malformed sweep message: bad point index '" + text + "'");
  }
  return static_cast<std::uint32_t>(std::stoull(text));
}

}  // namespace

PointOutcome finish_point(const PointTask& task, pid_t pid, const ProcessOutcome& process) {
  const std::string program = task.command.size() > 1 ? "ketensim " + task.command[1] : "the run";
  PointOutcome outcome{task.index, false, ""};
  if (process.succeeded()) {
    if (std::filesystem::is_regular_file(task.run_file)) {
      outcome.ok = true;
      return outcome;
    }
    outcome.error = program + " exited with code 0 but left no " + task.run_file;
  } else {
    outcome.error = process.describe(program);
  }
  std::error_code ignored;
  std::filesystem::remove(task.run_file + ".tmp-" + std::to_string(pid), ignored);
  return outcome;
}

std::string encode(const PointTask& task) {
  std::string out;
  put(out, std::to_string(task.index));
  put(out, task.run_file);
  for (const std::string& word : task.command) put(out, word);
  return out;
}

PointTask decode_task(const std::string& bytes) {
  Fields fields(bytes);
  PointTask task;
  task.index = to_index(fields.next());
  task.run_file = fields.next();
  while (!fields.done()) task.command.push_back(fields.next());
  if (task.command.empty()) throw std::runtime_error("malformed sweep message: a task without a command");
  return task;
}

std::string encode(const PointOutcome& outcome) {
  std::string out;
  put(out, std::to_string(outcome.index));
  put(out, outcome.ok ? "1" : "0");
  put(out, outcome.error);
  return out;
}

PointOutcome decode_outcome(const std::string& bytes) {
  Fields fields(bytes);
  PointOutcome outcome;
  outcome.index = to_index(fields.next());
  outcome.ok = fields.next() == "1";
  outcome.error = fields.next();
  if (!fields.done()) throw std::runtime_error("malformed sweep message: extra fields after an outcome");
  return outcome;
}

}  // namespace ketensim::sweep
