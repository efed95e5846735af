// SPDX-License-Identifier: MIT
// The SimGrid engine against hand-worked results and against the native engine. SimGrid
// allows one engine per process, so every SimGrid run happens in a child process.
#include <gtest/gtest.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sim/child_process.h"
#include "sim/engine.h"
#include "sim/random.h"
#include "sim/simgrid_engine.h"

namespace ketensim::sim {
namespace {

constexpr double kExact = 1e-9;
constexpr Days kForever = std::numeric_limits<Days>::infinity();

struct Delivery {
  Days time;
  std::uint32_t kind;
  std::uint64_t subject;
};

// Deliveries travel back from the child as text; %a keeps every bit of the times.
std::string encode(const std::vector<Delivery>& log) {
  std::string text;
  char line[96];
  for (const auto& d : log) {
    std::snprintf(line, sizeof line, "%a %" PRIu32 " %" PRIu64 "\n", d.time, d.kind, d.subject);
    text += line;
  }
  return text;
}

std::vector<Delivery> decode(const std::string& text) {
  std::vector<Delivery> log;
  std::istringstream in(text);
  std::string time;
  Delivery d{};
  while (in >> time >> d.kind >> d.subject) {
    d.time = std::strtod(time.c_str(), nullptr);
    log.push_back(d);
  }
  return log;
}

// Records every event and runs the action registered for its kind, if any.
class Script final : public EventHandler {
 public:
  void handle(const Event& event) override {
    log.push_back(Delivery{engine->now(), event.kind, event.subject});
    if (const auto it = actions.find(event.kind); it != actions.end()) it->second(event);
  }
  Engine* engine = nullptr;
  std::vector<Delivery> log;
  std::map<std::uint32_t, std::function<void(const Event&)>> actions;
};

Days time_of(const std::vector<Delivery>& log, std::uint32_t kind, std::uint64_t subject) {
  for (const auto& d : log) {
    if (d.kind == kind && d.subject == subject) return d.time;
  }
  return -1.0;
}

enum Kind : std::uint32_t { done = 1, timer = 2, arrival = 3 };

// A scenario sets up an engine and a script, runs them, and may append checks to the log.
using Scenario = std::function<void(Engine&, Script&)>;

std::vector<Delivery> run_on(EngineKind kind, const Platform& platform, const Scenario& scenario) {
  auto body = [&] {
    Script script;
    const auto engine = make_engine(kind, platform, script);
    script.engine = engine.get();
    scenario(*engine, script);
    return encode(script.log);
  };
  return decode(kind == EngineKind::native ? body() : run_in_child_process(body));
}

Platform one_worker(Hours hours_per_day) {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  platform.add_worker("w", nation, hours_per_day);
  return platform;
}

// Runs `scenario` on SimGrid and checks each (kind, subject) against its hand-worked date,
// and that the native engine delivers the same.
void expect_dates(const Platform& platform, const Scenario& scenario,
                  const std::vector<std::tuple<std::uint32_t, std::uint64_t, Days>>& expected) {
  const auto simgrid = run_on(EngineKind::simgrid, platform, scenario);
  const auto native = run_on(EngineKind::native, platform, scenario);
  for (const auto& [kind, subject, date] : expected) {
    EXPECT_NEAR(time_of(simgrid, kind, subject), date, kExact) << "simgrid, kind " << kind << " subject " << subject;
    EXPECT_NEAR(time_of(native, kind, subject), date, kExact) << "native, kind " << kind << " subject " << subject;
  }
  EXPECT_EQ(simgrid.size(), native.size());
}

TEST(SimGridEngine, SharesAWorkerLikeExactProcessorSharing) {
  expect_dates(one_worker(6.0),
               [](Engine& engine, Script&) {
                 engine.start_work(0, 6.0, 1.0, Event{done, 1});
                 engine.start_work(0, 12.0, 1.0, Event{done, 2});
                 engine.run_until(100.0);
               },
               {{done, 1, 2.0}, {done, 2, 3.0}});
}

TEST(SimGridEngine, GivesAJobWithTwiceTheWeightTwiceTheShare) {
  expect_dates(one_worker(6.0),
               [](Engine& engine, Script&) {
                 engine.start_work(0, 6.0, 1.0, Event{done, 1});
                 engine.start_work(0, 6.0, 2.0, Event{done, 2});
                 engine.start_work(0, 1.0, 3.0, Event{done, 3});
                 engine.run_until(100.0);
               },
               // Weights 1:2:3 share 6 h/day as 1:2:3 until the third is done at day 1/3,
               // then 2 h/day and 4 h/day until the second is done at 5/3, when the first has
               // 3 hours left alone.
               {{done, 3, 1.0 / 3.0}, {done, 2, 5.0 / 3.0}, {done, 1, 5.0 / 3.0 + 0.5}});
}

TEST(SimGridEngine, LetsAJobStartedLaterShareOnlyFromItsStart) {
  expect_dates(one_worker(6.0),
               [](Engine& engine, Script& script) {
                 script.actions[arrival] = [&](const Event&) { engine.start_work(0, 3.0, 1.0, Event{done, 2}); };
                 engine.start_work(0, 12.0, 1.0, Event{done, 1});
                 engine.schedule_at(1.0, Event{arrival, 0});
                 engine.run_until(100.0);
               },
               {{done, 2, 2.0}, {done, 1, 2.5}});
}

TEST(SimGridEngine, KeepsTheWorkDoneWhenTheSpeedChanges) {
  expect_dates(one_worker(6.0),
               [](Engine& engine, Script& script) {
                 script.actions[timer] = [&](const Event& event) { engine.set_speed(0, event.subject == 0 ? 3.0 : 12.0); };
                 engine.start_work(0, 12.0, 1.0, Event{done, 1});
                 engine.start_work(0, 30.0, 2.0, Event{done, 2});
                 engine.schedule_at(1.0, Event{timer, 0});
                 engine.schedule_at(2.0, Event{timer, 1});
                 engine.run_until(100.0);
               },
               // Day 1: 2 and 4 hours done. Day 2 (3 h/day): 3 and 6 done. Then at 12 h/day
               // job 1 (9 left, 4 h/day) ends at 4.25, when job 2 has 6 hours left alone.
               {{done, 1, 4.25}, {done, 2, 4.75}});
}

TEST(SimGridEngine, PausesWorkAtSpeedZeroUntilTheSpeedIsBack) {
  expect_dates(one_worker(6.0),
               [](Engine& engine, Script& script) {
                 script.actions[timer] = [&](const Event& event) { engine.set_speed(0, event.subject == 0 ? 0.0 : 6.0); };
                 engine.start_work(0, 12.0, 1.0, Event{done, 1});
                 engine.schedule_at(1.0, Event{timer, 0});
                 engine.schedule_at(4.0, Event{timer, 1});
                 engine.run_until(100.0);
               },
               {{done, 1, 5.0}});
}

TEST(SimGridEngine, StartsAVacancyWhenItGetsASpeed) {
  expect_dates(one_worker(0.0),
               [](Engine& engine, Script& script) {
                 script.actions[timer] = [&](const Event&) { engine.set_speed(0, 4.0); };
                 engine.start_work(0, 8.0, 1.0, Event{done, 1});
                 engine.schedule_at(3.0, Event{timer, 0});
                 engine.run_until(100.0);
               },
               {{done, 1, 5.0}});
}

TEST(SimGridEngine, TakesTheRouteDelayOfThePlatformForAHandOver) {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  const ZoneId north = platform.add_zone("north", nation, 0.5);
  const ZoneId city = platform.add_zone("city", north, 0.25);
  const ZoneId south = platform.add_zone("south", nation, 2.0);
  platform.add_worker("w", city, 6.0);
  expect_dates(platform,
               [=](Engine& engine, Script& script) {
                 script.actions[timer] = [&, city, north, south](const Event&) {
                   engine.hand_over(city, south, Event{arrival, 1});
                   engine.hand_over(city, north, Event{arrival, 2});
                   engine.hand_over(south, south, Event{arrival, 3});
                   engine.hand_over(south, nation, Event{arrival, 4});
                 };
                 engine.schedule_at(1.0, Event{timer, 0});
                 engine.hand_over(north, city, Event{arrival, 5});  // before the run, from outside
                 engine.run_until(100.0);
               },
               {{arrival, 1, 1.0 + 0.25 + 0.5 + 2.0},
                {arrival, 2, 1.25},
                {arrival, 3, 1.0},
                {arrival, 4, 3.0},
                {arrival, 5, 0.25}});
}

TEST(SimGridEngine, DeliversEventsDueExactlyAtTheEndAndRunsAgainLater) {
  const auto log = decode(run_in_child_process([] {
    const Platform platform = one_worker(6.0);
    Script script;
    SimGridEngine engine(platform, script);
    script.engine = &engine;
    for (std::uint64_t day = 1; day <= 4; ++day) engine.schedule_at(static_cast<Days>(day), Event{timer, day});
    engine.start_work(0, 18.0, 1.0, Event{done, 1});  // done at day 3, with the third timer
    engine.run_until(3.0);
    // The checks travel back as extra deliveries of kind 100.
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    engine.schedule_at(7.5, Event{timer, 5});  // between runs, from outside any handler
    engine.run_until(10.0);
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    engine.run_until(10.0);  // again at the same date: nothing left
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    return encode(script.log);
  }));
  ASSERT_EQ(log.size(), 9U);
  EXPECT_EQ(log[4].kind, 100U);
  EXPECT_EQ(log[4].subject, 4U);
  EXPECT_EQ(log[4].time, 3.0);
  EXPECT_EQ(log[5].subject, 4U);
  EXPECT_EQ(log[6].subject, 5U);
  EXPECT_EQ(log[6].time, 7.5);
  EXPECT_EQ(log[7].subject, 6U);
  EXPECT_EQ(log[7].time, 10.0);
  EXPECT_EQ(log[8].subject, 6U);
  EXPECT_EQ(log[8].time, 10.0);
}

TEST(SimGridEngine, DeliversEverythingDueJustBeforeTheEndThoughSimGridStopsNearIt) {
  // SimGrid's own run_until returns once its clock is within 1e-5 of the end date.
  const auto log = decode(run_in_child_process([] {
    const Platform platform = one_worker(6.0);
    Script script;
    SimGridEngine engine(platform, script);
    script.engine = &engine;
    engine.schedule_at(10.0 - 5e-6, Event{timer, 1});
    engine.schedule_at(10.0 - 2e-6, Event{timer, 2});
    engine.schedule_at(10.0, Event{timer, 3});
    engine.schedule_at(10.0 + 1e-6, Event{timer, 4});
    engine.start_work(0, 6.0 * (10.0 - 3e-6), 1.0, Event{done, 5});
    engine.run_until(10.0);
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    return encode(script.log);
  }));
  ASSERT_EQ(log.size(), 5U);
  EXPECT_EQ(log[0].subject, 1U);
  EXPECT_EQ(log[1].subject, 5U);
  EXPECT_EQ(log[2].subject, 2U);
  EXPECT_EQ(log[3].subject, 3U);
  EXPECT_EQ(log[4].subject, 4U);  // delivered count: the event after the end waits
  EXPECT_EQ(log[4].time, 10.0);
}

TEST(SimGridEngine, RunsWithoutAnEndUntilNothingIsLeftAndCanContinue) {
  const auto log = decode(run_in_child_process([] {
    const Platform platform = one_worker(6.0);
    Script script;
    SimGridEngine engine(platform, script);
    script.engine = &engine;
    engine.start_work(0, 12.0, 1.0, Event{done, 1});
    engine.run_until(kForever);
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    engine.run_until(kForever);  // nothing to do: returns at once, the clock stays
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    engine.start_work(0, 6.0, 1.0, Event{done, 2});
    engine.schedule_at(2.5, Event{timer, 1});
    engine.run_until(kForever);
    script.log.push_back({engine.now(), 100, engine.events_delivered()});
    return encode(script.log);
  }));
  ASSERT_EQ(log.size(), 6U);
  EXPECT_NEAR(log[1].time, 2.0, kExact);
  EXPECT_EQ(log[1].subject, 1U);
  EXPECT_NEAR(log[2].time, 2.0, kExact);
  EXPECT_NEAR(log[3].time, 2.5, kExact);  // the timer
  EXPECT_NEAR(log[4].time, 3.0, kExact);  // the second job
  EXPECT_NEAR(log[5].time, 3.0, kExact);
  EXPECT_EQ(log[5].subject, 3U);
}

TEST(SimGridEngine, KeepsTheNativeOrderOfSimultaneousTimersAndArrivals) {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  const ZoneId region = platform.add_zone("region", nation, 1.0);
  platform.add_worker("w", region, 6.0);
  const Scenario scenario = [=](Engine& engine, Script& script) {
    script.actions[timer] = [&, region, nation](const Event& event) {
      // At day 1, hand over (arriving at day 2) between timers already due at day 2 and
      // timers scheduled after it for day 2.
      if (event.subject == 0) {
        engine.schedule_at(2.0, Event{timer, 10, 0, 1});
        engine.hand_over(region, nation, Event{arrival, 1, 0, 1});
        engine.schedule_at(2.0, Event{timer, 11, 0, 1});
        engine.schedule_at(2.0, Event{timer, 12, 0, 0});
      }
    };
    engine.schedule_at(2.0, Event{timer, 20, 0, 1});
    engine.schedule_at(1.0, Event{timer, 0, 0, 0});
    engine.schedule_at(2.0, Event{timer, 21, 0, 2});
    engine.run_until(10.0);
  };
  const auto simgrid = run_on(EngineKind::simgrid, platform, scenario);
  const auto native = run_on(EngineKind::native, platform, scenario);
  ASSERT_EQ(simgrid.size(), native.size());
  for (std::size_t i = 0; i < native.size(); ++i) {
    EXPECT_EQ(simgrid[i].kind, native[i].kind) << i;
    EXPECT_EQ(simgrid[i].subject, native[i].subject) << i;
  }
}

TEST(SimGridEngine, DeliversSimultaneousCompletionsOfOneWorkerInJobOrder) {
  const Scenario scenario = [](Engine& engine, Script&) {
    for (std::uint64_t subject = 5; subject <= 8; ++subject) engine.start_work(0, 6.0, 2.0, Event{done, subject});
    engine.run_until(100.0);
  };
  const auto simgrid = run_on(EngineKind::simgrid, one_worker(6.0), scenario);
  ASSERT_EQ(simgrid.size(), 4U);
  for (std::uint64_t k = 0; k < 4; ++k) {
    EXPECT_EQ(simgrid[k].subject, 5 + k);
    EXPECT_NEAR(simgrid[k].time, 4.0, kExact);
  }
}

TEST(SimGridEngine, CarriesAHandlersExceptionOutOfRunUntil) {
  const std::string message = run_in_child_process([] {
    const Platform platform = one_worker(6.0);
    Script script;
    SimGridEngine engine(platform, script);
    script.engine = &engine;
    script.actions[done] = [](const Event&) { throw std::runtime_error("model failed"); };
    engine.start_work(0, 6.0, 1.0, Event{done, 1});
    std::string seen;
    try {
      engine.run_until(10.0);
    } catch (const std::runtime_error& error) {
      seen = error.what();
    }
    try {
      engine.run_until(20.0);
    } catch (const std::logic_error&) {
      seen += " / refused afterwards";
    }
    return seen;
  });
  EXPECT_EQ(message, "model failed / refused afterwards");
}

TEST(SimGridEngine, RefusesASecondEngineInTheSameProcess) {
  const std::string message = run_in_child_process([] {
    const Platform platform = one_worker(6.0);
    Script script;
    SimGridEngine first(platform, script);
    try {
      SimGridEngine second(platform, script);
    } catch (const std::logic_error& error) {
      return std::string(error.what());
    }
    return std::string("no exception");
  });
  EXPECT_NE(message.find("only one per process"), std::string::npos) << message;
}

TEST(EngineKind, IsParsedFromItsNameAndAnUnknownNameListsTheValidOnes) {
  EXPECT_EQ(engine_kind_from_name("native"), EngineKind::native);
  EXPECT_EQ(engine_kind_from_name("simgrid"), EngineKind::simgrid);
  try {
    engine_kind_from_name("foo");
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "unknown engine 'foo': valid names are native, simgrid");
  }
}

// ---------------------------------------------------------------------------------------
// Cross-check: a randomized workload gives the same deliveries on both engines.

// A synthetic chain: jobs arrive, are worked on in a zone, some are handed over to another
// zone and worked on again; worker speeds change at random (sometimes to 0), and daily ticks
// with different `order`s fall at the same instants. Every draw comes from a stream keyed by
// what it is about (job, stage, change), so the engine's order of work never changes a draw.
class Workload final : public EventHandler {
 public:
  enum Kind : std::uint32_t { arrive = 1, finish = 2, moved = 3, speed = 4, tick = 5 };

  Workload(const Platform& platform, std::uint64_t jobs) : platform_(platform), jobs_(jobs) {
    workers_in_.resize(platform.zones().size());
    for (WorkerId w = 0; w < platform.workers().size(); ++w) workers_in_[platform.workers()[w].zone].push_back(w);
    for (ZoneId z = 0; z < platform.zones().size(); ++z) {
      if (!workers_in_[z].empty()) staffed_.push_back(z);
    }
  }

  void start(Engine& engine) {
    engine_ = &engine;
    engine.schedule_at(0.1, Event{arrive, 0});
    engine.schedule_at(0.37, Event{speed, 0});
    engine.schedule_at(1.0, Event{tick, 1, 0, 2});
  }

  void handle(const Event& event) override {
    log.push_back(Delivery{engine_->now(), event.kind, event.subject});
    const Days now = engine_->now();
    switch (event.kind) {
      case arrive: {
        RandomStream draw(key_.with("arrival").with(event.subject));
        if (event.subject + 1 < jobs_) engine_->schedule_at(now + draw.exponential(0.11), Event{arrive, event.subject + 1});
        start_stage(event.subject, 0, staffed_[draw.next_u64() % staffed_.size()]);
        break;
      }
      case finish: {
        if (event.detail != 0) break;  // second stage done: the job leaves
        RandomStream draw(key_.with("route").with(event.subject));
        if (draw.bernoulli(0.6)) {
          const ZoneId from = platform_.workers()[worker_of_.at(event.subject)].zone;
          const ZoneId to = staffed_[draw.next_u64() % staffed_.size()];
          destination_[event.subject] = to;
          engine_->hand_over(from, to, Event{moved, event.subject, 1, static_cast<std::uint8_t>(draw.next_u64() % 3)});
        }
        break;
      }
      case moved:
        start_stage(event.subject, 1, destination_.at(event.subject));
        break;
      case speed: {
        RandomStream draw(key_.with("speed").with(event.subject));
        const auto worker = static_cast<WorkerId>(draw.next_u64() % platform_.workers().size());
        const double speeds[] = {0.0, 2.5, 5.0, 6.0, 7.5};
        engine_->set_speed(worker, speeds[draw.next_u64() % 5]);
        if (event.subject < 400) engine_->schedule_at(now + draw.exponential(0.9), Event{speed, event.subject + 1});
        break;
      }
      case tick: {
        // Three events at the next whole day, scheduled in an order their `order` overrides.
        if (event.subject < 300 && event.detail == 0) {
          const auto next = static_cast<Days>(event.subject + 1);
          engine_->schedule_at(next, Event{tick, event.subject + 1, 0, 2});
          engine_->schedule_at(next, Event{tick, 1000 + event.subject, 1, 1});
          engine_->schedule_at(next, Event{tick, 2000 + event.subject, 1, 0});
        }
        break;
      }
      default:
        break;
    }
  }

  std::vector<Delivery> log;

 private:
  void start_stage(std::uint64_t job, std::uint64_t stage, ZoneId zone) {
    RandomStream draw(key_.with("work").with(job).with(stage));
    const auto& candidates = workers_in_[zone];
    const WorkerId worker = candidates[draw.next_u64() % candidates.size()];
    worker_of_[job] = worker;
    const double weight = 1.0 + static_cast<double>(draw.next_u64() % 3);
    engine_->start_work(worker, draw.gamma(5.0 * weight, 0.9), weight, Event{finish, job, stage});
  }

  const Platform& platform_;
  std::uint64_t jobs_;
  StreamKey key_{20240611};
  Engine* engine_ = nullptr;
  std::vector<std::vector<WorkerId>> workers_in_;
  std::vector<ZoneId> staffed_;
  std::unordered_map<std::uint64_t, WorkerId> worker_of_;
  std::unordered_map<std::uint64_t, ZoneId> destination_;
};

Platform cross_check_platform() {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  const double region_latency[] = {0.5, 0.7, 1.1};
  WorkerId workers = 0;
  for (int r = 0; r < 3; ++r) {
    const ZoneId region = platform.add_zone("region" + std::to_string(r), nation, region_latency[r]);
    platform.add_worker("regional" + std::to_string(workers++), region, 6.0);
    for (int a = 0; a < 2; ++a) {
      const ZoneId area = platform.add_zone("area" + std::to_string(r) + std::to_string(a), region, 0.25 + 0.05 * a);
      for (int k = 0; k < 3; ++k) platform.add_worker("w" + std::to_string(workers++), area, 4.0 + k);
    }
  }
  platform.add_worker("national", nation, 8.0);
  return platform;  // 3 regions, 6 areas, 22 workers
}

std::string run_workload(EngineKind kind) {
  const Platform platform = cross_check_platform();
  Workload workload(platform, 3000);
  const auto engine = make_engine(kind, platform, workload);
  workload.start(*engine);
  // Several calls, ending in a run without an end, exercise stopping and resuming.
  engine->run_until(100.0);
  engine->run_until(200.25);
  engine->run_until(kForever);
  return encode(workload.log);
}

TEST(SimGridEngine, DeliversTheSameEventsAtTheSameTimesAsTheNativeEngine) {
  const auto native = decode(run_workload(EngineKind::native));
  const auto simgrid = decode(run_in_child_process([] { return run_workload(EngineKind::simgrid); }));
  ASSERT_GT(native.size(), 8000U);
  ASSERT_EQ(simgrid.size(), native.size());
  std::size_t mismatches = 0;
  double worst = 0.0;
  for (std::size_t i = 0; i < native.size(); ++i) worst = std::max(worst, std::abs(simgrid[i].time - native[i].time));
  std::printf("cross-check: %zu deliveries, largest time difference %.3g days\n", native.size(), worst);
  for (std::size_t i = 0; i < native.size() && mismatches < 10; ++i) {
    const bool same = simgrid[i].kind == native[i].kind && simgrid[i].subject == native[i].subject &&
                      std::abs(simgrid[i].time - native[i].time) <= kExact;
    if (!same) {
      ++mismatches;
      ADD_FAILURE() << "delivery " << i << ": native (" << native[i].kind << ", " << native[i].subject << ") at "
                    << native[i].time << ", simgrid (" << simgrid[i].kind << ", " << simgrid[i].subject << ") at "
                    << simgrid[i].time;
    }
  }
}

}  // namespace
}  // namespace ketensim::sim
