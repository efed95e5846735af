// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

namespace ketensim::cli {

/// A national KPI shown in the short tables of `run` and `compare` (all KPIs are in the file
/// and behind `run --all`), with what it measures in words: a "wait" is only the time before
/// a worker takes the case, the "time in stage" includes the work, shared with the worker's
/// other cases.
struct Headline {
  const char* name;
  const char* stage;
  const char* label;
};

const std::vector<Headline>& headline_kpis();

}  // namespace ketensim::cli
