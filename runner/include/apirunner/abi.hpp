// The ABI contract between the host and its plugins. Both sides compile this header; the host
// refuses a plugin whose version, descriptor size or build fingerprint differs from its own.
#pragma once

#include <Poco/Version.h>
#include <boost/version.hpp>
#include <cstdint>

#define APIRUNNER_STRINGIFY_(x) #x
#define APIRUNNER_STRINGIFY(x) APIRUNNER_STRINGIFY_(x)

namespace apirunner {

// Bump on any change to a type that crosses the boundary (descriptor, Session, HostServices...).
// 2: Session::inspect, 3: TokenStore, 4: OAuth2Session authorization-code hooks
inline constexpr std::uint32_t k_abi_version = 4;

// What must match for C++ types to cross safely: compiler, libstdc++ ABI, Boost and Poco.
inline constexpr const char* k_build_fingerprint =
    "gcc-" __VERSION__
    ";cxx11abi=" APIRUNNER_STRINGIFY(_GLIBCXX_USE_CXX11_ABI) ";boost=" APIRUNNER_STRINGIFY(
        BOOST_VERSION) ";poco=" APIRUNNER_STRINGIFY(POCO_VERSION);

}  // namespace apirunner
