// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>

#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"
#include "models/output/result_layout.h"
#include "models/output/result_reader.h"
#include "models/output/result_writer.h"
#include "tests/support/example_run_result.h"
#include "tests/support/expect_equal_results.h"

namespace fs = std::filesystem;
using ketensim::output::read_run_result;
using ketensim::output::write_run_result;
using ketensim::output::WriteOptions;
using ketensim::testing::example_run_result;

namespace {

class ResultWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("ketensim-output-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  static std::string bytes_of(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  /// Runs `write` and returns its error message ("" if it did not throw).
  template <class Write>
  static std::string error_of(Write write) {
    try {
      write();
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(ResultWriter, AWrittenResultReadsBackEqual) {
  const auto run = example_run_result();
  write_run_result(run, path("run.h5"));
  ketensim::testing::expect_equal(run, read_run_result(path("run.h5")));
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

TEST_F(ResultWriter, StaffSeriesReadBackPerReplicationOnTheTimeSeriesSamples) {
  write_run_result(example_run_result(), path("run.h5"));
  const auto back = read_run_result(path("run.h5"));
  ASSERT_EQ(back.replications.size(), 3u);
  const auto& staff = back.replications[2].staff;
  EXPECT_EQ(staff.series_organisation, (std::vector<std::string>{"gi", "gi", "gi"}));
  EXPECT_EQ(staff.series_area, (std::vector<std::string>{"groningen", "friesland", "national"}));
  EXPECT_EQ(staff.metric_names, (std::vector<std::string>{"headcount", "pressure_mean", "cost_euros"}));
  EXPECT_EQ(staff.metric_units, (std::vector<std::string>{"FTE", "caseload/norm", "euros/step"}));
  ASSERT_EQ(staff.values.size(), 3u * 3u * back.replications[2].timeseries.time_days.size());
  EXPECT_EQ(staff.values[staff.index(1, 2, 3, 5)], 2000.0 + 100.0 + 20.0 + 3.0 + 0.5);
}

TEST_F(ResultWriter, AFileWithoutStaffSeriesOrAnalyticEstimateReadsWithEmptyOnes) {
  namespace h5 = ketensim::output::h5;
  auto run = example_run_result();
  write_run_result(run, path("old.h5"));
  {  // Leave out what a run without staff pools or --analytic has no use for.
    h5::File file(h5::check(H5Fopen(path("old.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT), path("old.h5"), "cannot open"),
                  path("old.h5"), "/");
    ASSERT_GE(H5Ldelete(file.id(), "staff", H5P_DEFAULT), 0);
    ASSERT_GE(H5Ldelete(file.id(), "analytic", H5P_DEFAULT), 0);
  }
  ketensim::output::seal_file(path("old.h5"), path("old.h5"));
  const auto back = read_run_result(path("old.h5"));
  for (auto& replication : run.replications) replication.staff = {};
  run.analytic.clear();
  ketensim::testing::expect_equal(run, back);
}

TEST_F(ResultWriter, FilesAreWrittenInTheCurrentFormatVersion) {
  namespace h5 = ketensim::output::h5;
  write_run_result(example_run_result(), path("run.h5"));
  EXPECT_EQ(h5::read_string_attribute(h5::open_file(path("run.h5")), "format_version"), "2.1");
  EXPECT_EQ(ketensim::output::layout::format_version(), "2.1");
}

TEST_F(ResultWriter, AResultWithoutEventLogReadsBackWithoutOne) {
  const auto run = example_run_result(false);
  write_run_result(run, path("run.h5"));
  const auto back = read_run_result(path("run.h5"));
  EXPECT_FALSE(back.has_events);
  EXPECT_EQ(back.event_names, run.event_names);
  ketensim::testing::expect_equal(run, back);
}

TEST_F(ResultWriter, ARunWithoutReplicationsReadsBackEqual) {
  auto run = example_run_result();
  run.replications.clear();
  write_run_result(run, path("empty.h5"));
  ketensim::testing::expect_equal(run, read_run_result(path("empty.h5")));
}

TEST_F(ResultWriter, MissingParentDirectoriesAreCreated) {
  write_run_result(example_run_result(), path("a/b/run.h5"));
  EXPECT_TRUE(fs::exists(path("a/b/run.h5")));
}

TEST_F(ResultWriter, KpiSumsLeaveOutReplicationsWhereTheKpiIsUndefined) {
  write_run_result(example_run_result(), path("run.h5"));
  const auto kpis = ketensim::output::read_kpi_statistics(path("run.h5"));
  ASSERT_EQ(kpis.size(), 3u);
  EXPECT_EQ(kpis[0].name, "wait_days_median");  // 10, 20, NaN
  EXPECT_EQ(kpis[0].stage, "rvdk");
  EXPECT_EQ(kpis[0].region, "national");
  EXPECT_EQ(kpis[0].unit, "days");
  EXPECT_DOUBLE_EQ(kpis[0].statistics.sum, 30.0);
  EXPECT_DOUBLE_EQ(kpis[0].statistics.sum_sq, 500.0);
  EXPECT_EQ(kpis[0].statistics.count, 2u);
  EXPECT_DOUBLE_EQ(kpis[0].statistics.mean(), 15.0);
  EXPECT_DOUBLE_EQ(kpis[0].statistics.variance(), 50.0);
  EXPECT_DOUBLE_EQ(kpis[1].statistics.sum, 18.0);  // 5, 6, 7
  EXPECT_DOUBLE_EQ(kpis[1].statistics.sum_sq, 110.0);
  EXPECT_EQ(kpis[1].statistics.count, 3u);
  EXPECT_EQ(kpis[2].statistics.count, 0u);  // NaN everywhere
  EXPECT_EQ(kpis[2].statistics.sum, 0.0);
  EXPECT_TRUE(std::isnan(kpis[2].statistics.mean()));
}

TEST_F(ResultWriter, CalibrationSumsCoverEveryReplication) {
  write_run_result(example_run_result(), path("run.h5"));
  const auto calibration = ketensim::output::read_calibration_statistics(path("run.h5"));
  ASSERT_EQ(calibration.size(), 1u);
  EXPECT_EQ(calibration[0].target, "rvdk_investigations_per_year");
  EXPECT_EQ(calibration[0].published, 20000.0);
  EXPECT_DOUBLE_EQ(calibration[0].statistics.sum, 57300.0);
  EXPECT_DOUBLE_EQ(calibration[0].statistics.sum_sq, 19000.0 * 19000 + 19100.0 * 19100 + 19200.0 * 19200);
  EXPECT_EQ(calibration[0].statistics.count, 3u);
}

TEST_F(ResultWriter, TwoWritesWithTheSameCreatedTimeAreByteIdentical) {
  const WriteOptions options{"2024-01-01T00:00:00Z", {}};
  write_run_result(example_run_result(), path("a.h5"), options);
  write_run_result(example_run_result(), path("b.h5"), options);
  EXPECT_EQ(bytes_of(path("a.h5")), bytes_of(path("b.h5")));
}

TEST_F(ResultWriter, CreatedIsTheCurrentTimeInIso8601Utc) {
  write_run_result(example_run_result(), path("run.h5"));
  namespace h5 = ketensim::output::h5;
  const std::string created = h5::read_string_attribute(h5::open_file(path("run.h5")), "created");
  EXPECT_TRUE(std::regex_match(created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << created;
}

TEST_F(ResultWriter, AFileOfAnotherTypeIsRefusedByName) {
  namespace h5 = ketensim::output::h5;
  {
    h5::File file = h5::create_file(path("other.h5"), path("other.h5"));
    h5::write_attribute(file, "filetype", std::string("x"));
  }
  ketensim::output::seal_file(path("other.h5"), path("other.h5"));
  EXPECT_EQ(error_of([&] { read_run_result(path("other.h5")); }),
            path("other.h5") + ": filetype is 'x', expected 'ketensim.run'");
}

TEST_F(ResultWriter, ANewerMajorFormatVersionIsRefused) {
  namespace h5 = ketensim::output::h5;
  {
    h5::File file = h5::create_file(path("future.h5"), path("future.h5"));
    h5::write_attribute(file, "filetype", std::string("ketensim.run"));
    h5::write_attribute(file, "format_version", std::string("3.0"));
  }
  ketensim::output::seal_file(path("future.h5"), path("future.h5"));
  EXPECT_EQ(error_of([&] { read_run_result(path("future.h5")); }),
            path("future.h5") + ": format_version is 3.0, this reader understands 2.x");
}

TEST_F(ResultWriter, AFileThatIsNotHdf5IsRefusedWithItsPath) {
  std::ofstream(path("notes.h5")) << "not hdf5";
  const std::string message = error_of([&] { read_run_result(path("notes.h5")); });
  EXPECT_EQ(message, path("notes.h5") + ": not a ketensim result file (not HDF5)");
}

TEST_F(ResultWriter, AFailedWriteLeavesTheExistingFileUntouchedAndNoTemporaryFile) {
  write_run_result(example_run_result(), path("run.h5"));
  const std::string before = bytes_of(path("run.h5"));
  std::string seen_temporary;
  WriteOptions failing;
  failing.before_rename = [&](const std::string& temporary) {
    seen_temporary = temporary;
    EXPECT_TRUE(fs::exists(temporary));
    throw std::runtime_error("injected failure");
  };
  auto changed = example_run_result(false);
  changed.seed = 7;
  EXPECT_EQ(error_of([&] { write_run_result(changed, path("run.h5"), failing); }), "injected failure");
  EXPECT_EQ(seen_temporary, path("run.h5") + ".tmp-" + std::to_string(::getpid()));
  EXPECT_EQ(bytes_of(path("run.h5")), before);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

// A writer killed just before its rename leaves PATH.tmp-<pid>; the next write to PATH
// removes it, but not the temporary file of a writer that still runs.
TEST_F(ResultWriter, TheNextWriteRemovesTheTemporaryFileOfAKilledWriterOnly) {
  const pid_t killed = ::fork();
  ASSERT_GE(killed, 0);
  if (killed == 0) {
    WriteOptions dying;
    dying.before_rename = [](const std::string&) { ::kill(::getpid(), SIGKILL); };
    write_run_result(example_run_result(), path("run.h5"), dying);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(killed, &status, 0), killed);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  const std::string left = path("run.h5") + ".tmp-" + std::to_string(killed);
  ASSERT_TRUE(fs::exists(left));

  int gate[2];
  ASSERT_EQ(::pipe(gate), 0);
  const pid_t running = ::fork();
  ASSERT_GE(running, 0);
  if (running == 0) {  // a writer still at work: waits until the parent closes the pipe
    char byte;
    ::close(gate[1]);
    while (::read(gate[0], &byte, 1) > 0) {
    }
    ::_exit(0);
  }
  ::close(gate[0]);
  const std::string busy = path("run.h5") + ".tmp-" + std::to_string(running);
  std::ofstream(busy) << "being written";

  write_run_result(example_run_result(), path("run.h5"));
  EXPECT_FALSE(fs::exists(left));
  EXPECT_TRUE(fs::exists(busy));
  ::close(gate[1]);
  ASSERT_EQ(::waitpid(running, &status, 0), running);
  fs::remove(busy);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
  EXPECT_NO_THROW(read_run_result(path("run.h5")));
}

TEST_F(ResultWriter, AnHdf5FailureMidWriteRemovesTheTemporaryFile) {
  write_run_result(example_run_result(), path("run.h5"));
  const std::string before = bytes_of(path("run.h5"));
  auto bad = example_run_result();
  bad.stage_names[1] = std::string("rv\0dk", 5);  // HDF5 strings cannot hold NUL
  const std::string message = error_of([&] { write_run_result(bad, path("run.h5")); });
  EXPECT_EQ(message, path("run.h5") + ":/stages/names: string contains a NUL character");
  EXPECT_EQ(bytes_of(path("run.h5")), before);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

TEST_F(ResultWriter, AnUncreatableDirectoryFailsWithoutLeavingAnything) {
  std::ofstream(path("plain-file")) << "x";
  const std::string message = error_of([&] { write_run_result(example_run_result(), path("plain-file/sub/run.h5")); });
  EXPECT_NE(message.find("cannot create directory"), std::string::npos) << message;
  EXPECT_EQ(entries(), std::vector<std::string>{"plain-file"});
}

TEST_F(ResultWriter, RenamingOntoADirectoryFailsAndRemovesTheTemporaryFile) {
  fs::create_directories(path("taken/inside"));
  const std::string message = error_of([&] { write_run_result(example_run_result(), path("taken")); });
  EXPECT_NE(message.find("cannot move"), std::string::npos) << message;
  EXPECT_EQ(entries(), std::vector<std::string>{"taken"});
}

TEST_F(ResultWriter, ReplicationsThatDisagreeOnKpisAreRefusedBeforeWriting) {
  write_run_result(example_run_result(), path("run.h5"));
  const std::string before = bytes_of(path("run.h5"));
  auto run = example_run_result();
  run.replications[1].kpis.pop_back();
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: replication 1 has 2 KPIs, replication 0 has 3");
  EXPECT_EQ(bytes_of(path("run.h5")), before);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

TEST_F(ResultWriter, ReplicationsThatDisagreeOnTimePointsAreRefused) {
  auto run = example_run_result();
  run.replications[2].timeseries.time_days[4] = 121.0;
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: replication 2: time points differ from replication 0");
}

TEST_F(ResultWriter, ReplicationsThatDisagreeOnStaffSeriesAreRefused) {
  auto run = example_run_result();
  run.replications[1].staff.series_area[0] = "drenthe";
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: replication 1: staff series differ from replication 0");
}

TEST_F(ResultWriter, StaffValuesThatDoNotFillTheirShapeAreRefused) {
  auto run = example_run_result();
  run.replications[2].staff.values.pop_back();
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") +
                ": cannot write result: replication 2: 44 staff values, expected 45 (staff metrics x staff series x "
                "samples)");
}

TEST_F(ResultWriter, AReservedStaffMetricNameIsRefused) {
  auto run = example_run_result();
  for (auto& replication : run.replications) replication.staff.metric_names[1] = "series_area";
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: staff metric name 'series_area' is reserved in /staff");
}

TEST_F(ResultWriter, AReservedMetricNameIsRefused) {
  auto run = example_run_result();
  for (auto& replication : run.replications) replication.timeseries.metric_names[0] = "time_days";
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: metric name 'time_days' is reserved in /timeseries");
}

TEST_F(ResultWriter, AnEventCodeWithoutANameIsRefused) {
  auto run = example_run_result();
  run.replications[0].events[1].what = 9;
  EXPECT_EQ(
      error_of([&] { write_run_result(run, path("run.h5")); }),
      path("run.h5") + ": cannot write result: replication 0: event 1 has event code 9 but there are 4 event names");
}

TEST_F(ResultWriter, LoggedEventsWithoutHasEventsAreRefused) {
  auto run = example_run_result();
  run.has_events = false;
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: replication 0 has 2 logged events but has_events is false");
}

TEST_F(ResultWriter, DuplicateReplicationIndicesAreRefused) {
  auto run = example_run_result();
  run.replications[2].replication = 0;
  EXPECT_EQ(error_of([&] { write_run_result(run, path("run.h5")); }),
            path("run.h5") + ": cannot write result: replication 0 appears twice");
}

}  // namespace
