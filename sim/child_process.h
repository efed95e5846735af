// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
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

/// Runs `work(i)` for i = 0 .. count-1, each in a forked child of its own as above, with at
/// most `at_once` children alive at a time, and hands each child's bytes to `take(i, bytes)`
/// in this process as the child finishes (so in any order). On the first failure the other
/// children are killed and the failure is thrown as by run_in_child_process.
void run_in_child_processes(std::size_t count, unsigned at_once, const std::function<std::string(std::size_t)>& work,
                            const std::function<void(std::size_t, std::string&&)>& take);

}  // namespace ketensim::sim
