// SPDX-License-Identifier: MIT
#pragma once
#include "models/analytic/flow_node.h"
#include "models/parameters.h"

namespace ketensim::model::analytic {

/// How long measures last, and so how long a guardian or a care place is held.
///
/// A measure's term runs from the ruling (youth probation: from its arrival). An OTS lasts
/// `gi.ots_term_days` and is extended at each review with `gi.share_ots_extended`, so it
/// lasts a whole number of terms, geometric in number; a provisional OTS lasts
/// `gi.vots_term_days` and becomes an OTS with `gi.share_vots_to_ots`; guardianship and
/// youth probation last an exponential time. Each function below is exact for that
/// description; what it leaves out is stated at the function.

/// Mean length of a measure in days; +inf when an OTS is always extended.
double measure_days_mean(const Parameters& p, GiMeasure measure);

/// E[exp(-s M)] for the measure's length M (its Laplace transform), s >= 0.
double measure_laplace(const Parameters& p, GiMeasure measure, double s);

/// Mean time a guardian holds the child: the measure's length less the hand-over from the
/// court (`handover_days`), E[(M - handover)+]. The time spent waiting for a guardian also
/// shortens it; that is left out (it is small wherever the pool is stable).
double guardian_holding_days(const Parameters& p, GiMeasure measure, double handover_days);

/// Rate (per day) at which a child waiting for a guardian leaves because its measure ends.
/// Exponential measures end at 1 / mean whatever the wait; an OTS or a provisional OTS
/// cannot end before its fixed term (a year, 90 days), far beyond the waits of a stable
/// pool, so its rate is taken as 0.
double abandonment_per_day(const Parameters& p, GiMeasure measure);

/// Probability that a measure's care request reaches the providers' waiting list: the
/// request takes an exponential delay of mean `gi.care_request_days_mean` and is voided when
/// the measure ends first, 1 - E[exp(-M / r)].
double care_request_reaches_care(const Parameters& p, GiMeasure measure);

/// Place-days of care per child under a measure that needs care: the request waits an
/// exponential delay T (mean r = `gi.care_request_days_mean`), then the care lasts its own
/// duration D or ends with the measure, whichever comes first:
/// E[min(D, (M - T)+)] = d (1 - L(a) - a (L(b) - L(a)) / (a - b)), with L the measure's
/// Laplace transform, a = 1/r and b = 1/d. Exact for exponential D (`duration_cv` = 1) when
/// a place is free at once; the hand-over and the guardian's start-up before the request are
/// left out (days, against measures of months to years).
double care_place_days_under_measure(const Parameters& p, GiMeasure measure, double care_days_mean);

}  // namespace ketensim::model::analytic
