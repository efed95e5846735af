// SPDX-License-Identifier: MIT
// `ketensim selftest`: a correct engine passes every check and a wrong one is caught.
#include "models/selftest/selftest.h"

#include <gtest/gtest.h>

#include "sim/native_engine.h"

namespace ketensim::model::selftest {
namespace {

// The native engine with one bug: every piece of work takes 3% longer than asked.
class SlowWorkEngine final : public sim::Engine {
 public:
  SlowWorkEngine(const sim::Platform& platform, sim::EventHandler& handler) : inner_(platform, handler) {}
  [[nodiscard]] std::string name() const override { return "slow-work"; }
  [[nodiscard]] sim::Days now() const override { return inner_.now(); }
  void schedule_at(sim::Days date, const sim::Event& event) override { inner_.schedule_at(date, event); }
  sim::JobId start_work(sim::WorkerId worker, sim::Hours hours, double weight, const sim::Event& on_done) override {
    return inner_.start_work(worker, hours * 1.03, weight, on_done);
  }
  void set_speed(sim::WorkerId worker, sim::Hours hours_per_day) override { inner_.set_speed(worker, hours_per_day); }
  void hand_over(sim::ZoneId from, sim::ZoneId to, const sim::Event& on_arrival) override {
    inner_.hand_over(from, to, on_arrival);
  }
  void run_until(sim::Days end) override { inner_.run_until(end); }
  [[nodiscard]] std::uint64_t events_delivered() const override { return inner_.events_delivered(); }

 private:
  sim::NativeEngine inner_;
};

TEST(Selftest, TheNativeEnginePassesEveryCheck) {
  const auto results = run_selftest(SelftestOptions{});
  ASSERT_EQ(results.size(), 10u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.passed) << r.system << ", " << r.quantity << ": theory " << r.theory << ", simulated " << r.simulated.mean
                          << " ± " << r.simulated.half_width;
  }
}

TEST(Selftest, AnEngineWhoseWorkRunsThreePercentLongFailsTheWaitingChecks) {
  SelftestOptions options;
  options.engine = [](const sim::Platform& p, sim::EventHandler& h) -> std::unique_ptr<sim::Engine> {
    return std::make_unique<SlowWorkEngine>(p, h);
  };
  int failed = 0;
  for (const auto& r : run_selftest(options)) {
    if (!r.passed) ++failed;
    // Work that is not done when asked cannot show in Little's law: it holds either way.
    if (r.system.rfind("Little", 0) == 0) {
      EXPECT_TRUE(r.passed);
    }
  }
  EXPECT_GE(failed, 6);
}

TEST(Selftest, ReplicationsAreRequiredForAConfidenceInterval) {
  SelftestOptions options;
  options.replications = 1;
  EXPECT_THROW(run_selftest(options), std::invalid_argument);
}

}  // namespace
}  // namespace ketensim::model::selftest
