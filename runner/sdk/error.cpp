#include <apirunner/error.hpp>

namespace apirunner {

const char* to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::config:
            return "configuration error";
        case ErrorKind::credentials:
            return "credentials refused";
        case ErrorKind::unavailable:
            return "provider unavailable";
        case ErrorKind::bad_data:
            return "bad data from provider";
        case ErrorKind::temporary:
            return "temporary failure";
    }
    return "error";
}

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message), m_kind(kind) {}

// Out of line: the key function puts the one typeinfo in libapirunner_sdk.so, so a catch by
// type works across the plugin boundary.
Error::~Error() = default;

}  // namespace apirunner
