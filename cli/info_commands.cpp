// SPDX-License-Identifier: MIT
// `ketensim check` (validate a scenario) and `ketensim keys` (list every scenario key).
#include <cmath>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/run_options.h"
#include "cli/staff_table.h"
#include "models/parameter_table.h"
#include "models/run_memory.h"
#include "models/scenario.h"

namespace ketensim::cli {

int check_command(const std::vector<std::string>& words) {
  Arguments args("check", {{"--set", "", true, "KEY=VALUE: change a numeric key (repeatable), as in run"},
                           {"--max-memory", "", true, "refuse a run whose results need more (e.g. 4G; default: this machine's memory)"},
                           {"--help", "-h", false, "show this help"}});
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim check SCENARIO [--set KEY=VALUE ...] [--max-memory SIZE]\n\nValidates a scenario without\n"
                 "running it, including whether its results fit in memory, and prints its staff per\n"
                 "organisation with the yearly cost.\n\n" << args.options_help();
    return success;
  }
  if (args.positional().size() != 1) throw UsageError("ketensim check: expected one scenario file");
  const auto scenario = load_with_overrides(args.positional()[0], args, "check");
  if (const auto text = args.value("--max-memory")) {
    const auto limit = model::parse_memory_size(*text);
    if (!limit) throw UsageError("ketensim check: --max-memory " + *text + ": expected a size such as 4G, 512M or a byte count");
    model::check_run_memory(scenario, *limit, "--max-memory " + *text);
  } else if (const auto physical = model::physical_memory_bytes()) {
    model::check_run_memory(scenario, *physical, "this machine's memory");
  }
  std::cout << scenario.path << ": ok (" << scenario.regions.regions.size() << " regions, "
            << scenario.parameters.run.replications << " replications of " << scenario.parameters.run.years
            << " years)\n";
  print_staff(std::cout, {scenario.name}, {scenario});
  return success;
}

int keys_command(const std::vector<std::string>& words) {
  Arguments args("keys", {{"--markdown", "", false, "print a Markdown table"}, {"--help", "-h", false, "show this help"}});
  args.parse(words);
  if (args.has("--help")) {
    std::cout << "usage: ketensim keys [--markdown]\n\nLists every numeric scenario key with unit, default and source.\n\n"
              << args.options_help();
    return success;
  }
  if (args.has("--markdown")) {
    std::cout << model::parameter_table_markdown();
    return success;
  }
  for (const auto& spec : model::parameter_table()) {
    std::cout << spec.key << " = ";
    if (std::isnan(spec.default_value)) {
      std::cout << "derived";
    } else {
      std::cout << spec.default_value;
    }
    std::cout << "  [" << spec.unit << "]  " << spec.source << "\n";
  }
  return success;
}

}  // namespace ketensim::cli
