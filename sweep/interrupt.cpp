// SPDX-License-Identifier: MIT
#include "sweep/interrupt.h"

#include <csignal>
#include <cstring>

namespace ketensim::sweep {
namespace {

volatile std::sig_atomic_t received_signal = 0;
struct sigaction previous_int {};
struct sigaction previous_term {};

extern "C" void remember_signal(int signal) { received_signal = signal; }

}  // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") + strsignal(signal)), signal_(signal) {}

InterruptGuard::InterruptGuard() {
  received_signal = 0;
  struct sigaction action {};
  action.sa_handler = remember_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll and sleeps return early with EINTR
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

int InterruptGuard::received() { return received_signal; }

void InterruptGuard::throw_if_received() {
  if (received_signal != 0) throw Interrupted(received_signal);
}

}  // namespace ketensim::sweep
