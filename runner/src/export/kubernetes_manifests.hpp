// `apirunner export kubernetes`: the jobs file as Kubernetes objects, so the same file runs as
// CronJobs when one machine is not enough. One CronJob per scheduled job (concurrencyPolicy
// Forbid, the job's timeZone), each pod running `apirunner run JOB` with:
//   - the jobs file from the ConfigMap apirunner-config, at /var/lib/apirunner/<file name>;
//   - the PersistentVolumeClaim apirunner-data at /var/lib/apirunner, where relative paths land
//     (the state database with its tokens and checkpoints, the outputs);
//   - each ${VAR} the file reads from the Secret apirunner-secrets (secretKeyRef, key VAR);
//   - each *_file credential from the Secret apirunner-files, mounted at the path it names.
#pragma once

#include "config/jobs_config.hpp"

#include <string>
#include <vector>

namespace apirunner {

struct KubernetesExport {
    std::string image;                   // the container image with apirunner and its plugins
    std::string config_file_name;        // the jobs file's name, its key in the ConfigMap
    std::vector<std::string> variables;  // the ${VAR} names the file reads
};

// Where the data volume is mounted, and the pods' working directory.
constexpr const char* k_pod_data_dir = "/var/lib/apirunner";

// The objects as one multi-document YAML text: a PersistentVolumeClaim, then the CronJobs.
// `notes` gets what the user must do by hand (a path outside the data volume). Throws
// Error(config) naming a job whose schedule a CronJob cannot hold (a seconds field other than 0).
std::string kubernetes_manifests(const JobsConfig& config, const KubernetesExport& options,
                                 std::vector<std::string>& notes);

}  // namespace apirunner
