// SPDX-License-Identifier: MIT
// `ketensim tipping SCENARIO --vary KEY --range LOW:HIGH`: the value of a key at which the
// waiting lists stop settling, by bisection over replications (docs/workforce.md).
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/number_format.h"
#include "cli/progress_line.h"
#include "cli/run_options.h"
#include "models/tipping_point.h"

namespace ketensim::cli {
namespace {

std::vector<Arguments::Option> tipping_options() {
  std::vector<Arguments::Option> options;
  for (auto& option : run_option_list()) {
    // One result file per value would be noise; the search prints what it found.
    if (option.long_name == "--output" || option.long_name == "--events" || option.long_name == "--first-replication") continue;
    options.push_back(option);
  }
  const std::vector<Arguments::Option> own = {
      {"--vary", "", true, "KEY: the scenario key to vary (a continuous key, e.g. inflow.vt_reports_per_year)"},
      {"--range", "", true, "LOW:HIGH: the values to search between"},
      {"--steps", "", true, "bisection steps after the two ends (default 6)"},
      {"--trend-years", "", true, "years at the end of the run whose trend is tested (default: all after the warm-up)"},
      {"--min-growth", "", true, "SHARE: the trend must significantly exceed SHARE x the children entering the stages a year (default 0.001)"},
  };
  options.insert(options.end() - 1, own.begin(), own.end());
  return options;
}

// Values of the varied key, with enough digits to tell the bracket's ends apart.
std::string format_value(double value, double resolution) {
  std::ostringstream out;
  int digits = 0;
  while (digits < 6 && resolution > 0 && resolution * std::pow(10.0, digits) < 10) ++digits;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string format_p(double p) {
  if (p < 0.001) return "<0.001";
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << p;
  return out.str();
}

double parse_number(const std::string& text, const std::string& what) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value)) {
    throw UsageError("ketensim tipping: " + what + " = '" + text + "': expected a number");
  }
  return value;
}

std::size_t whole_number(const Arguments& args, const std::string& option, double fallback, double least, double most) {
  const double value = args.number(option).value_or(fallback);
  if (!(value >= least && value <= most) || std::floor(value) != value) {
    throw UsageError("ketensim tipping: " + option + " = " + *args.value(option) + ": expected a whole number from " +
                     format_number(least) + " to " + format_number(most));
  }
  return static_cast<std::size_t>(value);
}

}  // namespace

int tipping_command(const std::vector<std::string>& words) {
  Arguments args("tipping", tipping_options());
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim tipping SCENARIO --vary KEY --range LOW:HIGH [options]\n\n"
                 "Finds the value of KEY at which the waiting lists stop settling. Each value is run\n"
                 "with the scenario's seed and replications (common random numbers); per replication the\n"
                 "children waiting at vt_triage, vt_investigation, rvdk and gi (national) get a least-squares\n"
                 "slope over the last years of the run, and the waiting lists do not settle when the mean\n"
                 "slope is significantly above a floor (one-sided t test at 5% over the replications; the\n"
                 "floor is --min-growth x the children entering those stages a year). LOW and\n"
                 "HIGH must get different verdicts (either way round: an inflow tips when raised, a\n"
                 "staffing level when lowered); then the bracket is halved --steps times.\n"
                 "Exit code 4 when the range does not bracket a tipping point. See docs/workforce.md.\n\n"
              << args.options_help();
    return success;
  }
  if (args.positional().size() != 1) throw UsageError("ketensim tipping: expected one scenario file (see --help)");
  const auto key = args.value("--vary");
  if (!key) throw UsageError("ketensim tipping: --vary KEY is required (see --help)");
  const auto range = args.value("--range");
  if (!range) throw UsageError("ketensim tipping: --range LOW:HIGH is required (see --help)");
  const auto colon = range->find(':');
  if (colon == std::string::npos) throw UsageError("ketensim tipping: --range = '" + *range + "': expected LOW:HIGH");
  const double low = parse_number(range->substr(0, colon), "--range LOW");
  const double high = parse_number(range->substr(colon + 1), "--range HIGH");
  if (!(low < high)) throw UsageError("ketensim tipping: --range = '" + *range + "': expected LOW < HIGH");
  const std::size_t steps = whole_number(args, "--steps", 6, 0, 40);
  model::TrendCriterion criterion;
  if (const auto years = args.number("--trend-years")) {
    if (!(*years > 0)) throw UsageError("ketensim tipping: --trend-years = " + *args.value("--trend-years") + ": must be > 0");
    criterion.trend_years = *years;
  }
  if (const auto share = args.number("--min-growth")) {
    if (!(*share >= 0 && *share < 1)) {
      throw UsageError("ketensim tipping: --min-growth = " + *args.value("--min-growth") + ": must be >= 0 and < 1");
    }
    criterion.min_growth_share = *share;
  }

  const model::Scenario scenario = load_with_overrides(args.positional()[0], args, "tipping");
  // Both ends must be valid values of the key before anything runs.
  for (const double value : {low, high}) {
    model::Scenario probe = scenario;
    model::set_parameter(probe, *key, value, "--range");
    model::check_cross_field_rules(probe);
  }
  const bool quiet = args.has("--quiet");
  model::RunOptions options = engine_options(args, "tipping");
  ProgressLine progress(!quiet);
  options.progress = [&progress](const model::Progress& p) { progress.update(p); };
  const auto evaluate = model::scenario_evaluator(scenario, *key, criterion, options);

  const auto& p = scenario.parameters.run;
  const auto window = model::trend_window_days(p.years, p.warmup_years, criterion);
  const double resolution = (high - low) / std::pow(2.0, static_cast<double>(steps));
  std::cout << "Tipping point of " << *key << " in " << (scenario.name.empty() ? scenario.path : scenario.name) << " ("
            << scenario.path << ")\n"
            << "criterion: children waiting at vt_triage + vt_investigation + rvdk + gi (national); per replication the\n"
            << "  least-squares slope over days " << format_number(window.first) << " to " << format_number(window.second)
            << "; does not settle when mean - margin > floor,\n  margin = t(0.95, R-1) s / sqrt(R) (one-sided t test at 5%), floor = "
            << criterion.min_growth_share << " x the children entering those stages a year\n"
            << "runs: " << p.replications << " replications of " << format_number(p.years) << " years (warm-up "
            << format_number(p.warmup_years) << "), seed " << static_cast<std::uint64_t>(p.seed)
            << ", the same random numbers for every value\n\n";
  std::cout << std::left << std::setw(6) << "step" << std::setw(16) << "value" << std::setw(26)
            << "slope (children/yr)" << std::setw(10) << "floor" << std::setw(9) << "p" << std::setw(8) << "rising" << std::setw(24) << "waiting start -> end" << std::setw(18)
            << "verdict" << "time\n"
            << std::string(122, '-') << "\n";
  const auto started = std::chrono::steady_clock::now();
  const model::TippingSearch search = model::find_tipping_point(
      *key, low, high, steps, evaluate, [&](const std::string& label, const model::TrendVerdict& v) {
        progress.finish();
        std::ostringstream slope;
        slope << (v.slope_mean > 0 ? "+" : "") << format_number(v.slope_mean) << " ± " << format_number(v.margin);
        std::size_t rising = 0;
        for (const double s : v.slopes) rising += s > v.floor_per_year ? 1 : 0;
        std::cout << std::left << std::setw(6) << label << std::setw(16) << format_value(v.value, resolution)
                  << std::setw(26) << slope.str() << std::setw(10) << format_number(v.floor_per_year) << std::setw(9)
                  << format_p(v.p_value) << std::setw(8)
                  << (std::to_string(rising) + "/" + std::to_string(v.slopes.size())) << std::setw(24)
                  << (format_number(v.waiting_start_mean) + " -> " + format_number(v.waiting_end_mean)) << std::setw(18)
                  << (v.settles ? "settles" : "does not settle") << format_number(v.wall_seconds) << " s" << std::endl;
      });
  progress.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "\n";
  if (!search.bracketed()) {
    const bool settles = search.evaluations.front().settles;
    std::cout << "No tipping point in " << *range << ": " << (settles ? "both ends settle" : "neither end settles")
              << ". Widen the range.\n"
              << "searched in " << format_number(seconds) << " s\n";
    return no_tipping_point;
  }
  const bool above = *search.direction == model::TippingDirection::above;
  std::cout << "Tipping point: " << *key << " = " << format_value(search.estimate(), resolution) << " ± "
            << format_value(search.half_width(), resolution) << " (settles at "
            << format_value(search.settles_at, resolution) << ", does not settle at "
            << format_value(search.tips_at, resolution) << ")\n"
            << "The waiting lists stop settling when " << *key << " is " << (above ? "raised above" : "lowered below")
            << " this value.\n"
            << "The ± is half the final bracket, the resolution of the bisection for this seed and these\n"
            << "replications; near the tipping point the verdict itself is uncertain (see the p values):\n"
            << "another seed or more replications can move it by more than the bracket.\n"
            << "searched in " << format_number(seconds) << " s (" << search.evaluations.size() << " evaluations)\n";
  return success;
}

}  // namespace ketensim::cli
