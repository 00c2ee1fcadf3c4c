// The SQLite floor: the benchmark's rows upserted with nothing but the SQLite C API (one prepared
// statement, WAL with synchronous=FULL as apirunner has it, one transaction per page), no HTTP, no JSON. What no extractor writing these
// rows to SQLite can beat.
//
// usage: sqlite_floor DB RECORDS PER_PAGE
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void check(int code, sqlite3* db, const char* what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        std::fprintf(stderr, "sqlite_floor: %s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: sqlite_floor DB RECORDS PER_PAGE\n");
        return 64;
    }
    const long records = std::atol(argv[2]);
    const long per_page = std::atol(argv[3]);
    static const char* const currencies[] = {"USD", "EUR", "GBP", "JPY"};
    sqlite3* db = nullptr;
    check(sqlite3_open(argv[1], &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                           "CREATE TABLE IF NOT EXISTS orgs (id INTEGER PRIMARY KEY, name TEXT, entity_type TEXT, "
                           "status INTEGER, currency_code TEXT, version INTEGER, created_on TEXT)",
                       nullptr, nullptr, nullptr),
          db, "schema");
    sqlite3_stmt* upsert = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO orgs VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "name = excluded.name, entity_type = excluded.entity_type, status = excluded.status, "
                             "currency_code = excluded.currency_code, version = excluded.version, "
                             "created_on = excluded.created_on",
                             -1, &upsert, nullptr),
          db, "prepare");
    char name[64];
    char created[32];
    for (long start = 0; start < records; start += per_page) {
        check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        for (long i = start; i < records && i < start + per_page; ++i) {
            std::snprintf(name, sizeof name, "Organization %ld", i + 1);
            std::snprintf(created, sizeof created, "2024-01-%02ldT00:00:00+00:00", i % 28 + 1);
            sqlite3_bind_int64(upsert, 1, 100000 + i);
            sqlite3_bind_text(upsert, 2, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(upsert, 3, "organization", -1, SQLITE_STATIC);
            sqlite3_bind_int(upsert, 4, i % 7 != 0);
            sqlite3_bind_text(upsert, 5, currencies[i % 4], -1, SQLITE_STATIC);
            sqlite3_bind_int(upsert, 6, static_cast<int>(i % 5));
            sqlite3_bind_text(upsert, 7, created, -1, SQLITE_TRANSIENT);
            check(sqlite3_step(upsert), db, "step");
            sqlite3_reset(upsert);
        }
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    sqlite3_finalize(upsert);
    sqlite3_close(db);
    return 0;
}
