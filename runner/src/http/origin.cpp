#include "http/origin.hpp"

#include <Poco/String.h>

namespace apirunner {

std::string origin_of(const Poco::URI& uri) {
    return uri.getScheme() + "://" + Poco::toLower(uri.getHost()) + ":" +
           std::to_string(uri.getPort());
}

}  // namespace apirunner
