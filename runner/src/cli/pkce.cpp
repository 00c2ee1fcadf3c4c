#include "cli/pkce.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <random>
#include <sstream>

namespace apirunner {
namespace {

std::string random_from(const std::string& alphabet, int length) {
    std::random_device device;
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string text;
    for (int i = 0; i < length; ++i) {
        text += alphabet[pick(device)];
    }
    return text;
}

}  // namespace

std::string s256_challenge(const std::string& verifier) {
    Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
    sha256.update(verifier);
    const auto& digest = sha256.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.write(reinterpret_cast<const char*>(digest.data()),
                  static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

Pkce make_pkce() {
    Pkce pkce;
    pkce.verifier =
        random_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", 64);
    pkce.challenge = s256_challenge(pkce.verifier);
    return pkce;
}

std::string make_state() { return random_from("0123456789abcdef", 32); }

}  // namespace apirunner
