#include <apirunner/error.hpp>
#include <apirunner/static_session.hpp>

namespace apirunner {

StaticSession::~StaticSession() = default;

void StaticSession::recover(const HttpResponse& refused) {
    throw Error(ErrorKind::credentials, "the API refused the configured credentials (HTTP " +
                                            std::to_string(refused.status) +
                                            "); they cannot be renewed");
}

}  // namespace apirunner
