// Where a running job stands, told after each page to whoever shows it (the live status lines).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace apirunner {

struct JobProgress {
    std::string job;
    std::int64_t records = 0;  // of the whole run, pages before a resume included
    std::int64_t pages = 0;
    std::int64_t resumed_records = 0;   // of those, what an earlier process fetched
    std::optional<std::int64_t> total;  // the records the provider says there are
    double seconds = 0;                 // since this process started the job
};

class ProgressListener {
  public:
    virtual ~ProgressListener() = default;
    virtual void page_done(const JobProgress& progress) = 0;
    virtual void job_done(const std::string& job) = 0;
};

}  // namespace apirunner
