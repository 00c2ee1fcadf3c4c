// One plugin shared library, loaded and checked. The library stays loaded for as long as any
// copy of LoadedPlugin, or any session made from it, is alive.
#pragma once

#include <apirunner/plugin.hpp>

#include <boost/dll/shared_library.hpp>

#include <memory>
#include <stdexcept>
#include <string>

namespace apirunner {

// Why a file was not accepted as a plugin; what() names the file.
class PluginRefused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct LoadedPlugin {
    std::string path;
    std::shared_ptr<boost::dll::shared_library> library;
    const PluginDescriptor* descriptor = nullptr;

    std::string name() const { return descriptor->name; }
};

// Loads with RTLD_NOW | RTLD_LOCAL, then checks ABI version, descriptor size and build
// fingerprint before any plugin code runs. Throws PluginRefused.
LoadedPlugin load_plugin(const std::string& path);

}  // namespace apirunner
