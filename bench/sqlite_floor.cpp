// The SQLite floor: the rows apirunner writes for the benchmark's job (the MediaMath schema's
// typed columns, the record's JSON, the run's id and time, the integer key as the rowid) upserted
// with nothing but the SQLite C API: one prepared statement, WAL with synchronous=FULL as
// apirunner has it, one transaction per page; no HTTP, no JSON parsing. What no extractor
// writing these rows to SQLite can beat.
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
    check(
        sqlite3_exec(
            db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
            "CREATE TABLE IF NOT EXISTS orgs (id INTEGER PRIMARY KEY, name TEXT, entity_type TEXT, "
            "status INTEGER, currency_code TEXT, version INTEGER, created_on TEXT, "
            "record TEXT NOT NULL, _run_id TEXT NOT NULL, _extracted_at TEXT NOT NULL)",
            nullptr, nullptr, nullptr),
        db, "schema");
    sqlite3_stmt* upsert = nullptr;
    check(
        sqlite3_prepare_v2(
            db,
            "INSERT INTO orgs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "name = excluded.name, entity_type = excluded.entity_type, status = excluded.status, "
            "currency_code = excluded.currency_code, version = excluded.version, "
            "created_on = excluded.created_on, record = excluded.record, "
            "_run_id = excluded._run_id, _extracted_at = excluded._extracted_at",
            -1, &upsert, nullptr),
        db, "prepare");
    char name[64];
    char created[32];
    char record[256];
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
            // make_pages.py's record, as the page holds it
            std::snprintf(
                record, sizeof record,
                "{\"id\":%ld,\"name\":\"%s\",\"entity_type\":\"organization\",\"status\":%s,"
                "\"currency_code\":\"%s\",\"version\":%ld,\"created_on\":\"%s\"}",
                100000 + i, name, i % 7 != 0 ? "true" : "false", currencies[i % 4], i % 5, created);
            sqlite3_bind_text(upsert, 8, record, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(upsert, 9, "20261123T000000Z-a1b2c3", -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 10, "2026-11-23T00:00:00.000000Z", -1, SQLITE_STATIC);
            check(sqlite3_step(upsert), db, "step");
            sqlite3_reset(upsert);
        }
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    sqlite3_finalize(upsert);
    sqlite3_close(db);
    return 0;
}
