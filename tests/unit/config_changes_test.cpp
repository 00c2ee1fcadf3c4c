// What the daemon says changed when SIGHUP makes it read the jobs file again.
#include "config/config_changes.hpp"
#include "sinks/sink_type.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

JobsConfig config_with(std::vector<JobSpec> jobs) {
    JobsConfig config;
    config.sinks["warehouse"] = SinkSpec{"warehouse", find_sink_type("sqlite"), {}};
    config.sinks["warehouse"].fields.set_text("path", "out/extracts.sqlite");
    config.jobs = std::move(jobs);
    return config;
}

JobSpec job(const std::string& name, const std::string& schedule) {
    JobSpec spec;
    spec.name = name;
    spec.provider = "mediamath";
    spec.schedule = schedule;
    spec.request.path = "/api/v3.0/" + name;
    spec.outputs.push_back(OutputSpec{"warehouse", OutputMode::merge, {}});
    spec.outputs.back().fields.set_text("table", name);
    return spec;
}

}  // namespace

TEST_CASE("the same file again changes nothing") {
    const JobsConfig config = config_with({job("orgs", "0 2 * * *")});
    CHECK(config_changes(config, config).empty());
}

TEST_CASE("added, removed and rescheduled jobs are each named") {
    const JobsConfig before = config_with({job("orgs", "0 2 * * *"), job("users", "0 3 * * *")});
    JobsConfig after = config_with({job("orgs", "30 2 * * *"), job("campaigns", "")});
    after.max_parallel_jobs = 4;
    CHECK(config_changes(before, after) ==
          std::vector<std::string>{
              "max_parallel_jobs 2 -> 4",
              "job 'orgs': schedule '0 2 * * *' UTC -> '30 2 * * *' UTC",
              "job 'campaigns' added, schedule (manual)",
              "job 'users' removed",
          });
}

TEST_CASE("a changed request, paging or output is told as a job that starts over") {
    const JobsConfig before = config_with({job("orgs", "0 2 * * *")});
    JobsConfig after = before;
    after.jobs[0].request.params.emplace_back("sort_by", "id");
    after.jobs[0].timezone = "Europe/Brussels";
    after.jobs[0].on_overlap = OnOverlap::queue;
    CHECK(config_changes(before, after) ==
          std::vector<std::string>{
              "job 'orgs': schedule '0 2 * * *' UTC -> '0 2 * * *' Europe/Brussels",
              "job 'orgs': on_overlap skip -> queue",
              "job 'orgs': its provider, requests, paging or outputs changed (its next run starts "
              "over)",
          });
}

TEST_CASE("a provider whose settings changed is named, and none of its values") {
    JobsConfig before = config_with({job("orgs", "0 2 * * *")});
    before.providers["mediamath"].settings["password"] =
        SettingValue{"providers.mediamath.credentials.password", "old-secret"};
    JobsConfig after = before;
    after.providers["mediamath"].settings["password"].text = "new-secret";
    after.providers["openx"].plugin = "openx";
    const auto changes = config_changes(before, after);
    CHECK(changes == std::vector<std::string>{
                         "provider 'mediamath': its settings changed (runs from now on use them)",
                         "provider 'openx' added"});
}
