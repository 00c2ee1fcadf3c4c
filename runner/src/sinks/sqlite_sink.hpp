// Records into a SQLite table: one transaction a page, one prepared insert stepped for every
// record (state/sqlite_statement). Columns: the primary key, the record schema's typed columns, the
// whole record as JSON ("record"), "_run_id" and "_extracted_at".
//   append   inserts every record;
//   merge    upserts on the primary key (a second run doubles nothing);
//   replace  fills a staging table and swaps it in at finish, so readers never see half.
// Each page's transaction also records, in the table _apirunner_progress of the same file, how
// many pages of the run the output holds: a resumed run skips what is already there.
#pragma once

#include "sinks/record_schema.hpp"
#include "sinks/sink.hpp"
#include "sinks/sink_type.hpp"
#include "state/sqlite_statement.hpp"

#include <Poco/Data/Session.h>

#include <memory>

namespace apirunner {

class SqliteSink : public Sink {
  public:
    SqliteSink(const SinkSpec& sink, const OutputSpec& output, const RecordShape& job, RunInfo run);
    ~SqliteSink() override;

    void start() override;
    bool resume(const SinkCheckpoint& checkpoint) override;
    void write_page(const std::vector<Record>& records, std::int64_t page) override;
    void sync() override {}  // each page's commit is durable already (synchronous=FULL)
    std::string position() const override { return ""; }
    void finish() override;
    void discard() noexcept override;
    std::optional<std::int64_t> distinct_keys() override;
    std::string describe() const override;

  private:
    void place_key(const simdjson::dom::object* first);
    void prepare(const Record& first);
    void create_table(const std::string& table);
    void bind_record(SqliteStatement& statement, const Record& record, std::size_t index);
    std::int64_t insert(const std::vector<Record>& records);
    void begin_write();
    void commit();
    void rollback() noexcept;
    void save_progress(std::int64_t pages, std::int64_t keys);
    void add_keys_column();
    void forget_progress();
    bool table_exists(const std::string& table);

    std::string m_path;
    std::string m_table;
    OutputMode m_mode;
    std::string m_primary_key;
    RunInfo m_run;
    std::string m_target;  // the table the insert writes: the output table, or its staging copy
    std::vector<Column> m_columns;  // the primary key first when there is one
    std::unique_ptr<Poco::Data::Session> m_session;
    std::unique_ptr<SqliteStatement> m_insert;
    // merge: m_insert leaves a row this run wrote already as it is, so that a key seen twice is
    // counted without reading the table; this one then writes the later record over it.
    std::unique_ptr<SqliteStatement> m_overwrite;
    std::int64_t m_pages = 0;  // pages of this run the output holds
    std::int64_t m_keys = 0;   // merge: the keys of this run's records the output holds
    bool m_in_transaction = false;
    bool m_finished = false;
};

SinkType sqlite_sink_type();

}  // namespace apirunner
