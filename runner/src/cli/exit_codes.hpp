// sysexits codes, as Poco::Util::Application names them, for each kind of failure.
#pragma once

#include <apirunner/error.hpp>

#include <Poco/Util/Application.h>

namespace apirunner {

inline int exit_code_for(ErrorKind kind) {
    using App = Poco::Util::Application;
    switch (kind) {
        case ErrorKind::config:
            return App::EXIT_CONFIG;  // 78
        case ErrorKind::credentials:
            return App::EXIT_NOPERM;  // 77
        case ErrorKind::unavailable:
            return App::EXIT_UNAVAILABLE;  // 69
        case ErrorKind::bad_data:
            return App::EXIT_DATAERR;  // 65
        case ErrorKind::temporary:
            return App::EXIT_TEMPFAIL;  // 75
    }
    return App::EXIT_SOFTWARE;
}

}  // namespace apirunner
