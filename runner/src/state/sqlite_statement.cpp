#include "state/sqlite_statement.hpp"

#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

namespace apirunner {

SqliteStatement::SqliteStatement(Poco::Data::Session& session, const std::string& sql)
    : m_db(Poco::Data::SQLite::Utility::dbHandle(session)) {
    check(
        sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &m_statement, nullptr));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

// Poco's exception for the result code (a full disk is DatabaseFullException), so that
// state/storage_error tells its kind as for Poco's own statements.
void SqliteStatement::check(int code) const {
    if (code != SQLITE_OK) {
        Poco::Data::SQLite::Utility::throwException(m_db, code & 0xff);
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
    const int code = sqlite3_step(m_statement);
    if (code != SQLITE_DONE) {
        sqlite3_reset(m_statement);
        check(code == SQLITE_ROW ? SQLITE_MISUSE : code);
    }
    sqlite3_reset(m_statement);
}

int SqliteStatement::changes() const { return sqlite3_changes(m_db); }

}  // namespace apirunner
