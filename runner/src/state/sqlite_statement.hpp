// One prepared SQLite statement, stepped again and again through the C API. Poco::Data 1.11
// prepares a statement anew on every execute(); on the record path that cost ten times what
// the insert itself does, so the sinks bind and step their inserts here instead.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace apirunner {

class SqliteStatement {
  public:
    // Throws Poco::Data::DataException with SQLite's message when `sql` does not prepare.
    SqliteStatement(Poco::Data::Session& session, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Parameters count from 1, as in SQL. A text is used where it is until execute() returns
    // unless `copy` is set.
    void bind_null(int index);
    void bind_int(int index, std::int64_t value);
    void bind_real(int index, double value);
    void bind_text(int index, std::string_view text, bool copy = false);

    // Runs the statement to its end and makes it ready for the next binds. Throws
    // Poco::Data::DataException with SQLite's message.
    void execute();
    // The rows the last execute() inserted, updated or deleted.
    int changes() const;

  private:
    void check(int code) const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
};

}  // namespace apirunner
