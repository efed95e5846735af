// SPDX-License-Identifier: MIT
// Edge cases of scenario checking (issue 13): each gives a located ScenarioError (exit 2 at
// the command line), never a library exception or a silently accepted value.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "models/parameter_table.h"
#include "models/run_memory.h"
#include "models/simulation.h"
#include "models/scenario.h"
#include "models/scenario_error.h"

namespace ketensim::model {
namespace {

namespace fs = std::filesystem;

const std::string examples = std::string(KETENSIM_SOURCE_DIR) + "/scenarios/examples";
const std::string header = "format_version = 1\n[regions]\ntable = \"regions-two.toml\"\n";

std::string error_of(const std::string& text, const std::string& base = examples) {
  try {
    load_scenario_text(text, "test.toml", base);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(ScenarioEdgeCases, ASubnormalValueIsReportedAgainstItsBound) {
  const std::string years = error_of(header + "[run]\nyears = 1e-320\n");
  EXPECT_TRUE(starts_with(years, "test.toml:5: run.years = ")) << years;
  EXPECT_NE(years.find(": must be >= "), std::string::npos) << years;
  const std::string seed = error_of(header + "[run]\nseed = 4.9e-324\n");
  EXPECT_TRUE(starts_with(seed, "test.toml:5: run.seed = ")) << seed;
  EXPECT_TRUE(ends_with(seed, ": must be a whole number (" + find_parameter("run.seed")->unit + ")")) << seed;
}

// Found by tests/fuzz_scenario_loader.cpp: toml++ has no double for this integer, and the
// loader failed with std::bad_optional_access.
TEST(ScenarioEdgeCases, AnIntegerNoDoubleHoldsExactlyIsReportedAgainstItsBound) {
  const std::string message = error_of(header + "[run]\nyears = 9223372036854775807\n");
  EXPECT_TRUE(starts_with(message, "test.toml:5: run.years = 9.2233720368547758e+18: must be <= ")) << message;
  const std::string intervention = error_of(
      header + "[[intervention]]\nkey = \"gi.fte\"\nhow = \"set\"\nvalue = 9223372036854775807\nstart_years = 1\n");
  // Loads or fails with a located ScenarioError (error_of lets any other exception through).
  EXPECT_TRUE(intervention == "no error" || starts_with(intervention, "test.toml:")) << intervention;
}

TEST(ScenarioEdgeCases, FormatVersionMustBeTheIntegerItself) {
  for (const char* value : {"true", "1.0"}) {
    const std::string message = error_of(std::string("format_version = ") + value +
                                         "\n[regions]\ntable = \"regions-two.toml\"\n");
    EXPECT_TRUE(starts_with(message, "test.toml:1: format_version = ")) << message;
    EXPECT_TRUE(ends_with(message, ": this ketensim reads format_version 1")) << message;
  }
}

TEST(ScenarioEdgeCases, AnInterventionAtInfinityIsRefused) {
  const std::string intervention =
      "[[intervention]]\nkey = \"gi.fte\"\nhow = \"multiply\"\nvalue = 1.1\nstart_years = 1\nramp_days = inf\n";
  EXPECT_EQ(error_of(header + intervention), "test.toml:9: intervention.ramp_days = inf: expected a finite number");
  const std::string late = "[[intervention]]\nkey = \"gi.fte\"\nhow = \"multiply\"\nvalue = 1.1\nstart_years = inf\n";
  EXPECT_EQ(error_of(header + late), "test.toml:8: intervention.start_years = inf: expected a finite number");
}

TEST(ScenarioEdgeCases, AGroupGivenAsAValueSaysATableIsExpected) {
  const std::string regions = error_of("format_version = 1\nregions = 5\n");
  EXPECT_TRUE(starts_with(regions, "test.toml:2: regions = 5: expected a table [regions] of keys (valid keys here are "
                                   "regions.table, regions.select"))
      << regions;
  const std::string structure = error_of(header + "[[structure]]\nplacement = \"regional\"\n");
  EXPECT_TRUE(starts_with(structure, "test.toml:4: structure = ")) << structure;
  EXPECT_NE(structure.find(": expected a table [structure] of keys (valid keys here are structure.placement"),
            std::string::npos)
      << structure;
  EXPECT_EQ(structure.find("unknown key"), std::string::npos) << structure;
}

TEST(RunMemory, TheEstimateIsWhatARunsTimeSeriesHold) {
  Scenario scenario = load_scenario(examples + "/small-chain.toml");
  set_parameter(scenario, "run.replications", 2, "test");
  set_parameter(scenario, "run.years", 1, "test");
  const RunResult run = run_scenario(scenario, RunOptions{});
  double values = 0;
  for (const auto& replication : run.replications) values += static_cast<double>(replication.timeseries.values.size());
  EXPECT_EQ(estimate_run_memory(scenario).bytes, values * sizeof(double));
}

TEST(RunMemory, ARunBeyondTheLimitIsRefusedNamingTheKeysThatDriveIt) {
  const Scenario scenario = load_scenario(examples + "/small-chain.toml");
  const double needed = estimate_run_memory(scenario).bytes;
  EXPECT_NO_THROW(check_run_memory(scenario, needed, "the limit"));
  try {
    check_run_memory(scenario, needed - 1, "--max-memory X");
    ADD_FAILURE() << "no error";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_TRUE(starts_with(message, examples + "/small-chain.toml: the run needs at least ")) << message;
    for (const char* part : {"run.replications = ", "run.years = ", "run.timeseries_step_days = ", " regions + national",
                             "more than --max-memory X"}) {
      EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
    }
  }
  EXPECT_EQ(parse_memory_size("4G"), 4.0 * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_memory_size("512M"), 512.0 * 1024 * 1024);
  EXPECT_EQ(parse_memory_size("1000"), 1000.0);
  EXPECT_FALSE(parse_memory_size("lots"));
  EXPECT_FALSE(parse_memory_size("-1G"));
}

class RegionTablePath : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ketensim-paths-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scenario" / "tables");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string with_table(const std::string& table) const {
    return "format_version = 1\n[regions]\ntable = \"" + table + "\"\n";
  }
  fs::path dir_;
};

TEST_F(RegionTablePath, IsResolvedRelativeToTheScenarioFile) {
  fs::copy_file(examples + "/regions-two.toml", dir_ / "scenario" / "tables" / "two.toml");
  std::ofstream(dir_ / "scenario" / "s.toml") << with_table("tables/two.toml");
  const fs::path before = fs::current_path();
  fs::current_path(dir_);  // elsewhere: the path must not depend on the working directory
  EXPECT_NO_THROW(load_scenario((dir_ / "scenario" / "s.toml").string()));
  fs::current_path(before);
}

TEST_F(RegionTablePath, MustBeARegularFile) {
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  for (const std::string table : {std::string("/dev/zero"), std::string("/proc/self/environ"), dir_.string(),
                                  (dir_ / "fifo").string()}) {
    const std::string message = error_of(with_table(table), dir_.string());
    EXPECT_TRUE(starts_with(message, "test.toml:3: regions.table = \"" + table + "\": not a regular file (")) << message;
    EXPECT_TRUE(ends_with(message, "): expected a regions table (TOML)")) << message;
  }
}

}  // namespace
}  // namespace ketensim::model
