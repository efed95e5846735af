// SPDX-License-Identifier: MIT
#pragma once

namespace ketensim::model::analytic {

/// Withdrawal from a waiting list in steady state (docs/analytic.md, "Withdrawal and quality
/// erosion"). The model gives every non-urgent family that joins the Board's list or a care
/// list a time to withdrawal with a constant hazard (models/chain_withdrawal.cpp); urgent
/// families never withdraw. A list is then a queue with abandonment (Erlang A).

/// The hazard theta per day that withdraws `share_within_90_days` of the waiting within 90
/// days: theta = -ln(1 - q) / 90, as the model draws it. 0 when the share is 0.
double withdrawal_rate_per_day(double share_within_90_days);

/// The share of the normal (non-urgent) children arriving at a list who withdraw from it:
/// the list's abandoning flow (theta x children waiting, urgent children never wait) over
/// its normal arrivals, at most `at_most` (what escalation leaves of them).
double withdrawn_share_of_normal(double abandoning_per_day, double normal_arrivals_per_day, double at_most = 1.0);

}  // namespace ketensim::model::analytic
