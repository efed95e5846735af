// SPDX-License-Identifier: MIT
// The traffic equations on networks small enough to solve by hand.
#include "models/analytic/traffic_equations.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace ketensim::model::analytic {
namespace {

std::string error_of(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external, const std::vector<std::string>& names) {
  try {
    solve_traffic_equations(routing, external, names);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TrafficEquations, ATandemCarriesTheExternalRateThroughEveryStation) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 1.0;
  p(1, 2) = 0.25;  // three quarters leave after station 1
  const Eigen::VectorXd flow = solve_traffic_equations(p, Eigen::Vector3d(2.0, 0.0, 0.0), {"a", "b", "c"});
  EXPECT_NEAR(flow(0), 2.0, 1e-12);
  EXPECT_NEAR(flow(1), 2.0, 1e-12);
  EXPECT_NEAR(flow(2), 0.5, 1e-12);
}

TEST(TrafficEquations, ALoopRaisesEveryFlowOnItByTheGeometricSeriesOfReturns) {
  // The RvdK -> local team -> RvdK loop in miniature: 1 a day reach the Board (node 0); it
  // sends a third back to the local team (node 1), which escalates half again.
  // lambda_0 = 1 + 0.5 lambda_1, lambda_1 = lambda_0 / 3  =>  lambda_0 = 1.2, lambda_1 = 0.4.
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
  p(0, 1) = 1.0 / 3.0;
  p(1, 0) = 0.5;
  const Eigen::VectorXd flow = solve_traffic_equations(p, Eigen::Vector2d(1.0, 0.0), {"rvdk", "local_team"});
  EXPECT_NEAR(flow(0), 1.2, 1e-12);
  EXPECT_NEAR(flow(1), 0.4, 1e-12);
}

TEST(TrafficEquations, ASelfLoopMultipliesTheVisitsByOneOverOneMinusItsShare) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(1, 1);
  p(0, 0) = 0.75;
  EXPECT_NEAR(solve_traffic_equations(p, Eigen::VectorXd::Constant(1, 3.0), {"team"})(0), 12.0, 1e-12);
}

TEST(TrafficEquations, AClosedLoopIsRefusedNamingItsNodes) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 0.5;
  p(1, 2) = 1.0;
  p(2, 1) = 1.0;
  const std::string message = error_of(p, Eigen::Vector3d(1.0, 0.0, 0.0), {"vt", "rvdk", "local_team"});
  EXPECT_NE(message.find("no route ever leaves rvdk, local_team"), std::string::npos) << message;
}

TEST(TrafficEquations, RoutingThatSendsOutMoreThanEveryoneIsRefused) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
  p(0, 1) = 0.8;
  p(0, 0) = 0.3;
  const std::string message = error_of(p, Eigen::Vector2d(1.0, 0.0), {"vt", "rvdk"});
  EXPECT_NE(message.find("routing out of vt adds up to 1.1: must be <= 1"), std::string::npos) << message;
}

TEST(TrafficEquations, ANegativeRateAndAProbabilityAboveOneAreRefused) {
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
  EXPECT_NE(error_of(p, Eigen::Vector2d(-1.0, 0.0), {"a", "b"}).find("external rate at a (=-1) must be finite and >= 0"),
            std::string::npos);
  p(1, 0) = 1.5;
  EXPECT_NE(error_of(p, Eigen::Vector2d(1.0, 0.0), {"a", "b"}).find("routing b -> a (=1.5) must be a probability"),
            std::string::npos);
}

TEST(TrafficEquations, SizesThatDisagreeAreRefused) {
  const Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
  EXPECT_NE(error_of(p, Eigen::Vector3d(1.0, 0.0, 0.0), {"a", "b"}).find("sizes disagree"), std::string::npos);
}

}  // namespace
}  // namespace ketensim::model::analytic
