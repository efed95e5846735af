# SPDX-License-Identifier: MIT
"""Plain-English words for the codes in result files, and the caption of a figure: the one
place every plot takes its labels from (comparison_plots, sensitivity_plots, plots), so that
a figure for a policy report never shows a code name such as ``rvdk`` or ``gi``.

Standalone (the CLI runs the plot scripts without the compiled package): only the standard
library.
"""
import textwrap

# Stages (models/stage.h) and the pseudo-stage "chain" of chain-wide KPIs.
STAGES = {
    "vt_triage": "Veilig Thuis assessment",
    "vt_investigation": "investigation of unsafety (function a)",
    "local_team": "local team",
    "rvdk": "Child Protection Board investigation (judgment, function b)",
    "rvdk_other": "Child Protection Board, other cases",
    "court": "juvenile court",
    "gi": "family guardian (certified institution)",
    "care_ambulatory": "ambulatory care",
    "care_intensive_ambulatory": "intensive ambulatory care",
    "care_foster_care": "foster care",
    "care_family_home": "family-style home",
    "care_residential": "residential care",
    "care_closed": "secure residential care",
    "chain": "whole chain",
}

# Short forms for crowded axes.
SHORT_STAGES = {
    "vt_triage": "Veilig Thuis assessment",
    "vt_investigation": "investigation (a)",
    "rvdk": "Board / judgment (b)",
    "gi": "family guardian",
    "care_foster_care": "foster care",
}

# Organisations (models/organisation.h), as staff and cost rows name them.
ORGANISATIONS = {
    "vt": "Veilig Thuis",
    "expertise": "specialised expertise (function a)",
    "rvdk": "Child Protection Board",
    "judgment": "independent judgment (function b)",
    "gi": "certified institutions (guardians)",
}

# Where the moved functions sit (structure.placement).
PLACEMENTS = {
    "baseline": "Today (baseline)",
    "regional": "Scenario 1: regional teams",
    "national": "Scenario 2: one national organisation",
}

# The headline KPIs, (name, stage) -> what they measure, in the words of the 2020 letter.
KPIS = {
    ("wait_days_mean", "vt_triage"): "Veilig Thuis assessment: wait before a worker starts",
    ("sojourn_days_mean", "vt_triage"): "Veilig Thuis assessment: time from report to outcome",
    ("share_within_deadline", "vt_triage"): "Veilig Thuis assessments within 5 working days",
    ("wait_days_mean", "vt_investigation"): "investigation (a): wait before a worker starts",
    ("sojourn_days_mean", "vt_investigation"): "investigation (a): time taken",
    ("share_within_deadline", "vt_investigation"): "investigations (a) within 10 weeks",
    ("wait_days_mean", "rvdk"): "Board / judgment (b): wait before a worker starts",
    ("sojourn_days_mean", "rvdk"): "Board / judgment (b): time taken",
    ("share_within_deadline", "rvdk"): "Board / judgment (b) started within 10 days",
    ("wait_days_mean", "gi"): "wait for a family guardian",
    ("share_within_deadline", "gi"): "guardian within 5 working days",
    ("report_to_measure_days_mean", "chain"): "report to measure (completed cases)",
    ("measure_to_care_days_mean", "chain"): "measure to care (completed cases)",
    ("children_without_guardian_mean", "chain"): "children without a guardian",
    ("guardian_changes_mean", "chain"): "guardian changes per child",
    ("caseload_per_guardian_mean", "chain"): "children per guardian",
    ("escalations_per_year", "chain"): "escalations a year",
    ("crisis_placements_per_year", "chain"): "crisis placements a year",
    ("waiting_children_mean", "care_foster_care"): "children waiting for foster care",
    ("wait_days_mean", "care_foster_care"): "wait for foster care",
}

# KPI names alone, for a KPI at a stage the table above does not list.
KPI_NAMES = {
    "wait_days_mean": "mean wait before a worker starts",
    "sojourn_days_mean": "mean time taken",
    "share_within_deadline": "share within the legal deadline",
    "waiting_children_mean": "children waiting",
    "turnover_rate_per_year": "staff turnover",
    "cost_per_year_euros": "staff cost a year",
    "utilisation": "utilisation",
}

# Units as a reader says them.
UNITS = {
    "days": "days",
    "share": "share",
    "children": "children",
    "children/year": "children a year",
    "1/year": "a year",
    "euros/year": "euros a year",
    "count": "count",
    "changes/child": "per child",
    "families": "families",
    "families/year": "families a year",
    "reports/year": "reports a year",
    "people/year": "people a year",
}

# Small words that stay lower case in a region's name.
_LOWER_WORDS = {"van", "en", "aan", "de", "den"}


def stage(code):
    """A stage's name in plain words; unknown codes are shown as words, never as codes."""
    return STAGES.get(code, code.replace("_", " "))


def short_stage(code):
    """A stage's short plain-English name for narrow axes (falls back to the full name)."""
    return SHORT_STAGES.get(code, stage(code))


def organisation(code):
    """An organisation's plain-English name from its code (e.g. the Board for ``rvdk``)."""
    return ORGANISATIONS.get(code, code.replace("_", " "))


def kpi(name, stage_code):
    """A KPI at a stage in plain words."""
    if (name, stage_code) in KPIS:
        return KPIS[(name, stage_code)]
    if stage_code in ORGANISATIONS and name in ("turnover_rate_per_year", "cost_per_year_euros"):
        return f"{organisation(stage_code)}: {KPI_NAMES[name]}"
    what = KPI_NAMES.get(name, name.replace("_", " "))
    return f"{stage(stage_code)}: {what}"


def unit(code):
    """A unit's plain-English words from its code (e.g. ``children/FTE``)."""
    return UNITS.get(code, code)


def region(code):
    """A region code (scenarios/regions/*.toml, e.g. "kop-van-noord-holland") as a name
    ("Kop van Noord-Holland")."""
    words = []
    for part in code.split("-"):
        if part in _LOWER_WORDS and words:
            words.append(" " + part + " ")
        elif part.startswith("ij"):
            words.append("IJ" + part[2:])
        else:
            words.append(part[:1].upper() + part[1:])
    text = ""
    for word in words:
        text += word if (not text or text.endswith(" ") or word.startswith(" ")) else "-" + word
    return text.strip()


def configuration(name, placement, placements):
    """A configuration's label: its placement's plain name when no other configuration of
    the figure shares that placement (the three shipped ones), else its name in words."""
    if placement in PLACEMENTS and list(placements).count(placement) == 1:
        return PLACEMENTS[placement]
    return name.replace("-", " ").replace("_", " ")


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _number(value):
    value = float(value)
    return f"{value:g}"


def caption(attrs, configurations):
    """The run facts under every figure, from a result file's root attributes: which
    scenario files, replications, seed, years and warm-up (and the software that made it).
    `configurations`: (label, path) pairs."""
    scenarios = "; ".join(f"{label} ({path})" for label, path in configurations)
    replications = int(attrs["replications"])
    facts = (f"Scenarios: {scenarios}. {replications} replication{'s' if replications != 1 else ''} of "
             f"{_number(attrs['years'])} years, the first {_number(attrs['warmup_years'])} years warm-up "
             f"(left out of every figure but the time series); seed {int(attrs['seed'])}; "
             f"ketensim {_text(attrs.get('software_version', '?'))}.")
    return facts


def add_caption(fig, text, top=1.0):
    """Lays the figure out (tight_layout) above `text`, written under it in small type and
    wrapped to the figure's width; `top`: the share of the height the axes may use (below a
    suptitle). Returns the caption's Text."""
    chars_per_line = int(fig.get_figwidth() * 20)  # 6.5 pt type: about 20 characters an inch
    lines = textwrap.wrap(text, width=chars_per_line, break_on_hyphens=False, break_long_words=False)
    room = (0.11 * len(lines) + 0.12) / fig.get_figheight()
    fig.tight_layout(rect=(0, room, 1, top))
    return fig.text(0.01, 0.008, "\n".join(lines), fontsize=6.5, ha="left", va="bottom", color="#333333")


def value_scale(unit_code, difference=False):
    """(factor, unit in words) to show values of `unit_code`: shares as percentages (a
    difference of shares in percentage points), euros in millions."""
    if unit_code == "share":
        return 100.0, "percentage points" if difference else "%"
    if unit_code == "euros/year":
        return 1e-6, "million euros a year"
    return 1.0, unit(unit_code)
