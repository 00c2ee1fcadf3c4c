// Every plugin found on the search path, and every file that was refused with the reason.
#pragma once

#include "plugins/plugin_library.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct RefusedPlugin {
    std::string path;
    std::string reason;
};

class PluginRegistry {
  public:
    // --plugin-path entries, then $APIRUNNER_PLUGIN_PATH (colon-separated), then the folder of
    // the running binary and its ../lib/apirunner, then the install prefix's lib/apirunner.
    static std::vector<std::string> search_path(const std::vector<std::string>& from_command_line);

    // Loads every libapirunner_*.so (the SDK itself excepted) in those folders. The first
    // plugin of a name wins; later ones of the same name are refused as shadowed.
    void discover(const std::vector<std::string>& folders);

    const std::vector<LoadedPlugin>& plugins() const { return m_plugins; }
    const std::vector<RefusedPlugin>& refused() const { return m_refused; }
    const LoadedPlugin* find(const std::string& name) const;

  private:
    void consider(const std::string& path);

    std::vector<LoadedPlugin> m_plugins;
    std::vector<RefusedPlugin> m_refused;
};

}  // namespace apirunner
