#include "http/origin.hpp"

#include <Poco/String.h>

namespace apirunner {

std::string origin_of(const Poco::URI& uri) {
    return uri.getScheme() + "://" + Poco::toLower(uri.getHost()) + ":" +
           std::to_string(uri.getPort());
}

Poco::URI resolve_reference(const Poco::URI& base, const std::string& reference) {
    if (reference.rfind("//", 0) == 0) {  // a network-path reference: the base's scheme only
        return Poco::URI(base.getScheme() + ":" + reference);
    }
    return Poco::URI(base, reference);
}

}  // namespace apirunner
