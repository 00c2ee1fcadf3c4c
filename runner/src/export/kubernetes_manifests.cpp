#include "export/kubernetes_manifests.hpp"

#include "sinks/sink_type.hpp"

#include <apirunner/error.hpp>

#include <Poco/Path.h>

#include <map>
#include <set>
#include <sstream>

namespace apirunner {
namespace {

// A YAML double-quoted scalar.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

// A DNS-1123 name of at most `limit` characters: lowercase letters, digits and '-'.
std::string dns_name(const std::string& text, std::size_t limit) {
    std::string name;
    for (char c : text) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (keep || (!name.empty() && name.back() != '-')) {
            name += keep ? lower : '-';
        }
    }
    name = name.substr(0, limit);
    while (!name.empty() && name.back() == '-') {
        name.pop_back();
    }
    return name;
}

// A CronJob takes five fields: a seconds field of 0 is dropped, any other is refused.
std::string five_fields(const JobSpec& job) {
    std::istringstream in(job.schedule);
    std::vector<std::string> fields;
    for (std::string field; in >> field;) {
        fields.push_back(field);
    }
    if (fields.size() != 6) {
        return job.schedule;
    }
    if (fields.front() != "0") {
        throw Error(ErrorKind::config,
                    "job '" + job.name + "': schedule '" + job.schedule +
                        "' has a seconds field; a Kubernetes CronJob runs at most once a "
                        "minute (write 0 seconds, or five fields)");
    }
    std::string five;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        five += (i > 1 ? " " : "") + fields[i];
    }
    return five;
}

class PodPaths {
  public:
    PodPaths(const JobsConfig& config, std::vector<std::string>& notes)
        : m_base(config.base_dir), m_notes(notes) {
        if (!m_base.empty() && m_base.back() != '/') {
            m_base += '/';
        }
    }

    // Where `path` (absolute, on this machine) is in the pod: under the data volume when it is
    // under the jobs file's folder here, as it is otherwise (and a note says to mount it).
    std::string of(const std::string& path, const std::string& what) {
        if (path.compare(0, m_base.size(), m_base) == 0) {
            return std::string(k_pod_data_dir) + "/" + path.substr(m_base.size());
        }
        m_notes.push_back(what + " is " + path +
                          ", outside the jobs file's folder: mount a volume at " +
                          Poco::Path(path).parent().toString() + " in the CronJobs");
        return path;
    }

  private:
    std::string m_base;
    std::vector<std::string>& m_notes;
};

struct SecretFile {
    std::string key;       // in the Secret apirunner-files
    std::string pod_path;  // where the pod reads it
};

std::vector<SecretFile> secret_files(const JobsConfig& config, PodPaths& paths) {
    std::vector<SecretFile> files;
    std::set<std::string> keys;
    for (const auto& [name, provider] : config.providers) {
        for (const auto& file : provider.secret_files) {
            std::string key = dns_name(Poco::Path(file).getFileName(), 200);
            for (int n = 2; key.empty() || keys.count(key); ++n) {
                key = dns_name(Poco::Path(file).getFileName(), 200) + "-" + std::to_string(n);
            }
            keys.insert(key);
            files.push_back(
                SecretFile{key, paths.of(file, "provider '" + name + "': the credential file")});
        }
    }
    return files;
}

void write_claim(std::ostream& out) {
    out << "apiVersion: v1\n"
           "kind: PersistentVolumeClaim\n"
           "metadata:\n"
           "  name: apirunner-data\n"
           "  labels: {app.kubernetes.io/name: apirunner}\n"
           "spec:\n"
           "  accessModes: [ReadWriteOnce]\n"
           "  resources:\n"
           "    requests: {storage: 1Gi}\n";
}

void write_cron_job(std::ostream& out, const JobSpec& job, const std::string& name,
                    const KubernetesExport& options, const std::vector<SecretFile>& files) {
    const std::string data = k_pod_data_dir;
    out << "apiVersion: batch/v1\n"
           "kind: CronJob\n"
           "metadata:\n"
           "  name: "
        << name
        << "\n"
           "  labels: {app.kubernetes.io/name: apirunner, apirunner.dev/job: "
        << dns_name(job.name, 63)
        << "}\n"
           "spec:\n"
           "  schedule: "
        << quoted(five_fields(job))
        << "\n"
           "  timeZone: "
        << quoted(job.timezone)
        << "\n"
           "  concurrencyPolicy: Forbid\n";
    if (!job.catch_up) {
        out << "  startingDeadlineSeconds: 300  # a time missed by more is not run late (catch_up: "
               "false)\n";
    }
    out << "  successfulJobsHistoryLimit: 3\n"
           "  failedJobsHistoryLimit: 3\n"
           "  jobTemplate:\n"
           "    spec:\n"
           "      backoffLimit: 0  # apirunner retries requests itself; the next run resumes from "
           "the checkpoint\n"
           "      template:\n"
           "        metadata:\n"
           "          labels: {app.kubernetes.io/name: apirunner, apirunner.dev/job: "
        << dns_name(job.name, 63)
        << "}\n"
           "        spec:\n"
           "          restartPolicy: Never\n"
           "          containers:\n"
           "            - name: apirunner\n"
           "              image: "
        << quoted(options.image)
        << "\n"
           "              workingDir: "
        << data
        << "\n"
           "              args: [run, "
        << quoted(job.name) << ", --config, " << quoted(data + "/" + options.config_file_name)
        << ", --log-format, json]\n";
    if (!options.variables.empty()) {
        out << "              env:\n";
        for (const auto& variable : options.variables) {
            out << "                - name: " << variable << "\n"
                << "                  valueFrom: {secretKeyRef: {name: apirunner-secrets, key: "
                << variable
                << ", optional: true}}\n";  // unset, apirunner names it (or takes its :-default)
        }
    }
    out << "              volumeMounts:\n"
           "                - {name: data, mountPath: "
        << data
        << "}\n"
           "                - {name: config, mountPath: "
        << quoted(data + "/" + options.config_file_name)
        << ", subPath: " << quoted(options.config_file_name) << ", readOnly: true}\n";
    for (const auto& file : files) {
        out << "                - {name: secret-files, mountPath: " << quoted(file.pod_path)
            << ", subPath: " << file.key << ", readOnly: true}\n";
    }
    out << "          volumes:\n"
           "            - name: data\n"
           "              persistentVolumeClaim: {claimName: apirunner-data}\n"
           "            - name: config\n"
           "              configMap: {name: apirunner-config}\n";
    if (!files.empty()) {
        out << "            - name: secret-files\n"
               "              secret: {secretName: apirunner-files, defaultMode: 0400}\n";
    }
}

void write_header(std::ostream& out, const JobsConfig& config, const KubernetesExport& options,
                  const std::vector<SecretFile>& files) {
    out << "# Made by `apirunner export kubernetes` from " << config.path
        << ". Before `kubectl apply -f`:\n"
        << "#   kubectl create configmap apirunner-config --from-file=" << options.config_file_name
        << "=" << config.path << "\n";
    if (!options.variables.empty()) {
        out << "#   kubectl create secret generic apirunner-secrets";
        for (const auto& variable : options.variables) {
            out << " --from-literal=" << variable << "=...";
        }
        out << "\n";
    }
    if (!files.empty()) {
        out << "#   kubectl create secret generic apirunner-files";
        for (const auto& file : files) {
            out << " --from-file=" << file.key << "=...";
        }
        out << "\n";
    }
    out << "# The CronJobs share the claim apirunner-data (state database, tokens, checkpoints, "
           "outputs):\n"
           "# with ReadWriteOnce their pods must run on one node; SQLite needs a local, not a "
           "network, disk.\n";
}

}  // namespace

std::string kubernetes_manifests(const JobsConfig& config, const KubernetesExport& options,
                                 std::vector<std::string>& notes) {
    PodPaths paths(config, notes);
    paths.of(config.state_path, "the state database");
    for (const auto& [name, sink] : config.sinks) {
        for (const auto& file : sink.type->files(sink)) {
            paths.of(file, "sink '" + name + "'");
        }
    }
    const std::vector<SecretFile> files = secret_files(config, paths);
    std::ostringstream out;
    write_header(out, config, options, files);
    out << "---\n";
    write_claim(out);
    std::set<std::string> names;
    for (const JobSpec& job : config.jobs) {
        if (job.schedule.empty()) {
            continue;
        }
        std::string name =
            "apirunner-" + dns_name(job.name, 42);  // a CronJob's name has at most 52
        for (int n = 2; names.count(name); ++n) {
            name = "apirunner-" + dns_name(job.name, 40) + "-" + std::to_string(n);
        }
        names.insert(name);
        if (job.on_overlap == OnOverlap::queue) {
            notes.push_back("job '" + job.name +
                            "': on_overlap: queue has no CronJob equivalent; a time that comes "
                            "while it runs is skipped (concurrencyPolicy: Forbid)");
        }
        out << "---\n";
        write_cron_job(out, job, name, options, files);
    }
    if (names.empty()) {
        throw Error(ErrorKind::config,
                    "no job in " + config.path + " has a schedule: there is no CronJob to make");
    }
    return out.str();
}

}  // namespace apirunner
