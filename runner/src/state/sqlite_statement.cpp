#include "state/sqlite_statement.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

namespace apirunner {

SqliteStatement::SqliteStatement(Poco::Data::Session& session, const std::string& sql)
    : m_db(Poco::Data::SQLite::Utility::dbHandle(session)) {
    check(
        sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &m_statement, nullptr));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

void SqliteStatement::check(int code) const {
    if (code != SQLITE_OK) {
        throw Poco::Data::DataException(sqlite3_errmsg(m_db));
    }
}

void SqliteStatement::bind_null(int index) { check(sqlite3_bind_null(m_statement, index)); }

void SqliteStatement::bind_int(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement, index, value));
}

void SqliteStatement::bind_real(int index, double value) {
    check(sqlite3_bind_double(m_statement, index, value));
}

void SqliteStatement::bind_text(int index, std::string_view text, bool copy) {
    check(sqlite3_bind_text64(m_statement, index, text.data(), text.size(),
                              copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::execute() {
    if (sqlite3_step(m_statement) != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(m_db);
        sqlite3_reset(m_statement);
        throw Poco::Data::DataException(message);
    }
    sqlite3_reset(m_statement);
}

}  // namespace apirunner
