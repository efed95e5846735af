// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <string>

namespace ketensim::sim {

/// Runs `work` in a forked child process and returns the bytes it returned.
///
/// SimGrid allows one engine per process, so each SimGrid simulation runs in a child of its
/// own: the child computes, sends its result back through a pipe and ends with `_exit`, so
/// it runs none of the parent's atexit handlers or test-framework teardown. The parent reads
/// the pipe while the child runs, so results of any size pass.
///
/// Throws std::runtime_error carrying the child's message if `work` threw, or saying how the
/// child ended (exit status, or signal name and number) if it died without a result. The
/// child is a copy of the parent: output buffered before the call is flushed first so that
/// it is not written twice.
std::string run_in_child_process(const std::function<std::string()>& work);

}  // namespace ketensim::sim
