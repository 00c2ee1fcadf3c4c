// Every SQLite file apirunner opens (the state database and SQLite outputs) is opened one way:
// WAL, synchronous=FULL (a commit is on disk when it returns, so a checkpoint never gets ahead
// of the records it covers), and a 10 s busy timeout for the other processes on the same file.
#pragma once

#include <Poco/Data/Session.h>

#include <memory>
#include <string>

namespace apirunner {

// Throws Poco::Exception when the file cannot be opened; fails at once rather than retrying.
std::unique_ptr<Poco::Data::Session> open_sqlite(const std::string& path);

}  // namespace apirunner
