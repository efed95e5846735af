// SPDX-License-Identifier: MIT
#include "cli/staff_table.h"

#include <iomanip>

#include "cli/number_format.h"
#include "models/moved_staff.h"

namespace ketensim::cli {

void print_staff(std::ostream& out, const std::vector<std::string>& names, const std::vector<model::Scenario>& scenarios) {
  using model::Organisation;
  const std::vector<Organisation> rows = {Organisation::vt, Organisation::expertise, Organisation::rvdk,
                                          Organisation::judgment, Organisation::gi};
  std::vector<std::vector<model::OrganisationStaff>> staff;
  for (const auto& scenario : scenarios) staff.push_back(model::staff_by_organisation(scenario));
  out << "\nStaff at the start: FTE (yearly cost in million euros, FTE x workforce.salary_per_fte_year_euros)\n";
  out << std::left << std::setw(22) << "organisation";
  for (const auto& name : names) out << std::setw(24) << name.substr(0, 23);
  out << "\n" << std::string(22 + 24 * names.size(), '-') << "\n";
  auto cell = [](double fte, double cost) { return format_number(fte) + " (" + format_number(cost / 1e6) + ")"; };
  for (const Organisation organisation : rows) {
    out << std::setw(22) << model::organisation_label(organisation);
    for (const auto& configuration : staff) {
      std::string text = "-";
      for (const auto& line : configuration) {
        if (line.organisation == organisation) text = cell(line.fte, line.yearly_cost_euros);
      }
      out << std::setw(24) << text;
    }
    out << "\n";
  }
  // Totals per family (VT with function (a), the RvdK with function (b)): equal when the moved
  // staff comes out of the baseline organisations.
  for (const Organisation family : {Organisation::vt, Organisation::rvdk}) {
    out << std::setw(22) << (model::organisation_label(family) + " + " + model::organisation_label(family == Organisation::vt ? Organisation::expertise : Organisation::judgment)).substr(0, 21);
    for (const auto& configuration : staff) {
      double fte = 0, cost = 0;
      for (const auto& line : configuration) {
        if (model::staff_family(line.organisation) == family) fte += line.fte, cost += line.yearly_cost_euros;
      }
      out << std::setw(24) << cell(fte, cost);
    }
    out << "\n";
  }
  out << std::setw(22) << "total";
  for (const auto& configuration : staff) {
    double fte = 0, cost = 0;
    for (const auto& line : configuration) fte += line.fte, cost += line.yearly_cost_euros;
    out << std::setw(24) << cell(fte, cost);
  }
  out << "\n";
}

}  // namespace ketensim::cli
