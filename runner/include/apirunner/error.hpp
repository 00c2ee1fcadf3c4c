// The one exception type plugins may throw. The host catches it at the call site (while the
// library is surely loaded) and maps its kind to a sysexits exit code.
#pragma once

#include <boost/config.hpp>
#include <stdexcept>
#include <string>

namespace apirunner {

enum class ErrorKind {
    config,       // the provider's settings are wrong: exit 78
    credentials,  // the provider refused the credentials: exit 77
    unavailable,  // the provider could not be reached or kept failing: exit 69
    bad_data,     // the provider answered something we cannot use: exit 65
    temporary,    // try again later: exit 75
};

const char* to_string(ErrorKind kind);

// Messages must never carry a secret: say which field was refused, never its value.
class BOOST_SYMBOL_VISIBLE Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message);
    ~Error() override;
    ErrorKind kind() const { return m_kind; }

  private:
    ErrorKind m_kind;
};

}  // namespace apirunner
