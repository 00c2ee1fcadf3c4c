#include "state/session_cipher.hpp"

#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>

#include <Poco/Base64Decoder.h>
#include <Poco/Crypto/Cipher.h>
#include <Poco/Crypto/CipherFactory.h>
#include <Poco/Crypto/CipherKey.h>
#include <Poco/Crypto/CryptoTransform.h>
#include <Poco/SHA2Engine.h>

#include <memory>
#include <random>
#include <sstream>

namespace apirunner {
namespace {

constexpr const char* k_prefix = "enc:v1:";
constexpr std::size_t k_iv_size = 12;
constexpr std::size_t k_tag_size = 16;

using Bytes = std::vector<unsigned char>;

Bytes to_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

// Runs the transform over `input`; for decryption the GCM tag must be set before finalize.
std::string run(Poco::Crypto::CryptoTransform& transform, const std::string& input) {
    std::string output(input.size() + 64, '\0');
    auto* out = reinterpret_cast<unsigned char*>(output.data());
    std::streamsize written =
        transform.transform(reinterpret_cast<const unsigned char*>(input.data()),
                            static_cast<std::streamsize>(input.size()), out,
                            static_cast<std::streamsize>(output.size()));
    written +=
        transform.finalize(out + written, static_cast<std::streamsize>(output.size()) - written);
    output.resize(static_cast<std::size_t>(written));
    return output;
}

Poco::Crypto::Cipher* cipher_for(const std::string& key, const std::string& iv) {
    return Poco::Crypto::CipherFactory::defaultFactory().createCipher(
        Poco::Crypto::CipherKey("aes-256-gcm", to_bytes(key), to_bytes(iv)));
}

}  // namespace

SessionCipher::SessionCipher(const std::string& secret) {
    Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
    sha256.update(secret);
    const auto& digest = sha256.digest();
    m_key.assign(digest.begin(), digest.end());
}

bool SessionCipher::is_sealed(const std::string& text) { return text.rfind(k_prefix, 0) == 0; }

std::string SessionCipher::seal(const std::string& plaintext) const {
    std::random_device random;
    std::string iv(k_iv_size, '\0');
    for (char& c : iv) {
        c = static_cast<char>(random() & 0xff);
    }
    Poco::Crypto::Cipher::Ptr cipher = cipher_for(m_key, iv);
    Poco::Crypto::CryptoTransform::Ptr encryptor = cipher->createEncryptor();
    const std::string ciphertext = run(*encryptor, plaintext);
    return k_prefix + base64(iv + ciphertext + encryptor->getTag(k_tag_size));
}

std::string SessionCipher::open(const std::string& sealed) const {
    std::istringstream in(sealed.substr(std::string(k_prefix).size()));
    Poco::Base64Decoder decoder(in);
    const std::string raw((std::istreambuf_iterator<char>(decoder)),
                          std::istreambuf_iterator<char>());
    if (raw.size() < k_iv_size + k_tag_size) {
        throw Error(ErrorKind::config, "a stored session is damaged");
    }
    try {
        Poco::Crypto::Cipher::Ptr cipher = cipher_for(m_key, raw.substr(0, k_iv_size));
        Poco::Crypto::CryptoTransform::Ptr decryptor = cipher->createDecryptor();
        decryptor->setTag(raw.substr(raw.size() - k_tag_size));
        return run(*decryptor, raw.substr(k_iv_size, raw.size() - k_iv_size - k_tag_size));
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::config,
                    "a stored session cannot be decrypted: the state key is not the one it was "
                    "saved with (or the row is damaged); `apirunner auth logout` forgets it");
    }
}

}  // namespace apirunner
