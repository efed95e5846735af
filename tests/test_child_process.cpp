// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "sim/child_process.h"

namespace ketensim::sim {
namespace {

TEST(ChildProcess, ReturnsTheBytesTheChildReturned) {
  EXPECT_EQ(run_in_child_process([] { return std::string("result\0with a zero", 18); }),
            std::string("result\0with a zero", 18));
}

TEST(ChildProcess, PassesALargeResultWhole) {
  const std::string result = run_in_child_process([] {
    std::string big(16 << 20, 'x');
    big.back() = 'y';
    return big;
  });
  ASSERT_EQ(result.size(), std::size_t{16} << 20);
  EXPECT_EQ(result.back(), 'y');
}

TEST(ChildProcess, RethrowsTheChildsExceptionMessage) {
  try {
    run_in_child_process([]() -> std::string { throw std::invalid_argument("bad scenario"); });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "bad scenario");
  }
}

TEST(ChildProcess, NamesTheSignalThatKilledTheChild) {
  try {
    run_in_child_process([]() -> std::string { std::abort(); });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("SIGABRT"), std::string::npos) << error.what();
  }
}

TEST(ChildProcess, ReportsAChildThatExitedWithoutAResult) {
  try {
    run_in_child_process([]() -> std::string { std::_Exit(7); });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("status 7"), std::string::npos) << error.what();
  }
}

TEST(ChildProcess, LeavesTheParentsStateUntouched) {
  int counter = 1;
  run_in_child_process([&] {
    counter = 99;
    return std::string();
  });
  EXPECT_EQ(counter, 1);
}

}  // namespace
}  // namespace ketensim::sim
