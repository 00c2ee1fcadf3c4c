// What a failure of a local file (the state database, a SQLite output) means for the run, so that
// one exit code says it wherever it happened: a full disk, a read-only file, a lock held too
// long or an I/O error is temporary (75: the next run may pass); a file that is not a database,
// or one that cannot be opened at all, is the configuration's (78).
#pragma once

#include <apirunner/error.hpp>

#include <Poco/Exception.h>

#include <string>

namespace apirunner {

// The kind of a failure Poco's SQLite connector (or Poco's file classes) reported; `otherwise`
// for one it does not know (config by default: retrying what is not understood may never end).
ErrorKind storage_error_kind(const Poco::Exception& error, ErrorKind otherwise);

// The kind of a failed system call on a local file, by its errno: no space, a quota, no file
// descriptor left, an I/O error or a read-only file system are temporary, the rest config.
ErrorKind errno_kind(int error);

// "<where>: <what failed>", of the kind storage_error_kind gives.
Error storage_error(const std::string& where, const Poco::Exception& error,
                    ErrorKind otherwise = ErrorKind::config);

// Runs `action`; a Poco exception out of it becomes storage_error(where, …).
template <typename Action>
auto guard_storage(const std::string& where, Action action) -> decltype(action()) {
    try {
        return action();
    } catch (const Poco::Exception& error) {
        throw storage_error(where, error);
    }
}

}  // namespace apirunner
