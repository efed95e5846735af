// SPDX-License-Identifier: MIT
#include "models/analytic/traffic_equations.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ketensim::model::analytic {
namespace {

constexpr double tolerance = 1e-9;

std::string format(double x) {
  std::ostringstream out;
  out.precision(10);
  out << x;
  return out.str();
}

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument("traffic equations: " + what); }

void check_inputs(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external, const std::vector<std::string>& names) {
  const auto n = routing.rows();
  if (routing.cols() != n || external.size() != n || static_cast<Eigen::Index>(names.size()) != n) {
    fail("sizes disagree: routing " + std::to_string(routing.rows()) + "x" + std::to_string(routing.cols()) +
         ", external " + std::to_string(external.size()) + ", names " + std::to_string(names.size()) +
         "; expected one row, column, rate and name per node");
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string& from = names[static_cast<std::size_t>(i)];
    if (!(external(i) >= 0.0) || std::isinf(external(i))) {
      fail("external rate at " + from + " (=" + format(external(i)) + ") must be finite and >= 0");
    }
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!(routing(i, j) >= 0.0 && routing(i, j) <= 1.0)) {
        fail("routing " + from + " -> " + names[static_cast<std::size_t>(j)] + " (=" + format(routing(i, j)) +
             ") must be a probability in [0, 1]");
      }
    }
    const double leaving = routing.row(i).sum();
    if (leaving > 1.0 + tolerance) fail("routing out of " + from + " adds up to " + format(leaving) + ": must be <= 1");
  }
}

// A node can drain when some of its row leaves the network or it routes to a node that can.
// Nodes that cannot drain form closed loops: (I - P^T) is singular exactly then.
void check_open(const Eigen::MatrixXd& routing, const std::vector<std::string>& names) {
  const auto n = routing.rows();
  std::vector<bool> drains(static_cast<std::size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i) drains[static_cast<std::size_t>(i)] = routing.row(i).sum() < 1.0 - tolerance;
  for (bool changed = true; changed;) {
    changed = false;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (drains[static_cast<std::size_t>(i)]) continue;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (routing(i, j) > 0.0 && drains[static_cast<std::size_t>(j)]) {
          drains[static_cast<std::size_t>(i)] = true;
          changed = true;
          break;
        }
      }
    }
  }
  std::string trapped;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!drains[static_cast<std::size_t>(i)]) trapped += (trapped.empty() ? "" : ", ") + names[static_cast<std::size_t>(i)];
  }
  if (!trapped.empty()) {
    fail("no route ever leaves " + trapped + ": a closed loop has no solution; expected every loop to send a share out");
  }
}

}  // namespace

Eigen::VectorXd solve_traffic_equations(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external,
                                        const std::vector<std::string>& node_names) {
  check_inputs(routing, external, node_names);
  check_open(routing, node_names);
  const auto n = routing.rows();
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  Eigen::VectorXd flow = system.fullPivLu().solve(external);
  // Rounding can leave -1e-17 where a node gets nothing; a flow is never negative.
  for (Eigen::Index i = 0; i < n; ++i) flow(i) = std::max(0.0, flow(i));
  return flow;
}

}  // namespace ketensim::model::analytic
