#include "state/sqlite_file.hpp"

#include <Poco/Data/SQLite/Connector.h>

using namespace Poco::Data::Keywords;

namespace apirunner {

std::unique_ptr<Poco::Data::Session> open_sqlite(const std::string& path) {
    Poco::Data::SQLite::Connector::registerConnector();
    // Poco retries a failed open until its login timeout (60 s by default): one second is plenty
    // for a file that can be opened, and a path that cannot is reported without the wait.
    auto session = std::make_unique<Poco::Data::Session>("SQLite", path, 1);
    *session << "PRAGMA busy_timeout=10000", now;
    *session << "PRAGMA journal_mode=WAL", now;
    *session << "PRAGMA synchronous=FULL", now;
    return session;
}

}  // namespace apirunner
