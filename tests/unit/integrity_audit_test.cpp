#include "extract/integrity_audit.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("a run whose total held and whose keys are all different raises no doubt") {
    CHECK(audit_run(AuditFacts{100, Totals{100, 100}, 100}).empty());
    CHECK(audit_run(AuditFacts{7, Totals{}, std::nullopt}).empty());
}

TEST_CASE("the audit names a total that moved, records short of the total, and repeated keys") {
    CHECK(audit_run(AuditFacts{100, Totals{100, 105}, 100}) ==
          std::vector<std::string>{"the total changed during the run, from 100 to 105",
                                   "100 records arrived of the 105 the provider announced"});
    CHECK(audit_run(AuditFacts{105, Totals{100, 105}, 100}) ==
          std::vector<std::string>{
              "the total changed during the run, from 100 to 105",
              "5 records repeated a primary key already seen in this run (100 different keys)"});
}
