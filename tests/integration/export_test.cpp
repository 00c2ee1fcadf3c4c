// apirunner export kubernetes: the manifests it prints are read back with yaml-cpp and checked
// against what Kubernetes requires of a CronJob and what the job needs in its pod.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

using namespace itest;

namespace {

// The sandbox's MediaMath job on a six-field schedule with 0 seconds, in Brussels, its client
// secret read from a file, next to a manual job.
std::string exported_jobs(const Sandbox& sandbox, const std::string& schedule) {
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.replace(jobs.find("client_secret: SENTINEL-mm-client-secret"), 40,
                 "client_secret_file: secrets/mm_secret");
    jobs.insert(
        jobs.find("  orgs:\n") + 8,
        "    schedule: \"" + schedule + "\"\n    timezone: Europe/Brussels\n    catch_up: true\n");
    jobs +=
        "  manual:\n"
        "    provider: mediamath\n"
        "    request: {path: /api/v3.0/organizations}\n"
        "    output: [{sink: files, mode: replace}]\n";
    return jobs;
}

std::vector<std::string> strings(const YAML::Node& sequence) {
    std::vector<std::string> items;
    for (const auto& item : sequence) {
        items.push_back(item.as<std::string>());
    }
    return items;
}

}  // namespace

TEST_CASE(
    "export kubernetes: a CronJob per scheduled job that Kubernetes takes and that has what the "
    "job needs") {
    Sandbox sandbox;
    Workdir work;
    work.write("secrets/mm_secret", "SENTINEL-mm-client-secret\n");
    work.write("jobs.yaml", exported_jobs(sandbox, "0 30 2 * * 1-5"));
    const Finished exported = work.apirunner({"export", "kubernetes", "--config", "jobs.yaml",
                                              "--image", "registry.example.com/apirunner:1.0"},
                                             {{"MM_PASSWORD", "SENTINEL-mm-password"}});
    REQUIRE(exported.exit_code == 0);
    const std::vector<YAML::Node> documents = YAML::LoadAll(exported.out);
    REQUIRE(documents.size() == 2);  // the claim, and one CronJob: the manual job has none
    CHECK(documents[0]["kind"].as<std::string>() == "PersistentVolumeClaim");
    CHECK(documents[0]["metadata"]["name"].as<std::string>() == "apirunner-data");

    const YAML::Node cron = documents[1];
    CHECK(cron["apiVersion"].as<std::string>() == "batch/v1");
    CHECK(cron["kind"].as<std::string>() == "CronJob");
    const std::string name = cron["metadata"]["name"].as<std::string>();
    CHECK(name.size() <= 52);
    CHECK(std::regex_match(name, std::regex("[a-z0-9]([-a-z0-9]*[a-z0-9])?")));
    CHECK(cron["spec"]["schedule"].as<std::string>() == "30 2 * * 1-5");
    CHECK(cron["spec"]["timeZone"].as<std::string>() == "Europe/Brussels");
    CHECK(cron["spec"]["concurrencyPolicy"].as<std::string>() == "Forbid");
    CHECK_FALSE(cron["spec"]["startingDeadlineSeconds"]);  // catch_up: true lets Kubernetes run a
                                                           // missed time

    const YAML::Node pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    CHECK(pod["restartPolicy"].as<std::string>() == "Never");
    REQUIRE(pod["containers"].size() == 1);
    const YAML::Node container = pod["containers"][0];
    CHECK(container["image"].as<std::string>() == "registry.example.com/apirunner:1.0");
    CHECK(strings(container["args"]) == std::vector<std::string>{"run", "orgs", "--config",
                                                                 "/var/lib/apirunner/jobs.yaml",
                                                                 "--log-format", "json"});
    REQUIRE(container["env"].size() == 1);
    CHECK(container["env"][0]["name"].as<std::string>() == "MM_PASSWORD");
    CHECK(container["env"][0]["valueFrom"]["secretKeyRef"]["name"].as<std::string>() ==
          "apirunner-secrets");
    CHECK(container["env"][0]["valueFrom"]["secretKeyRef"]["key"].as<std::string>() ==
          "MM_PASSWORD");

    std::set<std::string> volumes;
    for (const auto& volume : pod["volumes"]) {
        volumes.insert(volume["name"].as<std::string>());
    }
    std::map<std::string, std::string> mounts;  // path -> volume
    for (const auto& mount : container["volumeMounts"]) {
        CHECK(volumes.count(mount["name"].as<std::string>()) == 1);
        mounts[mount["mountPath"].as<std::string>()] = mount["name"].as<std::string>();
    }
    CHECK(mounts["/var/lib/apirunner"] == "data");
    CHECK(mounts["/var/lib/apirunner/jobs.yaml"] == "config");
    CHECK(mounts["/var/lib/apirunner/secrets/mm_secret"] == "secret-files");
    CHECK_THAT(
        exported.out,
        Catch::Contains("kubectl create secret generic apirunner-files --from-file=mm-secret="));
}

TEST_CASE("export kubernetes refuses a seconds schedule a CronJob cannot hold, naming the job") {
    Sandbox sandbox;
    Workdir work;
    work.write("secrets/mm_secret", "SENTINEL-mm-client-secret\n");
    work.write("jobs.yaml", exported_jobs(sandbox, "*/2 * * * * *"));
    const Finished exported = work.apirunner({"export", "kubernetes", "--config", "jobs.yaml"});
    CHECK(exported.exit_code == 78);
    CHECK_THAT(exported.err,
               Catch::Contains("job 'orgs': schedule '*/2 * * * * *' has a seconds field"));
    CHECK(exported.out.empty());

    const Finished unknown = work.apirunner({"export", "nomad", "--config", "jobs.yaml"});
    CHECK(unknown.exit_code == 64);
    CHECK_THAT(unknown.err, Catch::Contains("apirunner export kubernetes"));
}
