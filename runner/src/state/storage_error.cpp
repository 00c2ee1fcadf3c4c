#include "state/storage_error.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

#include <cerrno>

namespace apirunner {
namespace {

template <typename... Types>
bool is_one_of(const Poco::Exception& error) {
    return (... || (dynamic_cast<const Types*>(&error) != nullptr));
}

}  // namespace

ErrorKind storage_error_kind(const Poco::Exception& error, ErrorKind otherwise) {
    namespace sqlite = Poco::Data::SQLite;
    // A path the settings name that cannot be a file here, or a file that is not the database
    // apirunner made (another program's, or no database at all). Poco's file classes: EACCES,
    // EPERM, ENOENT, ENOTDIR, EISDIR, EEXIST, ENAMETOOLONG.
    if (is_one_of<sqlite::CorruptImageException, sqlite::CantOpenDBFileException,
                  sqlite::DBAccessDeniedException, sqlite::AuthorizationDeniedException,
                  sqlite::InvalidSQLStatementException, sqlite::SchemaDiffersException,
                  sqlite::TableNotFoundException, Poco::Data::ConnectionFailedException,
                  Poco::FileAccessDeniedException, Poco::FileNotFoundException,
                  Poco::PathNotFoundException, Poco::OpenFileException, Poco::FileExistsException,
                  Poco::PathSyntaxException>(error)) {
        return ErrorKind::config;
    }
    // What a record did to the table (a text key where the key is an integer): the data's.
    if (is_one_of<sqlite::ConstraintViolationException, sqlite::DataTypeMismatchException,
                  sqlite::RowTooBigException>(error)) {
        return ErrorKind::bad_data;
    }
    // The disk, not the settings: the same run may pass once space is freed or a lock let go.
    // Poco's plain FileException is ENOSPC, EDQUOT, EMFILE and ENFILE.
    if (is_one_of<sqlite::DatabaseFullException, sqlite::IOErrorException,
                  sqlite::ReadOnlyException, sqlite::DBLockedException,
                  sqlite::TableLockedException, sqlite::NoMemoryException,
                  sqlite::InterruptException, Poco::FileReadOnlyException, Poco::FileException>(
            error)) {
        return ErrorKind::temporary;
    }
    // Any other failure of the database (Poco::Data's derive from IOException): not understood,
    // so not retried for ever. Other I/O (EIO) is the disk's.
    if (is_one_of<Poco::Data::DataException>(error)) {
        return otherwise;
    }
    return is_one_of<Poco::IOException>(error) ? ErrorKind::temporary : otherwise;
}

ErrorKind errno_kind(int error) {
    switch (error) {
        case ENOSPC:
        case EDQUOT:
        case EMFILE:
        case ENFILE:
        case EIO:
        case EROFS:
        case EAGAIN:
        case EINTR:
        case ENOMEM:
            return ErrorKind::temporary;
        default:
            return ErrorKind::config;
    }
}

Error storage_error(const std::string& where, const Poco::Exception& error, ErrorKind otherwise) {
    return Error(storage_error_kind(error, otherwise), where + ": " + error.displayText());
}

}  // namespace apirunner
