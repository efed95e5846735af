// SPDX-License-Identifier: MIT
// Cost per completed job of an engine in steady state: W workers each keep J jobs open; a
// finished job is replaced at once, on the same worker ("self"), on another worker ("other",
// one doorbell per job for SimGrid), or through a timer that assigns it ("timer").
//
//   engine_microbench <native|simgrid> [workers=3000] [jobs_per_worker=15] [completions=300000] [self|other|timer]
//
// One engine per process (SimGrid's limit): run it once per engine.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/engine.h"
#include "sim/random.h"

namespace {
using namespace ketensim::sim;

enum Kind : std::uint32_t { done = 1, assign = 2 };

class SteadyState final : public EventHandler {
 public:
  SteadyState(std::uint32_t workers, std::uint64_t target, std::string mode)
      : workers_(workers), target_(target), mode_(std::move(mode)) {}
  void start(Engine& engine, std::uint32_t jobs_per_worker) {
    engine_ = &engine;
    for (WorkerId w = 0; w < workers_; ++w) {
      for (std::uint32_t k = 0; k < jobs_per_worker; ++k) start_job(w);
    }
  }
  void handle(const Event& event) override {
    if (event.kind == assign) {
      start_job(static_cast<WorkerId>(event.subject));
      return;
    }
    if (++completed_ >= target_) return;  // let the rest drain
    RandomStream draw(key_.with(next_id_));
    if (mode_ == "self") {
      start_job(static_cast<WorkerId>(event.subject));
    } else if (mode_ == "other") {
      start_job(static_cast<WorkerId>(draw.next_u64() % workers_));
    } else {
      engine_->schedule_at(engine_->now() + draw.exponential(0.01), Event{assign, draw.next_u64() % workers_});
    }
  }
  [[nodiscard]] std::uint64_t completed() const { return completed_; }

 private:
  void start_job(WorkerId worker) {
    RandomStream draw(key_.with(next_id_++));
    const double weight = 1.0 + static_cast<double>(draw.next_u64() % 3);
    engine_->start_work(worker, draw.exponential(10.0), weight, Event{done, worker});
  }
  std::uint32_t workers_;
  std::uint64_t target_;
  std::string mode_;
  Engine* engine_ = nullptr;
  StreamKey key_{7};
  std::uint64_t next_id_ = 0;
  std::uint64_t completed_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <native|simgrid> [workers] [jobs_per_worker] [completions] [self|other|timer]\n", argv[0]);
    return 2;
  }
  const EngineKind kind = engine_kind_from_name(argv[1]);
  const auto workers = static_cast<std::uint32_t>(argc > 2 ? std::atoi(argv[2]) : 3000);
  const auto jobs = static_cast<std::uint32_t>(argc > 3 ? std::atoi(argv[3]) : 15);
  const auto target = static_cast<std::uint64_t>(argc > 4 ? std::atoll(argv[4]) : 300000);
  const std::string mode = argc > 5 ? argv[5] : "other";

  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  for (std::uint32_t w = 0; w < workers; ++w) platform.add_worker("w" + std::to_string(w), nation, 6.0);
  SteadyState model(workers, target, mode);
  const auto started = std::chrono::steady_clock::now();
  auto engine = make_engine(kind, platform, model);
  model.start(*engine, jobs);
  const auto running = std::chrono::steady_clock::now();
  // Slices as the CLI runs them; the run ends when the target is met and the rest drained.
  for (double until = 30.0; model.completed() < target; until += 30.0) engine->run_until(until);
  const auto finished = std::chrono::steady_clock::now();
  const double setup = std::chrono::duration<double>(running - started).count();
  const double run = std::chrono::duration<double>(finished - running).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%s %s: %u workers x %u jobs, %llu completions in %.2f s: %.2f us per completed job "
              "(setup %.2f s, %llu events, max RSS %.0f MiB, simulated %.0f days)\n",
              argv[1], mode.c_str(), workers, jobs, static_cast<unsigned long long>(model.completed()), run,
              1e6 * run / static_cast<double>(model.completed()), setup,
              static_cast<unsigned long long>(engine->events_delivered()), usage.ru_maxrss / 1024.0, engine->now());
  return 0;
}
