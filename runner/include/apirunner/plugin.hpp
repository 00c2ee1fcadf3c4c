// What a plugin exports: one constant descriptor, found by the host under the alias
// "apirunner_plugin". The leading fields are plain C so the host can check them before it
// touches anything else.
#pragma once

#include <apirunner/abi.hpp>
#include <apirunner/error.hpp>
#include <apirunner/host.hpp>
#include <apirunner/session.hpp>
#include <apirunner/settings.hpp>
#include <boost/dll/alias.hpp>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace apirunner {

// Makes a session; the host owns the result and deletes it while the library is loaded.
using SessionFactory = Session* (*)(const Settings& settings, HostServices& host);

struct PluginDescriptor {
    std::uint32_t abi_version;  // k_abi_version when the plugin was built
    std::uint32_t size;         // sizeof(PluginDescriptor) when the plugin was built
    const char* fingerprint;    // k_build_fingerprint when the plugin was built
    const char* name;
    const char* version;
    const char* grants;  // space-separated: "password refresh_token"
    const char* description;
    const SettingSpec* settings;
    std::size_t settings_count;
    SessionFactory create;
};

template <std::size_t N>
constexpr PluginDescriptor make_descriptor(const char* name, const char* version,
                                           const char* grants, const char* description,
                                           const SettingSpec (&settings)[N],
                                           SessionFactory create) {
    return PluginDescriptor{k_abi_version,
                            sizeof(PluginDescriptor),
                            k_build_fingerprint,
                            name,
                            version,
                            grants,
                            description,
                            settings,
                            N,
                            create};
}

// The factory every plugin writes: a function making its Session subclass.
template <typename SessionType>
Session* create_session(const Settings& settings, HostServices& host) {
    static_assert(std::is_base_of_v<Session, SessionType>,
                  "a plugin's session derives from Session");
    return new SessionType(settings, host);
}

}  // namespace apirunner

// Exports a descriptor. Boost.DLL cannot see a type mismatch (one is a segfault), so check it.
#define APIRUNNER_PLUGIN(descriptor)                                                         \
    static_assert(std::is_same_v<decltype(descriptor), const ::apirunner::PluginDescriptor>, \
                  "APIRUNNER_PLUGIN takes a const apirunner::PluginDescriptor");             \
    static_assert(std::is_same_v<decltype(descriptor.create), ::apirunner::SessionFactory>,  \
                  "the factory must be an apirunner::SessionFactory");                       \
    BOOST_DLL_ALIAS(descriptor, apirunner_plugin)
