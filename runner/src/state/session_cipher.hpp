// Encryption at rest for stored sessions (state_key_env): AES-256-GCM through Poco::Crypto, the
// key the SHA-256 of the secret in the named environment variable. A sealed value is
// "enc:v1:" + base64(iv | ciphertext | tag); without the right key it cannot be read, only refused.
#pragma once

#include <string>

namespace apirunner {

class SessionCipher {
  public:
    explicit SessionCipher(const std::string& secret);
    std::string seal(const std::string& plaintext) const;
    // Throws Error(config) for a wrong key or a damaged value.
    std::string open(const std::string& sealed) const;
    static bool is_sealed(const std::string& text);

  private:
    std::string m_key;  // 32 bytes
};

}  // namespace apirunner
