#include "extract/integrity_audit.hpp"

namespace apirunner {

std::vector<std::string> audit_run(const AuditFacts& facts) {
    std::vector<std::string> doubts;
    const Totals& totals = facts.totals;
    if (totals.first && totals.last && *totals.first != *totals.last) {
        doubts.push_back("the total changed during the run, from " + std::to_string(*totals.first) +
                         " to " + std::to_string(*totals.last));
    }
    if (totals.last && facts.records < *totals.last) {
        doubts.push_back(std::to_string(facts.records) + " records arrived of the " +
                         std::to_string(*totals.last) + " the provider announced");
    }
    if (facts.distinct_keys && *facts.distinct_keys < facts.records) {
        doubts.push_back(std::to_string(facts.records - *facts.distinct_keys) +
                         " records repeated a primary key already seen in this run (" +
                         std::to_string(*facts.distinct_keys) + " different keys)");
    }
    return doubts;
}

}  // namespace apirunner
