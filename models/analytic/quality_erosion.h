// SPDX-License-Identifier: MIT
#pragma once

namespace ketensim::model::analytic {

/// VT's quality erosion in steady state (docs/analytic.md, "Withdrawal and quality erosion").
///
/// The model gives a VT case that waited W before a worker took it 1 - cut x min(1, W / D) of
/// its work, D the stage's deadline (models/chain_flow.cpp, vt.late_work_cut_share). When a
/// share pi of the children waits, exponentially with mean d = wait_days_mean / pi (as in the
/// M/M/c estimates), E[min(W, D)] = pi d (1 - exp(-D / d)), so the mean share of the work done is
///
///     1 - cut x pi d (1 - exp(-D / d)) / D,
///
/// and 1 - cut x pi when the list has no steady state (every waiting child waits past D).
double late_work_share(double cut_share, double deadline_days, double wait_probability, double wait_days_mean);

}  // namespace ketensim::model::analytic
