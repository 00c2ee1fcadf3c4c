// A scratch folder per test, with helpers to write a jobs file for the sandbox, run apirunner
// in it, and read what it wrote.
#pragma once

#include "process.hpp"

#include <Poco/TemporaryFile.h>
#include <Poco/Types.h>

#include <string>

namespace itest {

class Workdir {
  public:
    Workdir();
    const std::string& path() const { return m_path; }
    std::string file(const std::string& relative) const { return m_path + "/" + relative; }
    void write(const std::string& relative, const std::string& text) const;  // makes its folders
    std::string read(const std::string& relative) const;
    bool exists(const std::string& relative) const;

    // Runs apirunner here. Every captured byte is checked for the sandbox's secrets (SENTINEL-),
    // so the whole suite doubles as a secret scan.
    // `launcher` (a program and its arguments, such as prlimit) runs apirunner when given.
    Finished apirunner(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env = {},
                       const std::vector<std::string>& launcher = {}) const;

    // One integer from a SQLite query on a file here.
    Poco::Int64 sql(const std::string& database, const std::string& query) const;

  private:
    Poco::TemporaryFile m_dir;
    std::string m_path;
};

// A jobs file with the given `providers:` and `jobs:` entries (indented by two spaces), the
// sinks `warehouse` (out/extracts.sqlite) and `files` (out/{job}.jsonl), and state in state/.
// "{sandbox}" in the text becomes the sandbox's base URL.
std::string jobs_yaml(const Sandbox& sandbox, const std::string& providers,
                      const std::string& jobs);

// A jobs file for the sandbox's MediaMath: `extra_provider` lines go under the provider and
// `records_per_page` sets the paging limit.
std::string mediamath_jobs(const Sandbox& sandbox, const std::string& extra_provider = "",
                           int records_per_page = 100);

// A job file of jobs/ (`file` below it) as shipped, its defaults pointed at this sandbox and its
// files (state, outputs) kept in the working folder.
std::string shipped_jobs(const Sandbox& sandbox, const std::string& file);

// The pages the job's unfinished run has checkpointed so far in the state database `state`
// (0 before there is a database or a checkpoint in it).
Poco::Int64 checkpointed_pages(const Workdir& work, const std::string& state = "state/state.db");

// Waits (up to a minute) until the running job has checkpointed more than `pages`. A fixed sleep
// would not do: a slow machine, or a sanitizer build, may not have started paging by then.
void wait_for_checkpoint_past(const Workdir& work, Poco::Int64 pages,
                              const std::string& state = "state/state.db");

// Lines of a text file (a JSON Lines output).
std::vector<std::string> lines_of(const std::string& text);

}  // namespace itest
