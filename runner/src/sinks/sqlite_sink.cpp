#include "sinks/sqlite_sink.hpp"

#include "state/sqlite_file.hpp"
#include "state/sqlite_statement.hpp"
#include "state/storage_error.hpp"

#include <apirunner/error.hpp>

#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <cctype>

using namespace Poco::Data::Keywords;

namespace apirunner {
namespace {

// A table or column name as SQL quotes it.
std::string identifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

// Binds a record's field as SQLite stores it in a typed column (the column's affinity converts
// a string such as "42"); nothing for null or absent, an object or array as its JSON.
// Returns false when the field is null or absent.
bool bind_field(SqliteStatement& insert, int index, const simdjson::dom::object& record,
                const std::string& name) {
    simdjson::dom::element value;
    if (record.at_key(name).get(value) != simdjson::SUCCESS || value.is_null()) {
        insert.bind_null(index);
        return false;
    }
    std::string_view text;
    std::int64_t whole = 0;
    double real = 0;
    bool flag = false;
    if (value.get(text) == simdjson::SUCCESS) {
        insert.bind_text(index, text);
    } else if (value.get(flag) == simdjson::SUCCESS) {
        insert.bind_int(index, flag ? 1 : 0);
    } else if (value.get(whole) == simdjson::SUCCESS) {
        insert.bind_int(index, whole);
    } else if (value.is_double() && value.get(real) == simdjson::SUCCESS) {
        insert.bind_real(index, real);
    } else {
        insert.bind_text(index, simdjson::minify(value), true);  // past 2^63, an object or array
    }
    return true;
}

std::string key_type(const simdjson::dom::object& record, const std::string& key) {
    simdjson::dom::element value;
    if (record.at_key(key).get(value) == simdjson::SUCCESS && value.is_int64()) {
        return "INTEGER";
    }
    return "TEXT";
}

}  // namespace

SqliteSink::SqliteSink(const SinkSpec& sink, const OutputSpec& output, const RecordShape& job,
                       RunInfo run)
    : m_path(sink.fields.text("path")),
      m_table(output.fields.text("table")),
      m_mode(output.mode),
      m_primary_key(job.primary_key),
      m_run(std::move(run)) {
    if (!job.record_schema.empty()) {
        m_columns = columns_from_schema(job.record_schema);
    }
    try {
        Poco::File(Poco::Path(m_path).parent()).createDirectories();
        m_session = open_sqlite(m_path);
        *m_session << "CREATE TABLE IF NOT EXISTS _apirunner_progress (job TEXT NOT NULL, "
                      "tbl TEXT NOT NULL, run_id TEXT NOT NULL, pages INTEGER NOT NULL, "
                      "keys INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job, tbl))",
            now;
        add_keys_column();
    } catch (const Poco::Exception& error) {
        throw storage_error("sink '" + sink.name + "': cannot open '" + m_path + "'", error,
                            ErrorKind::config);
    }
    m_target = m_mode == OutputMode::replace ? m_table + "__staging_" + m_run.run_id : m_table;
}

SqliteSink::~SqliteSink() = default;

// In merge mode an integer key is the table's INTEGER PRIMARY KEY: the rowid itself, so an upsert
// looks up and writes one B-tree where a separate unique index would make it two.
void SqliteSink::create_table(const std::string& table) {
    const bool rowid_key = m_mode == OutputMode::merge && !m_columns.empty() &&
                           m_columns.front().name == m_primary_key &&
                           m_columns.front().sql_type == "INTEGER";
    std::string sql = "CREATE TABLE IF NOT EXISTS " + identifier(table) + " (";
    for (const auto& column : m_columns) {
        const bool key = rowid_key && column.name == m_primary_key;
        sql += identifier(column.name) + " " + column.sql_type + (key ? " PRIMARY KEY" : "") + ", ";
    }
    sql += "record TEXT NOT NULL, _run_id TEXT NOT NULL, _extracted_at TEXT NOT NULL)";
    *m_session << sql, now;
    // A table from an earlier run with fewer columns (a schema added since) gains the new ones.
    std::vector<std::string> existing;
    std::vector<int> primary;
    *m_session << "SELECT name, pk FROM pragma_table_info(?)", useRef(table), into(existing),
        into(primary), now;
    for (const auto& column : m_columns) {
        if (std::find(existing.begin(), existing.end(), column.name) == existing.end()) {
            *m_session << "ALTER TABLE " + identifier(table) + " ADD COLUMN " +
                              identifier(column.name) + " " + column.sql_type,
                now;
        }
    }
    const auto key = std::find(existing.begin(), existing.end(), m_primary_key);
    const bool key_is_primary = key != existing.end() && primary[key - existing.begin()] == 1;
    if (m_mode == OutputMode::merge &&
        !key_is_primary) {  // a table an earlier version made, or a text key
        *m_session << "CREATE UNIQUE INDEX IF NOT EXISTS " + identifier(table + "__key") + " ON " +
                          identifier(table) + " (" + identifier(m_primary_key) + ")",
            now;
    }
}

// The primary key becomes the first column, typed as the schema says or else as `first` has it.
void SqliteSink::place_key(const simdjson::dom::object* first) {
    if (m_primary_key.empty() || (!m_columns.empty() && m_columns.front().name == m_primary_key)) {
        return;
    }
    auto key = std::find_if(m_columns.begin(), m_columns.end(),
                            [&](const Column& column) { return column.name == m_primary_key; });
    if (key == m_columns.end()) {
        m_columns.insert(m_columns.begin(),
                         {m_primary_key, first ? key_type(*first, m_primary_key) : "TEXT"});
    } else {
        std::rotate(m_columns.begin(), key, key + 1);
    }
}

void SqliteSink::prepare(const Record& first) {
    place_key(&first.object);
    create_table(m_target);

    std::string names;
    std::string marks;
    std::string updates;
    for (const auto& column : m_columns) {
        names += identifier(column.name) + ", ";
        marks += "?, ";
        updates += identifier(column.name) + " = excluded." + identifier(column.name) + ", ";
    }
    std::string sql = "INSERT INTO " + identifier(m_target) + " (" + names +
                      "record, _run_id, _extracted_at) VALUES (" + marks + "?, ?, ?)";
    if (m_mode == OutputMode::merge) {
        sql += " ON CONFLICT (" + identifier(m_primary_key) + ") DO UPDATE SET " + updates +
               "record = excluded.record, _run_id = excluded._run_id, "
               "_extracted_at = excluded._extracted_at";
        m_overwrite = std::make_unique<SqliteStatement>(*m_session, sql);
        sql += " WHERE _run_id IS NOT excluded._run_id";
    }
    m_insert = std::make_unique<SqliteStatement>(*m_session, sql);
}

void SqliteSink::bind_record(SqliteStatement& statement, const Record& record, std::size_t index) {
    const int columns = static_cast<int>(m_columns.size());
    for (int i = 0; i < columns; ++i) {
        const bool present = bind_field(statement, i + 1, record.object, m_columns[i].name);
        if (i == 0 && !present && !m_primary_key.empty()) {  // the key is the first column
            throw Error(ErrorKind::bad_data, "record " + std::to_string(index + 1) +
                                                 " of the page has no primary key '" +
                                                 m_primary_key + "'");
        }
    }
    statement.bind_text(columns + 1, record.json);
    statement.bind_text(columns + 2, m_run.run_id);
    statement.bind_text(columns + 3, m_run.extracted_at);
}

bool SqliteSink::table_exists(const std::string& table) {
    int count = 0;
    *m_session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
        useRef(table), into(count), now;
    return count > 0;
}

// IMMEDIATE takes the write lock up front, waiting out another writer (busy_timeout): a
// deferred transaction that reads first could not upgrade once another process had written.
void SqliteSink::begin_write() {
    *m_session << "BEGIN IMMEDIATE", now;
    m_in_transaction = true;
}

void SqliteSink::commit() {
    *m_session << "COMMIT", now;
    m_in_transaction = false;
}

void SqliteSink::rollback() noexcept {
    if (m_in_transaction) {
        m_in_transaction = false;
        try {
            *m_session << "ROLLBACK", now;
        } catch (const Poco::Exception&) {
            // SQLite already rolled back (a failed COMMIT, a full disk): nothing is left to undo.
        }
    }
}

void SqliteSink::save_progress(std::int64_t pages, std::int64_t keys) {
    *m_session << "INSERT INTO _apirunner_progress (job, tbl, run_id, pages, keys) VALUES (?, ?, "
                  "?, ?, ?) ON CONFLICT (job, tbl) DO UPDATE SET run_id = excluded.run_id, "
                  "pages = excluded.pages, keys = excluded.keys",
        useRef(m_run.job), useRef(m_table), useRef(m_run.run_id), use(pages), use(keys), now;
}

// The progress table of an output an earlier version made has no count of keys. Another
// process may add the column at the same moment: it is there either way.
void SqliteSink::add_keys_column() {
    const auto has_keys = [this] {
        int count = 0;
        *m_session << "SELECT COUNT(*) FROM pragma_table_info('_apirunner_progress') WHERE "
                      "name = 'keys'",
            into(count), now;
        return count > 0;
    };
    if (has_keys()) {
        return;
    }
    try {
        *m_session << "ALTER TABLE _apirunner_progress ADD COLUMN keys INTEGER NOT NULL DEFAULT 0",
            now;
    } catch (const Poco::Exception&) {
        if (!has_keys()) {
            throw;
        }
    }
}

void SqliteSink::forget_progress() {
    *m_session << "DELETE FROM _apirunner_progress WHERE job = ? AND tbl = ?", useRef(m_run.job),
        useRef(m_table), now;
}

void SqliteSink::start() {
    try {
        forget_progress();
        if (m_mode == OutputMode::replace) {
            // This run's staging table, and those of runs killed before their first checkpoint.
            std::vector<std::string> staging;
            const std::string pattern = m_table + "__staging_*";
            *m_session << "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?",
                useRef(pattern), into(staging), now;
            for (const auto& table : staging) {
                *m_session << "DROP TABLE IF EXISTS " + identifier(table), now;
            }
        }
    } catch (const Poco::Exception& error) {
        throw storage_error("writing to '" + m_path + "' failed", error);
    }
}

bool SqliteSink::resume(const SinkCheckpoint& checkpoint) {
    Poco::Nullable<Poco::Int64> pages;
    Poco::Nullable<Poco::Int64> keys;
    *m_session << "SELECT pages, keys FROM _apirunner_progress WHERE job = ? AND tbl = ? AND "
                  "run_id = ?",
        useRef(m_run.job), useRef(m_table), useRef(m_run.run_id), into(pages), into(keys), now;
    if (pages.isNull()) {
        // finish() forgets the progress in the transaction that ends the run.
        m_finished = checkpoint.finishing;
        return m_finished;
    }
    m_pages = pages.value();
    m_keys = keys.isNull() ? 0 : keys.value();
    return m_pages >= checkpoint.pages;
}

// Returns the keys of this run the page adds (merge; 0 otherwise).
std::int64_t SqliteSink::insert(const std::vector<Record>& records) {
    if (records.empty()) {
        return 0;
    }
    if (!m_insert) {
        prepare(records.front());
    }
    std::int64_t keys = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        bind_record(*m_insert, records[i], i);
        m_insert->execute();
        if (!m_overwrite) {
            continue;
        }
        if (m_insert->changes() > 0) {
            ++keys;
        } else {  // a key this run wrote already: the later record wins
            bind_record(*m_overwrite, records[i], i);
            m_overwrite->execute();
        }
    }
    return keys;
}

void SqliteSink::write_page(const std::vector<Record>& records, std::int64_t page) {
    if (page <= m_pages) {
        return;
    }
    try {
        begin_write();
        const std::int64_t keys = m_keys + insert(records);
        save_progress(page, keys);
        commit();
        m_pages = page;
        m_keys = keys;
    } catch (const Error&) {
        rollback();
        throw;
    } catch (const Poco::Exception& error) {
        rollback();
        throw storage_error("writing to '" + m_path + "' failed", error);
    }
}

void SqliteSink::finish() {
    if (m_finished) {
        return;
    }
    try {
        if (!m_insert) {
            place_key(nullptr);
            create_table(m_target);  // no records in this process: the table exists all the same
        }
        m_insert.reset();  // no statement of the staging table is left when it is renamed
        m_overwrite.reset();
        begin_write();
        if (m_mode == OutputMode::replace) {
            *m_session << "DROP TABLE IF EXISTS " + identifier(m_table), now;
            *m_session << "ALTER TABLE " + identifier(m_target) + " RENAME TO " +
                              identifier(m_table),
                now;
        }
        forget_progress();
        commit();
        m_finished = true;
    } catch (const Poco::Exception& error) {
        rollback();
        throw storage_error("finishing '" + m_path + "' failed", error);
    }
}

void SqliteSink::discard() noexcept {
    try {
        m_insert.reset();
        m_overwrite.reset();
        rollback();
        begin_write();
        if (m_mode == OutputMode::replace) {
            *m_session << "DROP TABLE IF EXISTS " + identifier(m_target), now;
        } else if (m_mode == OutputMode::append && table_exists(m_target)) {
            // Merged rows stay: each is a current record, and the row it replaced is gone.
            *m_session << "DELETE FROM " + identifier(m_target) + " WHERE _run_id = ?",
                useRef(m_run.run_id), now;
        }
        forget_progress();
        commit();
    } catch (...) {
        // What is left is harmless: a later start() forgets the progress and drops the staging.
    }
}

std::optional<std::int64_t> SqliteSink::distinct_keys() {
    if (m_primary_key.empty()) {
        return std::nullopt;
    }
    if (m_mode == OutputMode::merge) {
        return m_keys;  // counted as the pages were written: a table of millions is not read
    }
    try {
        if (!table_exists(m_target)) {
            return 0;
        }
        Poco::Int64 count = 0;
        *m_session << "SELECT COUNT(DISTINCT " + identifier(m_primary_key) + ") FROM " +
                          identifier(m_target) + " WHERE _run_id = ?",
            useRef(m_run.run_id), into(count), now;
        return count;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

std::string SqliteSink::describe() const {
    return m_path + " (table " + m_table + ", " + to_string(m_mode) + ")";
}

SinkType sqlite_sink_type() {
    SinkType type;
    type.name = "sqlite";
    type.description = "A SQLite database file: a table per output, one transaction a page.";
    type.fields = {{"path", FieldType::path, "The database file, relative to the jobs file."}};
    type.fields.front().required = true;
    type.output_fields = {{"table", FieldType::text,
                           "The table; default the job's name with other characters than letters, "
                           "digits and _ as _."}};
    type.modes = {OutputMode::append, OutputMode::replace, OutputMode::merge};
    type.complete = [](OutputSpec& output, const std::string& job) {
        std::string table = output.fields.has("table") ? output.fields.text("table") : job;
        for (char& c : table) {
            c = (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
        }
        output.fields.set_text("table", table);
    };
    type.make = [](const SinkSpec& sink, const OutputSpec& output, const RecordShape& shape,
                   const RunInfo& run) {
        return std::make_unique<SqliteSink>(sink, output, shape, run);
    };
    type.files = [](const SinkSpec& sink) {
        return std::vector<std::string>{sink.fields.text("path")};
    };
    return type;
}

}  // namespace apirunner
