// SPDX-License-Identifier: MIT
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace ketensim::cli {

/// Each configuration's staff at the start per organisation (after the moved staff,
/// models/moved_staff.h) with its yearly cost, and the totals: what `check` and `compare`
/// print so that a reader sees whether configurations are compared on equal staff.
void print_staff(std::ostream& out, const std::vector<std::string>& names, const std::vector<model::Scenario>& scenarios);

}  // namespace ketensim::cli
