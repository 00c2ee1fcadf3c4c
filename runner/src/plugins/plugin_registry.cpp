#include "plugins/plugin_registry.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/filesystem.hpp>

#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <cstdlib>

#ifndef APIRUNNER_INSTALL_PLUGIN_DIR
#define APIRUNNER_INSTALL_PLUGIN_DIR "/usr/local/lib/apirunner"
#endif

namespace apirunner {

namespace fs = boost::filesystem;

std::vector<std::string> PluginRegistry::search_path(
    const std::vector<std::string>& from_command_line) {
    std::vector<std::string> folders = from_command_line;
    if (const char* env = std::getenv("APIRUNNER_PLUGIN_PATH")) {
        Poco::StringTokenizer parts(env, ":", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        folders.insert(folders.end(), parts.begin(), parts.end());
    }
    const fs::path binary_dir = boost::dll::program_location().parent_path();
    folders.push_back(binary_dir.string());
    folders.push_back((binary_dir / ".." / "lib" / "apirunner").lexically_normal().string());
    folders.push_back(APIRUNNER_INSTALL_PLUGIN_DIR);
    return folders;
}

void PluginRegistry::discover(const std::vector<std::string>& folders) {
    std::vector<std::string> seen;
    for (const auto& folder : folders) {
        boost::system::error_code error;
        const fs::path canonical = fs::canonical(folder, error);
        if (error || !fs::is_directory(canonical) ||
            std::find(seen.begin(), seen.end(), canonical.string()) != seen.end()) {
            continue;
        }
        seen.push_back(canonical.string());
        std::vector<std::string> candidates;
        for (const auto& entry : fs::directory_iterator(canonical, error)) {
            const std::string file = entry.path().filename().string();
            if (file.rfind("libapirunner_", 0) == 0 && entry.path().extension() == ".so" &&
                file != "libapirunner_sdk.so") {
                candidates.push_back(entry.path().string());
            }
        }
        std::sort(candidates.begin(), candidates.end());
        for (const auto& path : candidates) {
            consider(path);
        }
    }
}

void PluginRegistry::consider(const std::string& path) {
    try {
        LoadedPlugin plugin = load_plugin(path);
        if (const LoadedPlugin* earlier = find(plugin.name())) {
            m_refused.push_back({path, "shadowed by " + earlier->path});
            return;
        }
        m_plugins.push_back(std::move(plugin));
    } catch (const PluginRefused& refused) {
        m_refused.push_back({path, refused.what()});
    }
}

const LoadedPlugin* PluginRegistry::find(const std::string& name) const {
    for (const auto& plugin : m_plugins) {
        if (plugin.name() == name) {
            return &plugin;
        }
    }
    return nullptr;
}

}  // namespace apirunner
