// SPDX-License-Identifier: MIT
// The native engine against processor-sharing results worked out by hand.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include "sim/native_engine.h"

namespace ketensim::sim {
namespace {

constexpr double kExact = 1e-12;

struct Delivery {
  Days time;
  std::uint32_t kind;
  std::uint64_t subject;
};

// Records every event and runs the action registered for its kind, if any.
class Script final : public EventHandler {
 public:
  void handle(const Event& event) override {
    log.push_back(Delivery{engine->now(), event.kind, event.subject});
    if (const auto it = actions.find(event.kind); it != actions.end()) it->second(event);
  }
  [[nodiscard]] Days time_of(std::uint32_t kind, std::uint64_t subject) const {
    for (const auto& d : log) {
      if (d.kind == kind && d.subject == subject) return d.time;
    }
    return -1.0;
  }
  Engine* engine = nullptr;
  std::vector<Delivery> log;
  std::map<std::uint32_t, std::function<void(const Event&)>> actions;
};

enum Kind : std::uint32_t { done = 1, timer = 2, arrival = 3 };

Platform one_worker(Hours hours_per_day) {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  platform.add_worker("w", nation, hours_per_day);
  return platform;
}

TEST(NativeEngine, TwoJobsOnOneWorkerShareItsTimeEqually) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.start_work(0, 6.0, 1.0, Event{done, 1});
  engine.start_work(0, 12.0, 1.0, Event{done, 2});
  engine.run_until(100.0);
  // 3 hours a day each: the first is done at day 2, the second then has 6 hours alone.
  EXPECT_NEAR(script.time_of(done, 1), 2.0, kExact);
  EXPECT_NEAR(script.time_of(done, 2), 3.0, kExact);
}

TEST(NativeEngine, AJobWithTwiceTheWeightGetsTwiceTheShare) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.start_work(0, 6.0, 1.0, Event{done, 1});
  engine.start_work(0, 6.0, 2.0, Event{done, 2});
  engine.run_until(100.0);
  // The heavy job gets 4 h/day and is done at 1.5; the light one has 3 hours left alone.
  EXPECT_NEAR(script.time_of(done, 2), 1.5, kExact);
  EXPECT_NEAR(script.time_of(done, 1), 2.0, kExact);
}

TEST(NativeEngine, AJobAloneFinishesAfterItsHoursOverTheSpeedWhateverItsWeight) {
  const Platform platform = one_worker(8.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.start_work(0, 12.0, 3.0, Event{done, 1});
  engine.run_until(100.0);
  EXPECT_NEAR(script.time_of(done, 1), 1.5, kExact);
}

TEST(NativeEngine, AJobStartedLaterSharesOnlyFromItsStart) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  script.actions[arrival] = [&](const Event&) { engine.start_work(0, 3.0, 1.0, Event{done, 2}); };
  engine.start_work(0, 12.0, 1.0, Event{done, 1});
  engine.schedule_at(1.0, Event{arrival, 0});
  engine.run_until(100.0);
  // At day 1 the first job has 6 hours left; sharing, the second is done at day 2, and the
  // first then has 3 hours left alone.
  EXPECT_NEAR(script.time_of(done, 2), 2.0, kExact);
  EXPECT_NEAR(script.time_of(done, 1), 2.5, kExact);
}

TEST(NativeEngine, ASpeedChangeKeepsTheWorkDoneSoFar) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  script.actions[timer] = [&](const Event&) { engine.set_speed(0, 3.0); };
  engine.start_work(0, 12.0, 1.0, Event{done, 1});
  engine.schedule_at(1.0, Event{timer, 0});
  engine.run_until(100.0);
  EXPECT_NEAR(script.time_of(done, 1), 3.0, kExact);
}

TEST(NativeEngine, SpeedZeroPausesWorkUntilTheSpeedIsBack) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  script.actions[timer] = [&](const Event& event) { engine.set_speed(0, event.subject == 0 ? 0.0 : 6.0); };
  engine.start_work(0, 12.0, 1.0, Event{done, 1});
  engine.schedule_at(1.0, Event{timer, 0});
  engine.schedule_at(4.0, Event{timer, 1});
  engine.run_until(100.0);
  EXPECT_NEAR(script.time_of(done, 1), 5.0, kExact);
}

TEST(NativeEngine, AHandOverTakesTheRouteDelayOfThePlatform) {
  Platform platform;
  const ZoneId nation = platform.add_root("nation");
  const ZoneId north = platform.add_zone("north", nation, 0.5);
  const ZoneId city = platform.add_zone("city", north, 0.25);
  const ZoneId south = platform.add_zone("south", nation, 2.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  script.actions[timer] = [&](const Event&) {
    engine.hand_over(city, south, Event{arrival, 1});
    engine.hand_over(city, north, Event{arrival, 2});
    engine.hand_over(south, south, Event{arrival, 3});
  };
  engine.schedule_at(1.0, Event{timer, 0});
  engine.run_until(100.0);
  EXPECT_NEAR(script.time_of(arrival, 1), 1.0 + 0.25 + 0.5 + 2.0, kExact);
  EXPECT_NEAR(script.time_of(arrival, 2), 1.0 + 0.25, kExact);
  EXPECT_NEAR(script.time_of(arrival, 3), 1.0, kExact);
}

TEST(NativeEngine, RunUntilDeliversEventsDueExactlyAtTheEndAndCanBeCalledAgain) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  for (std::uint64_t day = 1; day <= 4; ++day) engine.schedule_at(static_cast<Days>(day), Event{timer, day});
  engine.run_until(3.0);
  EXPECT_EQ(engine.events_delivered(), 3U);
  EXPECT_EQ(engine.now(), 3.0);
  engine.run_until(10.0);
  EXPECT_EQ(engine.events_delivered(), 4U);
  EXPECT_EQ(engine.now(), 10.0);
}

TEST(NativeEngine, SimultaneousEventsRunByOrderThenBySchedulingSequence) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.schedule_at(2.0, Event{timer, 1, 0, 1});
  engine.schedule_at(2.0, Event{timer, 2, 0, 0});
  engine.schedule_at(2.0, Event{timer, 3, 0, 1});
  engine.schedule_at(2.0, Event{timer, 4, 0, 0});
  engine.run_until(2.0);
  ASSERT_EQ(script.log.size(), 4U);
  EXPECT_EQ(script.log[0].subject, 2U);
  EXPECT_EQ(script.log[1].subject, 4U);
  EXPECT_EQ(script.log[2].subject, 1U);
  EXPECT_EQ(script.log[3].subject, 3U);
}

TEST(NativeEngine, RunningWithoutAnEndStopsWhenNoEventIsLeft) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.start_work(0, 12.0, 1.0, Event{done, 1});
  engine.run_until(std::numeric_limits<Days>::infinity());
  EXPECT_EQ(engine.events_delivered(), 1U);
  EXPECT_NEAR(engine.now(), 2.0, kExact);
}

TEST(NativeEngine, AnEventInThePastIsRejected) {
  const Platform platform = one_worker(6.0);
  Script script;
  NativeEngine engine(platform, script);
  script.engine = &engine;
  engine.run_until(5.0);
  EXPECT_THROW(engine.schedule_at(4.0, Event{timer, 1}), std::logic_error);
}

}  // namespace
}  // namespace ketensim::sim
