// SPDX-License-Identifier: MIT
// A mutation fuzz harness for the scenario loader: mutates the seed scenarios of
// tests/fuzz/scenario-corpus deterministically (flip, delete, duplicate and insert bytes,
// splice in TOML fragments and other seeds' lines) and loads each mutant in a forked child
// with a timeout. Every mutant must load or fail with a ScenarioError (exit 2 at the
// command line); any other exception, a crash or a hang is a finding, written to
// FINDINGS_DIR. Bounded by a count and a time budget, so CI can run it.
//
//   ketensim_fuzz_scenario_loader CORPUS_DIR REGIONS_DIR MUTANTS SECONDS FINDINGS_DIR [SEED...]
//
// SEED files (the shipped example scenarios) join the corpus without being copied into it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "models/scenario_error.h"

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> fragments = {
    "=", "[", "]", "[[", "]]", "\"", "'", "#", "\n", ".", ",", "{", "}", "inf", "-inf", "nan", "1e-320", "4.9e-324",
    "1e308", "-0", "true", "false", "9223372036854775807", "0x7fffffff", "1979-05-27T07:32:00Z", "\"\"\"", "[regions]",
    "[run]", "[[intervention]]", "[[structure]]", "regions = 5", "table = \"/dev/zero\"", "table = \".\"",
    "format_version = 1.0", "key = \"run.years\"", "how = \"set\"", "value = ", "\\u0000", "\xc3\x28", "é"};

std::string mutate(std::string text, std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  const int steps = 1 + static_cast<int>(rng() % 4);
  for (int s = 0; s < steps; ++s) {
    const std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
    switch (rng() % 7) {
      case 0:  // flip a bit
        if (!text.empty()) text[std::min(at, text.size() - 1)] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:  // delete a run
        text.erase(at, 1 + rng() % 16);
        break;
      case 2:  // duplicate a run
        text.insert(at, text.substr(at, 1 + rng() % 32));
        break;
      case 3:  // a random byte
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(rng() % 256));
        break;
      case 4:  // a TOML fragment
        text.insert(at, fragments[rng() % fragments.size()]);
        break;
      case 5: {  // a line of another seed
        const std::string& other = seeds[rng() % seeds.size()];
        const std::size_t from = other.empty() ? 0 : rng() % other.size();
        const std::size_t end = other.find('\n', from);
        text.insert(at, other.substr(from, end == std::string::npos ? std::string::npos : end - from + 1));
        break;
      }
      default: {  // replace a number by an extreme one
        const std::size_t digit = text.find_first_of("0123456789", at);
        if (digit != std::string::npos) text.replace(digit, 1, fragments[14 + rng() % 12]);
        break;
      }
    }
  }
  return text;
}

/// 0: loaded or a ScenarioError; 1: another exception (message on stderr).
int load_in_child(const std::string& text, const std::string& regions_dir) {
  try {
    ketensim::model::load_scenario_text(text, "fuzz.toml", regions_dir);
  } catch (const ketensim::model::ScenarioError&) {
  } catch (const std::exception& e) {
    std::cerr << "not a ScenarioError: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "a non-standard exception\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR REGIONS_DIR MUTANTS SECONDS FINDINGS_DIR [SEED...]\n";
    return 2;
  }
  std::vector<std::string> seeds;
  std::vector<fs::path> seed_files;
  for (const auto& entry : fs::directory_iterator(argv[1])) seed_files.push_back(entry.path());
  std::sort(seed_files.begin(), seed_files.end());
  for (int i = 6; i < argc; ++i) seed_files.emplace_back(argv[i]);
  for (const auto& file : seed_files) {
    std::ifstream in(file, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (seeds.empty()) {
    std::cerr << argv[1] << ": no seed scenarios\n";
    return 2;
  }
  const std::string regions_dir = argv[2];
  const long mutants = std::stol(argv[3]);
  const auto budget = std::chrono::seconds(std::stol(argv[4]));
  const fs::path findings = argv[5];
  std::mt19937_64 rng(20261204);
  const auto started = std::chrono::steady_clock::now();
  long tried = 0;
  long found = 0;
  for (; tried < mutants && std::chrono::steady_clock::now() - started < budget; ++tried) {
    const std::string text = mutate(seeds[static_cast<std::size_t>(tried) % seeds.size()], rng, seeds);
    const pid_t child = ::fork();
    if (child < 0) return 1;
    if (child == 0) {
      ::alarm(10);  // a hang ends as SIGALRM
      ::_exit(load_in_child(text, regions_dir));
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
    ++found;
    fs::create_directories(findings);
    const fs::path file = findings / ("finding-" + std::to_string(tried) + ".toml");
    std::ofstream(file, std::ios::binary) << text;
    std::cerr << file.string() << ": "
              << (WIFSIGNALED(status) ? (WTERMSIG(status) == SIGALRM ? "hang" : "crash, signal " + std::to_string(WTERMSIG(status)))
                                      : "not a ScenarioError")
              << "\n";
  }
  std::cout << tried << " mutants of " << seeds.size() << " seeds, " << found << " findings\n";
  return found == 0 ? 0 : 1;
}
