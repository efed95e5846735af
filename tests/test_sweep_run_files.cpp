// SPDX-License-Identifier: MIT
// Running points and trusting their files: child processes, when a run file counts as a
// finished point, and the summary built from run files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/output/hdf5_io.h"
#include "models/output/result_writer.h"
#include "sweep/point_run_file.h"
#include "sweep/point_task.h"
#include "sweep/spawned_process.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_summary.h"
#include "tests/support/example_run_result.h"
#include "tests/support/scenario_files.h"

namespace fs = std::filesystem;
using namespace ketensim::sweep;

namespace {

class SweepFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("ketensim-sweep-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "points");
    // Three replications, as the synthetic run result has.
    spec_ = load_sweep_spec_text(
        "format_version = 1\nkind = \"sweep\"\nscenario = \"../examples/small-chain.toml\"\nreplications = 3\n"
        "[factors]\n\"gi.fte\" = { values = [30, 40] }\n",
        "spec.toml", ketensim::testing::scenario_path("sweeps"));
    points_ = plan_points(spec_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A run file for `point`: the synthetic result, carrying the point's resolved scenario.
  std::string write_point_file(const Point& point, const std::string& engine = "native") {
    ketensim::model::RunResult run = ketensim::testing::example_run_result(false);
    run.scenario_text = point_scenario(spec_, point).resolved_text();
    run.engine = engine;
    const std::string file = path(run_file_name(point, points_.size()));
    ketensim::output::write_run_result(run, file);
    return file;
  }

  fs::path dir_;
  SweepSpec spec_;
  std::vector<Point> points_;
};

// The columns of /results a test looks at; HDF5 reads a subset of a compound by name.
struct ResultRow {
  std::uint32_t point;
  std::uint32_t replication;
  const char* status;
  const char* error;
  const char* run_file;
  double fte;
  double wait;
  double on_time;
};

ketensim::output::h5::RowTypes result_row_types() {
  using ketensim::output::h5::Column;
  return ketensim::output::h5::row_types(sizeof(ResultRow),
                                         {{"point", offsetof(ResultRow, point), Column::u32},
                                          {"replication", offsetof(ResultRow, replication), Column::u32},
                                          {"status", offsetof(ResultRow, status), Column::str},
                                          {"error", offsetof(ResultRow, error), Column::str},
                                          {"run_file", offsetof(ResultRow, run_file), Column::str},
                                          {"gi.fte", offsetof(ResultRow, fte), Column::f64},
                                          {"kpi.rvdk.wait_days_median", offsetof(ResultRow, wait), Column::f64},
                                          {"kpi.chain.share_on_time", offsetof(ResultRow, on_time), Column::f64}});
}

}  // namespace

TEST(SpawnedProcessTest, AChildsStderrAndExitCodeAreReported) {
  SpawnedProcess child({"/bin/sh", "-c", "echo 'out is discarded'; echo 'gi.fte = -5: must be >= 0' >&2; exit 2"});
  const ProcessOutcome outcome = child.wait();
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_FALSE(outcome.succeeded());
  EXPECT_EQ(outcome.describe("ketensim run"), "gi.fte = -5: must be >= 0");
}

TEST(SpawnedProcessTest, AChildKilledByASignalIsDescribedByTheSignal) {
  SpawnedProcess child({"/bin/sh", "-c", "kill -KILL $$"});
  const ProcessOutcome outcome = child.wait();
  EXPECT_EQ(outcome.signal, 9);
  EXPECT_EQ(outcome.describe("ketensim run"), "ketensim run was killed by signal 9 (Killed)");
}

TEST(SpawnedProcessTest, AProgramThatDoesNotExistCannotStart) {
  try {
    SpawnedProcess child({"/nonexistent/ketensim", "run"});
    FAIL() << "started a program that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot start /nonexistent/ketensim: No such file or directory");
  }
}

TEST_F(SweepFiles, ARunThatSucceedsWithoutItsFileIsAFailure) {
  const PointTask task{0, {"/bin/true", "run"}, path("points/0000.h5")};
  ProcessOutcome exited;
  exited.exit_code = 0;
  const PointOutcome outcome = finish_point(task, 123, exited);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "ketensim run exited with code 0 but left no " + task.run_file);
}

TEST_F(SweepFiles, AFailedRunLeavesNoTemporaryFileBehind) {
  const PointTask task{0, {"/bin/ketensim", "run"}, path("points/0000.h5")};
  std::ofstream(task.run_file + ".tmp-4242") << "half";
  ProcessOutcome killed;
  killed.signal = 15;
  const PointOutcome outcome = finish_point(task, 4242, killed);
  EXPECT_FALSE(outcome.ok);
  EXPECT_FALSE(fs::exists(task.run_file + ".tmp-4242"));
  EXPECT_EQ(outcome.error, "ketensim run was killed by signal 15 (Terminated)");
}

TEST_F(SweepFiles, ARunFileMadeFromThePointsInputsIsFinished) {
  const std::string file = write_point_file(points_[0]);
  const RunFileCheck check = check_run_file(spec_, points_[0], file);
  EXPECT_TRUE(check.finished) << check.reason;
  EXPECT_EQ(check.git_revision, "abc123def456");
}

TEST_F(SweepFiles, ARunFileOfOtherInputsIsNotFinished) {
  const std::string file = write_point_file(points_[0]);
  const RunFileCheck check = check_run_file(spec_, points_[1], file);  // point 1 has gi.fte = 40
  EXPECT_TRUE(check.exists);
  EXPECT_FALSE(check.finished);
  EXPECT_EQ(check.reason, "made from other inputs (its resolved scenario differs from this point's)");
  EXPECT_FALSE(check_run_file(spec_, points_[0], write_point_file(points_[0], "simgrid")).finished);
}

TEST_F(SweepFiles, ATruncatedOrMissingRunFileIsNotFinished) {
  const std::string file = write_point_file(points_[0]);
  fs::resize_file(file, fs::file_size(file) / 2);
  const RunFileCheck truncated = check_run_file(spec_, points_[0], file);
  EXPECT_FALSE(truncated.finished);
  EXPECT_EQ(truncated.reason.rfind("unreadable: ", 0), 0U) << truncated.reason;
  const RunFileCheck missing = check_run_file(spec_, points_[1], path("points/0001.h5"));
  EXPECT_FALSE(missing.exists);
  EXPECT_FALSE(missing.finished);
}

TEST_F(SweepFiles, TheSummaryHasARowPerPointAndReplicationWithNationalKpisAndErrors) {
  write_point_file(points_[0]);
  const SummaryCounts counts = write_sweep_summary(
      spec_, points_, {{0, true, ""}, {1, false, "error: --set: gi.fte = 40: made up"}}, dir_.string());
  EXPECT_EQ(counts.ok, 1U);
  EXPECT_EQ(counts.failed, 1U);
  namespace h5 = ketensim::output::h5;
  const h5::File file = h5::open_file(path("sweep.h5"));
  EXPECT_EQ(h5::read_string_attribute(file, "filetype"), "ketensim.sweep");
  EXPECT_EQ(h5::read_string_attribute(file, "format_version"), ketensim::sweep::summary_format_version);
  EXPECT_EQ(h5::read_uint_attribute(file, "points_failed"), 1U);
  const h5::TableRows<ResultRow> table(file, "results", result_row_types());
  const auto& rows = table.rows();
  ASSERT_EQ(rows.size(), 6U);
  const double expected_wait[3] = {10.0, 20.0, NAN};  // the synthetic file's national values
  for (std::uint32_t r = 0; r < 3; ++r) {
    EXPECT_EQ(rows[r].point, 0U);
    EXPECT_EQ(rows[r].replication, r);
    EXPECT_STREQ(rows[r].status, "ok");
    EXPECT_STREQ(rows[r].run_file, "points/0000.h5");
    EXPECT_EQ(rows[r].fte, 30.0);
    if (std::isnan(expected_wait[r])) {
      EXPECT_TRUE(std::isnan(rows[r].wait));
    } else {
      EXPECT_EQ(rows[r].wait, expected_wait[r]);
    }
    EXPECT_TRUE(std::isnan(rows[r].on_time));
    EXPECT_EQ(rows[3 + r].point, 1U);
    EXPECT_STREQ(rows[3 + r].status, "failed");
    EXPECT_STREQ(rows[3 + r].error, "error: --set: gi.fte = 40: made up");
    EXPECT_STREQ(rows[3 + r].run_file, "");
    EXPECT_EQ(rows[3 + r].fte, 40.0);
    EXPECT_TRUE(std::isnan(rows[3 + r].wait));
  }
  // Only the national KPIs have columns (the file's third KPI is regional).
  struct ColumnRow {
    const char* column;
  };
  const h5::TableRows<ColumnRow> columns(
      file, "kpi_columns",
      h5::row_types(sizeof(ColumnRow), {{"column", offsetof(ColumnRow, column), h5::Column::str}}));
  ASSERT_EQ(columns.rows().size(), 2U);
  EXPECT_STREQ(columns.rows()[0].column, "kpi.rvdk.wait_days_median");
  EXPECT_STREQ(columns.rows()[1].column, "kpi.chain.share_on_time");
  // A finished point's external link reaches its run file; a failed point has none.
  const h5::Group links = h5::open_group(file, "run_files");
  EXPECT_FALSE(h5::has_link(links, "0001"));
  EXPECT_EQ(h5::read_string_attribute(h5::open_group(links, "0000"), "filetype"), "ketensim.run");
}
