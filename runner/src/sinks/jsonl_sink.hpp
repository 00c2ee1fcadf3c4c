// Records as JSON Lines, one record a line, written to a temporary file beside the target and
// renamed into place at finish: a reader sees the whole file or the one before it.
//   replace  the file holds this run's records;
//   append   the file holds what it held plus this run's records.
// Pages are synced to disk by sync(), before each checkpoint and at finish; a resumed run cuts
// the temporary file back to the length its checkpoint recorded, so a page written after the
// checkpoint is not kept twice.
#pragma once

#include "sinks/sink.hpp"
#include "sinks/sink_type.hpp"

namespace apirunner {

// {job}, {date} and {run_id} in a path, filled in.
std::string expand_path_template(const std::string& pattern, const RunInfo& run);

class JsonlSink : public Sink {
  public:
    JsonlSink(const SinkSpec& sink, const OutputSpec& output, const RunInfo& run);
    ~JsonlSink() override;

    void start() override;
    bool resume(const SinkCheckpoint& checkpoint) override;
    void write_page(const std::vector<Record>& records, std::int64_t page) override;
    void sync() override;
    std::string position() const override;
    void finish() override;
    void discard() noexcept override;
    std::string describe() const override;

  private:
    void remove_leftovers() const;
    void open_temporary(int flags);
    void close_temporary();
    [[noreturn]] void fail(const std::string& what) const;

    std::string m_name;
    OutputMode m_mode;
    std::string m_path;
    std::string m_temporary;
    int m_fd = -1;
    std::int64_t m_size = 0;  // bytes in the temporary file
    std::int64_t m_pages = 0;
    bool m_finished = false;
};

SinkType jsonl_sink_type();

}  // namespace apirunner
