// Records into a SQLite table through Poco::Data: one transaction a page, one prepared insert
// reused for every record. Columns: the primary key, the record schema's typed columns, the
// whole record as JSON ("record"), "_run_id" and "_extracted_at".
//   append   inserts every record;
//   merge    upserts on the primary key (a second run doubles nothing);
//   replace  fills a staging table and swaps it in at finish, so readers never see half.
#pragma once

#include "sinks/record_schema.hpp"
#include "sinks/sink.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <memory>

namespace apirunner {

class SqliteSink : public Sink {
public:
    SqliteSink(const SinkSpec& sink, const OutputSpec& output, const JobSpec& job, RunInfo run);
    ~SqliteSink() override;

    void write_page(const std::vector<Record>& records) override;
    void finish() override;
    void abort() noexcept override;
    std::string describe() const override;

private:
    void prepare(const Record& first);
    void create_table(const std::string& table);
    void bind_record(const Record& record, std::size_t index);

    std::string m_path;
    OutputSpec m_output;
    std::string m_primary_key;
    RunInfo m_run;
    std::string m_target;  // the table the insert writes: the output table, or its staging copy
    std::vector<Column> m_columns;  // the primary key first when there is one
    std::unique_ptr<Poco::Data::Session> m_session;
    std::unique_ptr<Poco::Data::Statement> m_insert;
    std::vector<Poco::Nullable<std::string>> m_values;
};

}  // namespace apirunner
