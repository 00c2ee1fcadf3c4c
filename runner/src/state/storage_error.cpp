#include "state/storage_error.hpp"

#include <Poco/Data/SQLite/SQLiteException.h>

namespace apirunner {
namespace {

template <typename... Types>
bool is_one_of(const Poco::Exception& error) {
    return (... || (dynamic_cast<const Types*>(&error) != nullptr));
}

}  // namespace

ErrorKind storage_error_kind(const Poco::Exception& error, ErrorKind otherwise) {
    namespace sqlite = Poco::Data::SQLite;
    // The disk, not the settings: the same run may pass once space is freed or the lock let go.
    if (is_one_of<sqlite::DatabaseFullException, sqlite::IOErrorException,
                  sqlite::ReadOnlyException, sqlite::DBLockedException,
                  sqlite::TableLockedException, sqlite::NoMemoryException,
                  sqlite::InterruptException, Poco::WriteFileException, Poco::ReadFileException>(
            error)) {
        return ErrorKind::temporary;
    }
    // A file that is not a database, or a path the settings name that cannot be a file.
    if (is_one_of<sqlite::CorruptImageException, sqlite::CantOpenDBFileException,
                  sqlite::DBAccessDeniedException, sqlite::AuthorizationDeniedException,
                  Poco::FileException>(error)) {
        return ErrorKind::config;
    }
    return otherwise;
}

Error storage_error(const std::string& where, const Poco::Exception& error, ErrorKind otherwise) {
    return Error(storage_error_kind(error, otherwise), where + ": " + error.displayText());
}

}  // namespace apirunner
