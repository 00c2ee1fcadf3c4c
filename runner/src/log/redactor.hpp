// Removes secrets from text before it reaches a log line or an error message: every value the
// process knows to be secret, and the values of secret-bearing headers, fields and parameters.
// Thread-safe: secrets are added and text redacted from every thread of a run.
#pragma once

#include <mutex>
#include <set>
#include <string>

namespace apirunner {

class Redactor {
  public:
    static constexpr const char* k_mask = "***";

    // Remembers a secret value (and its percent-encoded form). Values under 4 characters are
    // masked by name only: masking "1" everywhere would ruin every message.
    void add_secret(const std::string& value);
    std::string redact(const std::string& text) const;

  private:
    mutable std::mutex m_mutex;
    std::set<std::string> m_secrets;
};

// Whether a word of a header's name says its value is a secret (Authorization, X-API-Key,
// Api-Token, X-Client-Secret, Cookie, X-Session-Id, ...): such values of a job's
// `request.headers` are masked.
bool names_a_secret(const std::string& header_name);

// The process-wide redactor every log sink and error path uses.
Redactor& redactor();

}  // namespace apirunner
