// SPDX-License-Identifier: MIT
// ketensim-sweep: a parameter sweep over MPI ranks. The only file that uses MPI.
//
// Rank 0 reads the spec, skips finished points, hands out the next point to whichever rank
// asks (dynamic load balancing), runs points itself between messages, and writes the
// summary. Every point runs `ketensim run` as a separate process: this program must not
// link libsimgrid, whose MPI symbols would replace the real MPI library's.
#include <mpi.h>
#include <poll.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sweep/interrupt.h"
#include "sweep/point_task.h"
#include "sweep/sweep_driver.h"

namespace {

using namespace ketensim::sweep;

enum Tag : int {
  tag_ready = 1,   // worker -> 0: I can take a point
  tag_result = 2,  // worker -> 0: the outcome of my point (and I can take another)
  tag_work = 3,    // 0 -> worker: a point to run
  tag_stop = 4,    // 0 -> worker: no more points
};

// How long a rank naps between looks at its mailbox and its child. MPI's blocking receive
// spins on a core, which would take it from the `ketensim run` this rank is waiting for.
constexpr long nap_nanoseconds = 2'000'000;

const char* const usage =
    "usage: mpirun -np N ketensim-sweep SPEC -o DIR [--ketensim PATH] [-q] [--list]\n\n"
    "Runs every point of a sweep spec (docs/sweeps.md) on N MPI ranks: rank 0 hands out the\n"
    "next point to whichever rank is free and also runs points itself; each point is its own\n"
    "`ketensim run`. Writes DIR/points/NNNN.h5 per point and the summary DIR/sweep.h5; run\n"
    "again to resume. Exit codes as `ketensim sweep`: 0 all ok, 1 sweep failed, 2 bad input,\n"
    "10+k when k points failed (k up to 100), 130/143 interrupted.\n\n"
    "  -o, --output DIR     sweep directory (required)\n"
    "  --ketensim PATH      the ketensim program that runs points (default: the one beside\n"
    "                       this program)\n"
    "  -q, --quiet          no progress lines\n"
    "  --list               print the points (seed and values) and stop\n"
    "  --force              overwrite a DIR/sweep.h5 that is not a ketensim sweep summary\n"
    "  -h, --help           show this help\n";

void nap() {
  const timespec pause{0, nap_nanoseconds};
  nanosleep(&pause, nullptr);
}

void send(const std::string& bytes, int destination, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, destination, tag, MPI_COMM_WORLD);
}

std::string receive(const MPI_Status& probed) {
  int count = 0;
  MPI_Get_count(&probed, MPI_CHAR, &count);
  std::string bytes(static_cast<std::size_t>(count), '\0');
  MPI_Recv(bytes.data(), count, MPI_CHAR, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

// Waits for the next message from `source` (or anyone), napping between looks and
// throwing Interrupted when a signal arrives.
MPI_Status wait_for_message(int source) {
  for (;;) {
    InterruptGuard::throw_if_received();
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag) return status;
    nap();
  }
}

// Reads the child's stderr for up to `milliseconds`; true once it has ended.
bool child_ended(SpawnedProcess& child, int milliseconds) {
  pollfd fd{child.stderr_fd(), POLLIN, 0};
  if (::poll(&fd, 1, milliseconds) > 0) return !child.read_stderr();
  return false;
}

// Runs one point to the end in this rank; a signal stops the child and throws.
PointOutcome run_point(const PointTask& task) {
  std::optional<SpawnedProcess> child;
  try {
    child.emplace(task.command);
  } catch (const std::exception& e) {
    return {task.index, false, e.what()};
  }
  while (!child_ended(*child, 100)) {
    if (InterruptGuard::received() != 0) {
      child->terminate();
      const pid_t pid = child->pid();
      child->wait();
      std::error_code ignored;
      std::filesystem::remove(task.run_file + ".tmp-" + std::to_string(pid), ignored);
      InterruptGuard::throw_if_received();
    }
  }
  const pid_t pid = child->pid();
  return finish_point(task, pid, child->wait());
}

void worker_loop() {
  const InterruptGuard guard;
  send("", 0, tag_ready);
  for (;;) {
    const MPI_Status status = wait_for_message(0);
    const std::string bytes = receive(status);
    if (status.MPI_TAG == tag_stop) return;
    send(encode(run_point(decode_task(bytes))), 0, tag_result);
  }
}

// Rank 0: the workers' state, and the executor that hands them points.
class Coordinator {
 public:
  explicit Coordinator(int ranks) : ranks_(ranks), heard_from_(static_cast<std::size_t>(ranks), false) {}

  std::vector<PointOutcome> execute(const std::vector<PointTask>& tasks, SweepProgress& progress) {
    std::vector<PointOutcome> outcomes(tasks.size());
    std::vector<std::size_t> position_of_index;  // task position by point index
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      if (position_of_index.size() <= tasks[t].index) position_of_index.resize(tasks[t].index + 1);
      position_of_index[tasks[t].index] = t;
    }
    std::size_t next = 0;
    std::size_t pending = tasks.size();
    std::optional<SpawnedProcess> local;
    std::size_t local_task = 0;
    try {
      while (pending > 0) {
        InterruptGuard::throw_if_received();
        int flag = 0;
        MPI_Status status;
        while ((MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), flag)) {
          const std::string bytes = receive(status);
          heard_from_[static_cast<std::size_t>(status.MPI_SOURCE)] = true;
          if (status.MPI_TAG == tag_result) {
            const PointOutcome outcome = decode_outcome(bytes);
            outcomes.at(position_of_index.at(outcome.index)) = outcome;
            --pending;
            progress.finished(outcome.index, outcome.ok, outcome.error);
          }
          idle_.push_back(status.MPI_SOURCE);
        }
        while (next < tasks.size() && !idle_.empty()) {
          send(encode(tasks[next++]), idle_.front(), tag_work);
          idle_.pop_front();
          progress.started();
        }
        // Rank 0 runs points too: with N ranks, N points run at once.
        if (!local && next < tasks.size()) {
          local_task = next++;
          progress.started();
          try {
            local.emplace(tasks[local_task].command);
          } catch (const std::exception& e) {
            outcomes[local_task] = {tasks[local_task].index, false, e.what()};
            --pending;
            progress.finished(tasks[local_task].index, false, e.what());
          }
        }
        if (local) {
          if (child_ended(*local, 2)) {
            const pid_t pid = local->pid();
            outcomes[local_task] = finish_point(tasks[local_task], pid, local->wait());
            local.reset();
            --pending;
            progress.finished(tasks[local_task].index, outcomes[local_task].ok, outcomes[local_task].error);
          }
        } else {
          nap();
        }
        progress.refresh();
      }
    } catch (...) {
      if (local) {
        const pid_t pid = local->pid();
        local->terminate();
        local->wait();
        std::error_code ignored;
        std::filesystem::remove(tasks[local_task].run_file + ".tmp-" + std::to_string(pid), ignored);
      }
      throw;
    }
    return outcomes;
  }

  // Every worker is idle once the points are done (or were never handed out): take the
  // ready messages not yet read, then tell each to stop.
  void stop_workers() {
    const InterruptGuard guard;
    for (int rank = 1; rank < ranks_; ++rank) {
      if (!heard_from_[static_cast<std::size_t>(rank)]) {
        receive(wait_for_message(rank));
        heard_from_[static_cast<std::size_t>(rank)] = true;
      }
      send("", rank, tag_stop);
    }
  }

 private:
  int ranks_;
  std::vector<bool> heard_from_;
  std::deque<int> idle_;
};

std::string program_directory() {
  char path[PATH_MAX];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return ".";
  return std::filesystem::path(std::string(path, static_cast<std::size_t>(length))).parent_path().string();
}

struct Options {
  SweepRequest request;
  bool help = false;
  std::string error;  // a usage error, when not empty
};

Options parse(int argc, char** argv) {
  Options options;
  options.request.ketensim = (std::filesystem::path(program_directory()) / "ketensim").string();
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        options.error = "option " + word + " needs a value";
        return "";
      }
      return argv[++i];
    };
    if (word == "-h" || word == "--help") {
      options.help = true;
    } else if (word == "-o" || word == "--output") {
      options.request.output_directory = value();
    } else if (word == "--ketensim") {
      options.request.ketensim = value();
    } else if (word == "-q" || word == "--quiet") {
      options.request.quiet = true;
    } else if (word == "--list") {
      options.request.list_only = true;
    } else if (word == "--force") {
      options.request.force = true;
    } else if (word.size() > 1 && word[0] == '-') {
      options.error =
          "unknown option '" + word + "'; valid options are --output, --ketensim, --quiet, --list, --force, --help";
    } else {
      positional.push_back(word);
    }
    if (!options.error.empty()) return options;
  }
  if (options.help) return options;
  if (positional.size() != 1) {
    options.error = "expected one sweep spec file (see --help)";
  } else if (options.request.output_directory.empty() && !options.request.list_only) {
    options.error = "-o DIR is required: the directory for the run files and the summary";
  }
  if (!positional.empty()) options.request.spec_path = positional[0];
  return options;
}

int coordinate(const Options& options, int ranks) {
  Coordinator coordinator(ranks);
  int code = sweep_ok;
  if (options.help) {
    std::cout << usage;
  } else if (!options.error.empty()) {
    std::cerr << "ketensim-sweep: " << options.error << "\n";
    code = sweep_input_error;
  } else {
    code = run_sweep(options.request, [&coordinator](const std::vector<PointTask>& tasks, SweepProgress& progress) {
      return coordinator.execute(tasks, progress);
    });
  }
  // Interrupted: workers may be mid-point; stop everything now (each rank's handler stops
  // its own child on the SIGTERM that MPI_Abort sends).
  if (code > 128) MPI_Abort(MPI_COMM_WORLD, code);
  coordinator.stop_workers();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  int ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int code = sweep_ok;
  try {
    if (rank == 0) {
      code = coordinate(parse(argc, argv), ranks);
    } else {
      worker_loop();
    }
  } catch (const Interrupted& e) {
    std::cerr << "ketensim-sweep rank " << rank << ": " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, 128 + e.signal());
  } catch (const std::exception& e) {
    std::cerr << "ketensim-sweep rank " << rank << ": error: " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, sweep_failure);
  }
  MPI_Finalize();
  return code;
}
