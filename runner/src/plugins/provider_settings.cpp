#include "plugins/provider_settings.hpp"
#include "plugins/settings_validator.hpp"

namespace apirunner {

std::optional<Settings> resolve_provider_settings(const ProviderSpec& provider,
                                                  const PluginRegistry& registry,
                                                  ConfigProblems& problems) {
    const std::string where = "providers." + provider.name;
    const LoadedPlugin* plugin = registry.find(provider.plugin);
    if (!plugin) {
        std::vector<std::string> names;
        for (const auto& found : registry.plugins()) {
            names.push_back(found.name());
        }
        problems.push_back({where + ".plugin", "no plugin named '" + provider.plugin +
                                                   "' was found" +
                                                   did_you_mean(provider.plugin, names) +
                                                   "; `apirunner plugins` lists them"});
        return std::nullopt;
    }
    const std::size_t before = problems.size();
    auto values = validate_settings(*plugin->descriptor, provider.settings, where, problems);
    if (problems.size() != before) {
        return std::nullopt;
    }
    return Settings(std::move(values));
}

}  // namespace apirunner
