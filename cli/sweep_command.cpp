// SPDX-License-Identifier: MIT
// `ketensim sweep`: a parameter sweep on the local machine, one child process per point.
#include <cmath>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "sweep/local_runner.h"
#include "sweep/sweep_driver.h"

namespace ketensim::cli {
namespace {

// This very program runs the points (`ketensim run`): /proc/self/exe names the binary this
// process was started from even when build/ketensim is rebuilt during the sweep, so every
// point runs the same build, whatever PATH or the working directory say.
const char* const this_program = "/proc/self/exe";

}  // namespace

int sweep_command(const std::vector<std::string>& words) {
  Arguments args("sweep", {
                              {"--output", "-o", true, "sweep directory: points/NNNN.h5 and sweep.h5 (required)"},
                              {"--jobs", "-j", true, "points run at once (default: every processor available)"},
                              {"--list", "", false, "print the points (seed and values) and stop"},
                              {"--quiet", "-q", false, "no progress line"},
                              {"--force", "", false, "overwrite a DIR/sweep.h5 that is not a ketensim sweep summary"},
                              {"--help", "-h", false, "show this help"},
                          });
  // `-j4` as in make, besides `-j 4`.
  std::vector<std::string> split;
  for (const std::string& word : words) {
    if (word.size() > 2 && word.rfind("-j", 0) == 0) {
      split.push_back("-j");
      split.push_back(word.substr(2));
    } else {
      split.push_back(word);
    }
  }
  args.parse(split);
  if (args.has("--help")) {
    std::cout << "usage: ketensim sweep SPEC -o DIR [-j N]\n\n"
                 "Runs every point of a sweep spec (docs/sweeps.md) as its own `ketensim run`, N at a\n"
                 "time, writes DIR/points/NNNN.h5 per point and the summary DIR/sweep.h5. Run again to\n"
                 "resume: finished points are kept. Exit codes: 0 all ok, 1 sweep failed, 2 bad input,\n"
                 "10+k when k points failed (k up to 100), 130/143 interrupted.\n\n"
              << args.options_help();
    return success;
  }
  if (args.positional().size() != 1) throw UsageError("ketensim sweep: expected one sweep spec file (see --help)");
  const auto output = args.value("--output");
  if (!args.has("--list") && (!output || output->empty())) {
    throw UsageError("ketensim sweep: -o DIR is required: the directory for the run files and the summary");
  }
  unsigned jobs = sweep::available_processors();
  if (const auto requested = args.number("--jobs")) {
    if (*requested < 1 || *requested > 4096 || std::floor(*requested) != *requested) {
      throw UsageError("ketensim sweep: --jobs = " + *args.value("--jobs") +
                       ": expected a whole number from 1 to 4096");
    }
    jobs = static_cast<unsigned>(*requested);
  }
  sweep::SweepRequest request;
  request.spec_path = args.positional()[0];
  request.output_directory = output.value_or("");
  request.ketensim = this_program;
  request.quiet = args.has("--quiet");
  request.list_only = args.has("--list");
  request.force = args.has("--force");
  return sweep::run_sweep(request, [jobs](const std::vector<sweep::PointTask>& tasks, sweep::SweepProgress& progress) {
    return sweep::run_points_locally(tasks, jobs, progress);
  });
}

}  // namespace ketensim::cli
