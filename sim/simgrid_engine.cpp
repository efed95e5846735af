// SPDX-License-Identifier: MIT
#include "sim/simgrid_engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <simgrid/Exception.hpp>
#include <simgrid/s4u.hpp>

#include "sim/event_queue.h"
#include "sim/simgrid_platform.h"

namespace ketensim::sim {
namespace sg4 = simgrid::s4u;

namespace {

// SimGrid aborts the process when a second engine is created; this flag turns that into an
// exception. It is process-wide on purpose: it mirrors SimGrid's own process-wide state.
std::atomic<bool> simgrid_engine_created{false};

constexpr std::uint32_t kNoHandOver = std::numeric_limits<std::uint32_t>::max();
constexpr Days kInfinity = std::numeric_limits<Days>::infinity();
// SimGrid's run_until needs a finite horizon; runs without an end stop when idle long before.
constexpr Days kFarFuture = 1e15;

// Slack for "not in the past": the SimGrid clock and the date of the event being delivered
// can differ in the last bits.
Days past_tolerance(Days now) { return 1e-12 * std::max(1.0, std::abs(now)); }

std::string format_date(Days date) { return std::to_string(date); }

// Wakes an actor out of its wait_any: a suspended empty Exec that the ringer resumes, so
// that it ends at once. It needs no mailbox, Comm or network action; measured, it costs
// about what a 0-byte same-host message does (the wake-up itself dominates).
class Doorbell {
 public:
  // By the owner before it waits: a fresh bell if the last one rang. The owner must look at
  // its work after arming, because rings before that are dropped.
  void arm(sg4::Host* host) {
    if (armed_) return;
    sg4::ExecPtr exec = sg4::Exec::init();
    exec->set_flops_amount(0.0)->set_host(host)->start();
    exec->suspend();
    exec_ = exec;
    armed_ = true;
  }
  // By anyone; does nothing unless the owner is waiting, or about to, on the armed bell.
  void ring() {
    if (!armed_) return;
    armed_ = false;
    const sg4::ExecPtr exec = exec_;  // the owner may re-arm while we are in the simcall
    exec->resume();
  }
  [[nodiscard]] const sg4::ExecPtr& activity() const { return exec_; }

 private:
  sg4::ExecPtr exec_;
  bool armed_ = false;
};

}  // namespace

class SimGridEngine::Impl {
 public:
  Impl(const Platform& platform, EventHandler& handler, const Options& options);
  ~Impl();

  [[nodiscard]] Days now() const { return now_; }
  [[nodiscard]] std::uint64_t events_delivered() const { return delivered_; }
  void schedule_at(Days date, const Event& event);
  JobId start_work(WorkerId worker, Hours hours, double weight, const Event& on_done);
  void set_speed(WorkerId worker, Hours hours_per_day);
  void hand_over(ZoneId from, ZoneId to, const Event& on_arrival);
  void run_until(Days end);

 private:
  struct Job {
    JobId id = 0;
    double weight = 1.0;
    Event on_done;
    Hours hours_left = 0.0;  // meaningful while `exec` is null (not started yet, or paused)
    sg4::ExecPtr exec;
  };
  // What a handler asked of a worker; the worker's own actor carries it out, in order.
  struct Command {
    bool is_start = true;
    Job job;            // for a start
    Hours speed = 0.0;  // for a speed change
  };
  struct Worker {
    sg4::Host* host = nullptr;
    double host_speed = 1.0;  // flops per day the host was built with
    Hours speed = 0.0;        // hours per day the running Execs are sized for
    std::vector<Job> jobs;
    std::vector<Command> commands;
    Doorbell doorbell;
    bool has_actor = false;
    bool rung = false;  // asked to look at its commands since it last did
  };
  struct Pending {
    Event event;
    std::uint32_t hand_over;  // kNoHandOver for a plain timer
  };
  struct HandOver {
    ZoneId from = 0;
    ZoneId to = 0;
    bool started = false;
    sg4::CommPtr comm;
  };
  // Who is running the handler right now; calls from outside any actor are "outside".
  enum class Role { outside, dispatcher, worker };

  // Actors.
  void dispatcher_main();
  void worker_main(WorkerId worker);
  void kick_main();
  template <class Body>
  void guarded(Body body);
  // Dispatcher steps.
  void deliver_due();
  void await_hand_over(std::uint32_t slot);
  void stop_run_here();
  // Worker steps.
  void apply_commands(Worker& worker);
  void change_speed(Worker& worker, Hours speed);
  sg4::ExecPtr start_exec(const Worker& worker, const Job& job);
  void complete(WorkerId worker, std::size_t index);
  // Shared.
  void deliver(Role role, WorkerId worker, const Event& event);
  void flush();
  void start_hand_over(std::uint32_t slot);
  void ring_worker(WorkerId worker);
  void notify_if_idle();
  void push(Days date, const Event& event, std::uint32_t hand_over);
  void request_ring(WorkerId worker);
  [[nodiscard]] bool idle() const { return queue_.empty() && running_ == 0 && pending_commands_ == 0; }
  void check_usable() const;

  EventHandler& handler_;
  std::vector<std::string> arguments_;
  std::vector<char*> argv_;
  std::unique_ptr<sg4::Engine> engine_;
  std::unique_ptr<SimGridPlatform> platform_;
  std::set<sg4::Activity*> vetoed_;  // a vetoed activity makes Engine::run_until return
  sg4::ExecPtr veto_;
  sg4::ExecPtr park_exec_;

  EventQueue<Pending> queue_;
  std::vector<Worker> workers_;
  std::vector<HandOver> hand_overs_;
  std::vector<std::uint32_t> free_hand_overs_;

  // Work recorded by handlers, carried out by `flush` once the handler has returned.
  std::vector<std::uint32_t> comms_to_start_;
  std::vector<WorkerId> workers_to_ring_;
  bool ring_dispatcher_ = false;
  bool outside_work_ = false;  // recorded outside any actor: needs a kick at the next run

  Doorbell dispatcher_doorbell_;
  Days dispatcher_wakes_at_ = -kInfinity;  // -infinity while it is awake
  bool dispatcher_rung_ = false;

  Role role_ = Role::outside;
  WorkerId role_worker_ = 0;
  bool running_run_ = false;
  bool stop_when_idle_ = false;
  bool parked_ = false;
  std::exception_ptr failure_;

  Days now_ = 0.0;
  JobId next_job_ = 0;
  std::uint64_t delivered_ = 0;
  std::uint64_t running_ = 0;           // jobs with a running Exec
  std::uint64_t pending_commands_ = 0;  // commands not yet carried out
};

// ---------------------------------------------------------------------------------------
// Construction

SimGridEngine::Impl::Impl(const Platform& platform, EventHandler& handler, const Options& options)
    : handler_(handler) {
  if (simgrid_engine_created.exchange(true) || sg4::Engine::has_instance()) {
    throw std::logic_error(
        "simgrid engine: a SimGrid engine was already created in this process, and SimGrid allows only one per "
        "process; run each SimGrid simulation in its own process (see sim/child_process.h)");
  }
  if (options.actor_stack_kib < 64) throw std::logic_error("simgrid engine: actor_stack_kib must be >= 64");
  // The log setting comes first so that SimGrid's configuration messages are silenced too.
  arguments_ = {"ketensim",
                "--log=root.thresh:critical",
                "--cfg=network/model:CM02",
                "--cfg=network/latency-factor:1",
                "--cfg=network/bandwidth-factor:1",
                "--cfg=network/crosstraffic:0",
                "--cfg=contexts/factory:raw",
                "--cfg=contexts/nthreads:1",
                "--cfg=contexts/stack-size:" + std::to_string(options.actor_stack_kib),
                "--cfg=debug/verbose-exit:0"};
  for (auto& argument : arguments_) argv_.push_back(argument.data());
  int argc = static_cast<int>(argv_.size());
  argv_.push_back(nullptr);
  engine_ = std::make_unique<sg4::Engine>(&argc, argv_.data());
  platform_ = std::make_unique<SimGridPlatform>(platform);

  workers_.resize(platform.workers().size());
  for (WorkerId w = 0; w < workers_.size(); ++w) {
    workers_[w].host = platform_->worker_host(w);
    workers_[w].host_speed = platform_->host_speed(w);
    workers_[w].speed = platform.workers()[w].hours_per_day;
  }
  sg4::Activity::set_vetoed_activities(&vetoed_);
  sg4::Actor::create("dispatcher", platform_->control_host(),
                     [this] { guarded([this] { dispatcher_main(); }); });
}

SimGridEngine::Impl::~Impl() {
  // SimGrid prints a backtrace for every started Comm freed before it completed: cancel the
  // hand-overs still in flight first. Then drop our handles before the engine they live in.
  for (auto& hand_over : hand_overs_) {
    if (hand_over.comm) hand_over.comm->cancel();
  }
  hand_overs_.clear();
  workers_.clear();
  dispatcher_doorbell_ = Doorbell{};
  veto_ = nullptr;
  park_exec_ = nullptr;
  sg4::Activity::set_vetoed_activities(nullptr);
  engine_.reset();
}

// ---------------------------------------------------------------------------------------
// Calls from the model: they only record, never block, so that a handler runs atomically.

void SimGridEngine::Impl::check_usable() const {
  if (failure_) throw std::logic_error("simgrid engine: unusable after a handler failed in an earlier run_until");
}

void SimGridEngine::Impl::push(Days date, const Event& event, std::uint32_t hand_over) {
  queue_.push(date, event.order, Pending{event, hand_over});
  // The dispatcher re-reads the heap whenever it is awake; ring only if it sleeps past `date`.
  if (role_ != Role::dispatcher && date < dispatcher_wakes_at_ && !dispatcher_rung_) {
    dispatcher_rung_ = true;
    ring_dispatcher_ = true;
  }
  if (role_ == Role::outside) outside_work_ = true;
}

void SimGridEngine::Impl::schedule_at(Days date, const Event& event) {
  check_usable();
  if (!std::isfinite(date)) throw std::logic_error("simgrid engine: event date must be finite");
  if (!(date >= now_ - past_tolerance(now_))) {
    throw std::logic_error("simgrid engine: event scheduled in the past (" + format_date(date) + " < " +
                           format_date(now_) + ")");
  }
  push(date, event, kNoHandOver);
}

void SimGridEngine::Impl::request_ring(WorkerId worker) {
  if (role_ == Role::worker && role_worker_ == worker) return;  // its own actor applies it next
  Worker& w = workers_[worker];
  if (!w.rung) {
    w.rung = true;
    workers_to_ring_.push_back(worker);
  }
  if (role_ == Role::outside) outside_work_ = true;
}

JobId SimGridEngine::Impl::start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) {
  check_usable();
  if (!(weight > 0.0)) throw std::logic_error("simgrid engine: work weight must be > 0");
  if (!(hours >= 0.0)) throw std::logic_error("simgrid engine: work hours must be >= 0");
  if (worker >= workers_.size()) throw std::logic_error("simgrid engine: unknown worker " + std::to_string(worker));
  const JobId id = next_job_++;
  Command command;
  command.job = Job{id, weight, on_done, hours, nullptr};
  workers_[worker].commands.push_back(std::move(command));
  ++pending_commands_;
  request_ring(worker);
  return id;
}

void SimGridEngine::Impl::set_speed(WorkerId worker, Hours hours_per_day) {
  check_usable();
  if (!(hours_per_day >= 0.0) || !std::isfinite(hours_per_day)) {
    throw std::logic_error("simgrid engine: speed must be finite and >= 0");
  }
  if (worker >= workers_.size()) throw std::logic_error("simgrid engine: unknown worker " + std::to_string(worker));
  Worker& w = workers_[worker];
  if (!w.has_actor && w.jobs.empty() && w.commands.empty()) {
    w.speed = hours_per_day;  // nothing in progress: no actor needed to change the speed
    return;
  }
  Command command;
  command.is_start = false;
  command.speed = hours_per_day;
  w.commands.push_back(std::move(command));
  ++pending_commands_;
  request_ring(worker);
}

void SimGridEngine::Impl::hand_over(ZoneId from, ZoneId to, const Event& on_arrival) {
  check_usable();
  if (from >= platform_->zone_count() || to >= platform_->zone_count()) {
    throw std::logic_error("simgrid engine: hand-over between unknown zones " + std::to_string(from) + " and " +
                           std::to_string(to));
  }
  const Days latency = platform_->route_latency(from, to);
  std::uint32_t slot;
  if (free_hand_overs_.empty()) {
    slot = static_cast<std::uint32_t>(hand_overs_.size());
    hand_overs_.emplace_back();
  } else {
    slot = free_hand_overs_.back();
    free_hand_overs_.pop_back();
  }
  hand_overs_[slot] = HandOver{from, to, false, nullptr};
  comms_to_start_.push_back(slot);
  // The arrival sits in the dispatcher's heap under the sequence of this call, so it keeps the
  // native order among simultaneous events; the dispatcher delivers it once the Comm is done.
  push(now_ + latency, on_arrival, slot);
}

// ---------------------------------------------------------------------------------------
// Running

void SimGridEngine::Impl::run_until(Days end) {
  check_usable();
  if (role_ != Role::outside || running_run_) throw std::logic_error("simgrid engine: run_until called from a handler");
  if (std::isnan(end)) throw std::logic_error("simgrid engine: run_until needs an end date");
  if (end < sg4::Engine::get_clock()) return;  // nothing can be due before the clock
  stop_when_idle_ = !std::isfinite(end);
  const Days horizon = std::isfinite(end) ? end : kFarFuture;
  parked_ = false;
  running_run_ = true;
  // Work recorded outside any actor (before the first run, between runs) needs an actor to
  // carry it out; a run without an end also needs the dispatcher to look whether it is idle.
  if (outside_work_ || stop_when_idle_) {
    outside_work_ = false;
    if (stop_when_idle_ && !dispatcher_rung_ && dispatcher_wakes_at_ > -kInfinity) {
      dispatcher_rung_ = true;
      ring_dispatcher_ = true;
    }
    sg4::Actor::create("kick", platform_->control_host(), [this] { kick_main(); });
  }
  // SimGrid's run_until also returns when its clock is within 1e-5 of the horizon, so go on
  // until the clock is there, or until the dispatcher parked an idle (or failed) simulation.
  do {
    vetoed_.clear();
    veto_ = nullptr;
    park_exec_ = nullptr;
    engine_->run_until(horizon);
  } while (!parked_ && !failure_ && sg4::Engine::get_clock() < horizon);
  running_run_ = false;
  vetoed_.clear();
  veto_ = nullptr;
  park_exec_ = nullptr;
  if (failure_) std::rethrow_exception(failure_);
  if (std::isfinite(end)) now_ = std::max(now_, end);
}

template <class Body>
void SimGridEngine::Impl::guarded(Body body) {
  bool failed = false;
  try {
    body();
  } catch (const simgrid::ForcefulKillException&) {
    throw;  // SimGrid unwinding an actor's stack: not ours to stop
  } catch (...) {
    role_ = Role::outside;
    if (!failure_) failure_ = std::current_exception();
    failed = true;
  }
  // Outside the catch block: switching contexts inside one would mix up exception states.
  if (failed) {
    // Stop the run at this instant (run_until rethrows) and never come back.
    stop_run_here();
    int* payload = nullptr;
    sg4::Mailbox::by_name("failed")->get_async(&payload)->wait();
  }
}

void SimGridEngine::Impl::stop_run_here() {
  // A vetoed activity ends Engine::run_until after the current step; the empty Exec gives
  // that step something to finish at this instant, so that the clock does not move on.
  parked_ = true;
  veto_ = sg4::Exec::init();
  veto_->vetoable_start();
  park_exec_ = sg4::Exec::init();
  park_exec_->set_flops_amount(0.0)->set_host(platform_->control_host())->start();
}

void SimGridEngine::Impl::kick_main() { flush(); }

void SimGridEngine::Impl::deliver(Role role, WorkerId worker, const Event& event) {
  ++delivered_;
  role_ = role;
  role_worker_ = worker;
  handler_.handle(event);
  role_ = Role::outside;
  flush();
}

void SimGridEngine::Impl::flush() {
  // Each step may yield to other actors, which may add work of their own: loop until empty.
  std::vector<std::uint32_t> comms;
  std::vector<WorkerId> workers;
  while (true) {
    if (!comms_to_start_.empty()) {
      comms.swap(comms_to_start_);
      for (const auto slot : comms) start_hand_over(slot);
      comms.clear();
    } else if (!workers_to_ring_.empty()) {
      workers.swap(workers_to_ring_);
      for (const auto worker : workers) ring_worker(worker);
      workers.clear();
    } else if (ring_dispatcher_) {
      ring_dispatcher_ = false;
      dispatcher_doorbell_.ring();
    } else {
      break;
    }
  }
  notify_if_idle();
}

void SimGridEngine::Impl::notify_if_idle() {
  // A run without an end stops when nothing can happen any more; the dispatcher decides that,
  // so wake it if it sleeps.
  if (stop_when_idle_ && idle() && !parked_ && dispatcher_wakes_at_ > -kInfinity && !dispatcher_rung_) {
    dispatcher_rung_ = true;
    dispatcher_doorbell_.ring();
  }
}

void SimGridEngine::Impl::start_hand_over(std::uint32_t slot) {
  if (hand_overs_[slot].started) return;  // the dispatcher needed it first
  hand_overs_[slot].started = true;
  sg4::Host* from = platform_->post_room(hand_overs_[slot].from);
  sg4::Host* to = platform_->post_room(hand_overs_[slot].to);
  // Not Comm::sendto_async: in 3.32 it leaves the Comm "starting" (and vetoed) until someone
  // tests or waits on it, so it would not start now.
  sg4::CommPtr comm = sg4::Comm::sendto_init(from, to);
  comm->set_payload_size(0);
  comm->start();
  hand_overs_[slot].comm = comm;  // index again: other actors may have grown the table meanwhile
}

void SimGridEngine::Impl::ring_worker(WorkerId worker) {
  Worker& w = workers_[worker];
  if (w.has_actor) {
    w.doorbell.ring();
    return;
  }
  // Actors are created on first need: vacancies and idle positions cost nothing.
  w.has_actor = true;
  sg4::Actor::create("worker" + std::to_string(worker), platform_->control_host(),
                     [this, worker] { guarded([this, worker] { worker_main(worker); }); });
}

// ---------------------------------------------------------------------------------------
// The dispatcher: timers and hand-over arrivals

void SimGridEngine::Impl::dispatcher_main() {
  std::vector<sg4::ActivityPtr> waitset(1);
  while (true) {
    dispatcher_doorbell_.arm(platform_->control_host());
    dispatcher_rung_ = false;
    dispatcher_wakes_at_ = -kInfinity;
    deliver_due();
    waitset[0] = dispatcher_doorbell_.activity();
    if (stop_when_idle_ && idle() && !parked_) {
      // Nothing can happen any more: end this run here, and sleep until rung.
      stop_run_here();
      dispatcher_wakes_at_ = kInfinity;
      sg4::Activity::wait_any(waitset);
    } else if (queue_.empty()) {
      dispatcher_wakes_at_ = kInfinity;
      sg4::Activity::wait_any(waitset);
    } else {
      const Days due = queue_.top().date;
      dispatcher_wakes_at_ = due;
      // `due` is after the clock here, so the timeout is positive.
      sg4::Activity::wait_any_for(waitset, due - sg4::Engine::get_clock());
    }
  }
}

void SimGridEngine::Impl::deliver_due() {
  while (!queue_.empty() && queue_.top().date <= sg4::Engine::get_clock()) {
    const auto entry = queue_.pop();
    if (entry.payload.hand_over != kNoHandOver) await_hand_over(entry.payload.hand_over);
    now_ = std::max(now_, entry.date);
    deliver(Role::dispatcher, 0, entry.payload.event);
  }
}

void SimGridEngine::Impl::await_hand_over(std::uint32_t slot) {
  start_hand_over(slot);  // no-op unless its sender's actor has not got round to it yet
  sg4::CommPtr comm = hand_overs_[slot].comm;
  if (!comm->test()) {
    // The Comm takes the route's latency, as the heap date does; they differ by rounding only.
    const Days slack = 1e-9 + 1e-12 * sg4::Engine::get_clock();
    try {
      comm->wait_for(slack);
    } catch (const simgrid::TimeoutException&) {
      throw std::runtime_error(
          "simgrid engine: a hand-over Comm took longer than its route latency; the network model must make a "
          "0-byte message take exactly the latency (CM02, latency factor 1)");
    }
  }
  hand_overs_[slot].comm = nullptr;
  free_hand_overs_.push_back(slot);
}

// ---------------------------------------------------------------------------------------
// Workers: processor sharing by SimGrid, one actor per worker with work

void SimGridEngine::Impl::worker_main(WorkerId worker) {
  Worker& w = workers_[worker];  // workers_ never grows after construction
  std::vector<sg4::ActivityPtr> waitset;
  std::vector<std::size_t> job_of;  // waitset position -> index in w.jobs
  std::vector<sg4::ActivityPtr> others;
  std::vector<std::size_t> other_jobs;
  std::vector<JobId> finished;
  while (true) {
    w.doorbell.arm(w.host);
    w.rung = false;
    apply_commands(w);
    notify_if_idle();
    waitset.clear();
    job_of.clear();
    waitset.push_back(w.doorbell.activity());
    job_of.push_back(0);
    for (std::size_t k = 0; k < w.jobs.size(); ++k) {
      if (w.jobs[k].exec) {
        waitset.push_back(w.jobs[k].exec);
        job_of.push_back(k);
      }
    }
    const ssize_t woken = sg4::Activity::wait_any(waitset);
    if (woken == 0) continue;  // rung: look at the commands
    // Jobs of one worker that end at the same instant come in job order, as natively, but
    // SimGrid reports them in its own order: collect the others that are done already.
    const auto first = static_cast<std::size_t>(woken);
    finished.clear();
    finished.push_back(w.jobs[job_of[first]].id);
    if (waitset.size() > 2) {
      others.clear();
      other_jobs.clear();
      for (std::size_t i = 1; i < waitset.size(); ++i) {
        if (i == first) continue;
        others.push_back(waitset[i]);
        other_jobs.push_back(job_of[i]);
      }
      while (!others.empty()) {
        const ssize_t done = sg4::Activity::test_any(others);
        if (done < 0) break;
        const auto k = static_cast<std::size_t>(done);
        finished.push_back(w.jobs[other_jobs[k]].id);
        others.erase(others.begin() + done);
        other_jobs.erase(other_jobs.begin() + done);
      }
      std::sort(finished.begin(), finished.end());
    }
    for (const JobId id : finished) {
      const auto it = std::find_if(w.jobs.begin(), w.jobs.end(), [id](const Job& job) { return job.id == id; });
      complete(worker, static_cast<std::size_t>(it - w.jobs.begin()));
    }
  }
}

void SimGridEngine::Impl::apply_commands(Worker& worker) {
  std::vector<Command> batch;
  while (!worker.commands.empty()) {
    batch.swap(worker.commands);
    for (auto& command : batch) {
      --pending_commands_;
      if (command.is_start) {
        Job job = std::move(command.job);
        if (worker.speed > 0.0) {
          job.exec = start_exec(worker, job);
          ++running_;
        }
        worker.jobs.push_back(std::move(job));
      } else {
        change_speed(worker, command.speed);
      }
    }
    batch.clear();
  }
}

sg4::ExecPtr SimGridEngine::Impl::start_exec(const Worker& worker, const Job& job) {
  // The host keeps the speed it was built with; work is scaled so that it lasts as long as
  // `hours_left` at the worker's current speed (equal to the hours when the speed is unchanged).
  const double flops = worker.speed == worker.host_speed ? job.hours_left
                                                          : job.hours_left * (worker.host_speed / worker.speed);
  sg4::ExecPtr exec = sg4::Exec::init();
  exec->set_flops_amount(flops)->set_host(worker.host)->set_priority(job.weight)->start();
  return exec;
}

void SimGridEngine::Impl::change_speed(Worker& worker, Hours speed) {
  if (speed == worker.speed) return;
  // SimGrid cannot change a host's speed to an arbitrary value at run time, so each running
  // Exec is converted back to hours left (its progress kept) and restarted at the new size.
  for (auto& job : worker.jobs) {
    if (!job.exec) continue;
    const double remaining = job.exec->get_remaining();
    if (remaining <= 0.0) continue;  // finishes at this instant: leave it to be delivered
    job.hours_left = remaining * (worker.speed / worker.host_speed);
    job.exec->cancel();
    job.exec = nullptr;
    --running_;
  }
  worker.speed = speed;
  if (speed <= 0.0) return;  // paused: the jobs keep their hours until the speed is back
  for (auto& job : worker.jobs) {
    if (job.exec) continue;
    job.exec = start_exec(worker, job);
    ++running_;
  }
}

void SimGridEngine::Impl::complete(WorkerId worker, std::size_t index) {
  Worker& w = workers_[worker];
  const Event on_done = w.jobs[index].on_done;
  if (index + 1 != w.jobs.size()) w.jobs[index] = std::move(w.jobs.back());
  w.jobs.pop_back();
  --running_;
  now_ = std::max(now_, sg4::Engine::get_clock());
  deliver(Role::worker, worker, on_done);
}

// ---------------------------------------------------------------------------------------
// The public class forwards to Impl so that this header stays free of SimGrid.

SimGridEngine::SimGridEngine(const Platform& platform, EventHandler& handler)
    : SimGridEngine(platform, handler, Options{}) {}
SimGridEngine::SimGridEngine(const Platform& platform, EventHandler& handler, const Options& options)
    : impl_(std::make_unique<Impl>(platform, handler, options)) {}
SimGridEngine::~SimGridEngine() = default;

Days SimGridEngine::now() const { return impl_->now(); }
void SimGridEngine::schedule_at(Days date, const Event& event) { impl_->schedule_at(date, event); }
JobId SimGridEngine::start_work(WorkerId worker, Hours hours, double weight, const Event& on_done) {
  return impl_->start_work(worker, hours, weight, on_done);
}
void SimGridEngine::set_speed(WorkerId worker, Hours hours_per_day) { impl_->set_speed(worker, hours_per_day); }
void SimGridEngine::hand_over(ZoneId from, ZoneId to, const Event& on_arrival) {
  impl_->hand_over(from, to, on_arrival);
}
void SimGridEngine::run_until(Days end) { impl_->run_until(end); }
std::uint64_t SimGridEngine::events_delivered() const { return impl_->events_delivered(); }

}  // namespace ketensim::sim
