// SPDX-License-Identifier: MIT
#include "sweep/sweep_driver.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "models/output/overwrite_guard.h"
#include "models/scenario_error.h"
#include "sweep/build_info.h"
#include "sweep/interrupt.h"
#include "sweep/point_run_file.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_spec.h"
#include "sweep/sweep_summary.h"

namespace ketensim::sweep {
namespace {

namespace fs = std::filesystem;

// At most this many "running it again" notes; a changed spec can touch every point.
constexpr std::size_t max_redo_notes = 5;

void print_points(const SweepSpec& spec, const std::vector<Point>& points) {
  std::cout << "point seed";
  for (const Factor& factor : spec.factors) std::cout << ' ' << factor.key;
  std::cout << "\n";
  for (const Point& point : points) {
    std::cout << point.index << ' ' << point.seed;
    for (const double value : point.values) std::cout << ' ' << format_value(value);
    std::cout << "\n";
  }
}

struct Resume {
  std::vector<bool> finished;
  std::size_t count = 0;
};

// Which points already have their run file; says why an existing file is not taken.
Resume find_finished(const SweepSpec& spec, const std::vector<Point>& points, const fs::path& directory) {
  Resume resume;
  resume.finished.assign(points.size(), false);
  std::size_t redo_notes = 0;
  std::size_t other_revision = 0;
  std::string revision_seen;
  for (const Point& point : points) {
    InterruptGuard::throw_if_received();
    const std::string name = run_file_name(point, points.size());
    const RunFileCheck check = check_run_file(spec, point, (directory / name).string());
    if (check.finished) {
      resume.finished[point.index] = true;
      ++resume.count;
      if (check.git_revision != git_revision()) {
        ++other_revision;
        revision_seen = check.git_revision;
      }
    } else if (check.exists) {
      if (redo_notes++ < max_redo_notes) {
        std::cerr << "point " << point.index << ": " << name << " " << check.reason << "; running it again\n";
      }
    }
  }
  if (redo_notes > max_redo_notes)
    std::cerr << "... and " << redo_notes - max_redo_notes << " more points to run again\n";
  if (other_revision > 0) {
    // Inputs decide whether a point is finished; a rebuilt simulator does not, so say so.
    std::cerr << "warning: " << other_revision << " finished points were written by ketensim revision " << revision_seen
              << ", this build is " << git_revision() << "; delete " << (directory / "points").string()
              << " to run them again\n";
  }
  return resume;
}

}  // namespace

int exit_code_for_failed_points(std::size_t failed) {
  if (failed == 0) return sweep_ok;
  return sweep_failed_points + static_cast<int>(std::min(failed, max_failed_points_in_exit_code));
}

int run_sweep(const SweepRequest& request, const Executor& execute) {
  SweepSpec spec;
  try {
    spec = load_sweep_spec(request.spec_path);
  } catch (const model::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return sweep_input_error;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return sweep_failure;
  }
  const std::vector<Point> points = plan_points(spec);
  if (request.list_only) {
    print_points(spec, points);
    return sweep_ok;
  }
  if (::access(request.ketensim.c_str(), X_OK) != 0) {
    std::cerr << "error: cannot run points: '" << request.ketensim << "' is not an executable program\n";
    return sweep_input_error;
  }
  const fs::path directory = fs::absolute(request.output_directory).lexically_normal();
  if (!request.force) {
    const std::string summary = (directory / summary_file_name).string();
    if (const auto reason = output::foreign_result_file(summary, summary_filetype)) {
      std::cerr << "error: " << output::refusal_message(summary, *reason) << "\n";
      return sweep_input_error;
    }
  }
  std::error_code error;
  fs::create_directories(directory / "points", error);
  if (error) {
    std::cerr << "error: cannot create " << (directory / "points").string() << ": " << error.message() << "\n";
    return sweep_failure;
  }
  const InterruptGuard guard;
  try {
    const Resume resume = find_finished(spec, points, directory);
    std::vector<PointTask> tasks;
    for (const Point& point : points) {
      if (resume.finished[point.index]) continue;
      const std::string run_file = (directory / run_file_name(point, points.size())).string();
      tasks.push_back({point.index, run_arguments(spec, point, request.ketensim, run_file), run_file});
    }
    if (resume.count > 0) {
      std::cerr << "resuming: " << resume.count << " of " << points.size() << " points already finished\n";
    }
    SweepProgress progress(points.size(), resume.count, !request.quiet);
    std::vector<PointOutcome> ran;
    try {
      ran = execute(tasks, progress);
    } catch (...) {
      progress.close();
      throw;
    }
    progress.close();
    std::vector<PointOutcome> outcomes(points.size());
    for (const Point& point : points) outcomes[point.index] = {point.index, resume.finished[point.index], ""};
    for (const PointOutcome& outcome : ran) outcomes.at(outcome.index) = outcome;
    const SummaryCounts counts = write_sweep_summary(spec, points, std::move(outcomes), directory.string());
    std::cout << "sweep: " << points.size() << " points, " << counts.ok << " ok (" << resume.count
              << " finished before), " << counts.failed << " failed\n"
              << "summary: " << (directory / summary_file_name).string() << "\n";
    return exit_code_for_failed_points(counts.failed);
  } catch (const Interrupted& e) {
    std::cerr << "sweep " << e.what() << ": finished points stay in " << (directory / "points").string()
              << "; run the same command again to resume\n";
    return 128 + e.signal();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return sweep_failure;
  }
}

}  // namespace ketensim::sweep
