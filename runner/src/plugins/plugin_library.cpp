#include "plugins/plugin_library.hpp"

#include <cstring>

namespace apirunner {
namespace {

constexpr const char* k_alias = "apirunner_plugin";

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw PluginRefused(path + ": " + why);
}

}  // namespace

LoadedPlugin load_plugin(const std::string& path) {
    LoadedPlugin plugin;
    plugin.path = path;
    boost::dll::fs::error_code error;
    // Never rtld_deepbind: AddressSanitizer refuses it.
    plugin.library = std::make_shared<boost::dll::shared_library>(
        path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, error);
    if (error || !plugin.library->is_loaded()) {
        refuse(path, "cannot be loaded (" + error.message() + ")");
    }
    if (!plugin.library->has(k_alias)) {
        refuse(path, "is not an apirunner plugin (no 'apirunner_plugin' descriptor)");
    }
    const auto& descriptor = plugin.library->get_alias<const PluginDescriptor>(k_alias);
    if (descriptor.abi_version != k_abi_version) {
        refuse(path, "was built for plugin ABI " + std::to_string(descriptor.abi_version) +
                         ", this apirunner speaks ABI " + std::to_string(k_abi_version));
    }
    if (descriptor.size != sizeof(PluginDescriptor)) {
        refuse(path, "has a descriptor of " + std::to_string(descriptor.size) +
                         " bytes, this apirunner expects " +
                         std::to_string(sizeof(PluginDescriptor)));
    }
    if (descriptor.fingerprint == nullptr ||
        std::strcmp(descriptor.fingerprint, k_build_fingerprint) != 0) {
        refuse(path, std::string("was built with '") +
                         (descriptor.fingerprint ? descriptor.fingerprint : "(none)") +
                         "', this apirunner with '" + k_build_fingerprint + "'");
    }
    if (descriptor.name == nullptr || descriptor.create == nullptr ||
        (descriptor.settings_count > 0 && descriptor.settings == nullptr)) {
        refuse(path, "has an incomplete descriptor");
    }
    plugin.descriptor = &descriptor;
    return plugin;
}

}  // namespace apirunner
