// apirunner export kubernetes: prints the CronJobs (and the claim they share) for the jobs file.
// The file must load here, as `apirunner validate` would take it: the ${VAR}s it reads become
// the pods' secretKeyRefs.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "config/config_loader.hpp"
#include "export/kubernetes_manifests.hpp"
#include "log/redactor.hpp"

#include <Poco/Path.h>

#include <set>

namespace apirunner {

int export_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    if (options.arguments.size() != 1 || options.arguments.front() != "kubernetes") {
        err << "apirunner: export needs a target: `apirunner export kubernetes [--image IMAGE]`\n";
        return Poco::Util::Application::EXIT_USAGE;
    }
    std::set<std::string> variables;
    const EnvLookup environment = process_environment();
    const LoadedConfig loaded = load_config(options.config_path, [&](const std::string& name) {
        variables.insert(name);
        return environment(name);
    });
    if (!loaded.problems.empty()) {
        err << options.config_path << ": " << loaded.problems.size()
            << " problems; `apirunner validate` shows them\n";
        for (const auto& problem : loaded.problems) {
            err << "  " << redactor().redact(problem.to_string()) << "\n";
        }
        return exit_code_for(ErrorKind::config);
    }
    KubernetesExport target;
    target.image =
        options.image.empty() ? std::string("apirunner:") + APIRUNNER_VERSION : options.image;
    target.config_file_name = Poco::Path(loaded.config.path).getFileName();
    target.variables.assign(variables.begin(), variables.end());
    std::vector<std::string> notes;
    try {
        out << kubernetes_manifests(loaded.config, target, notes);
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
    for (const auto& note : notes) {
        err << "apirunner: export: note: " << note << "\n";
    }
    return 0;
}

}  // namespace apirunner
