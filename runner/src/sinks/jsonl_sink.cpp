#include "sinks/jsonl_sink.hpp"

#include "state/storage_error.hpp"

#include <apirunner/error.hpp>

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace apirunner {

std::string expand_path_template(const std::string& pattern, const RunInfo& run) {
    std::string safe_job = run.job;
    for (char& c : safe_job) {
        c = (c == '/' || c == '\\') ? '_' : c;
    }
    std::string path = Poco::replace(pattern, std::string("{job}"), safe_job);
    path = Poco::replace(path, std::string("{date}"), run.date);
    return Poco::replace(path, std::string("{run_id}"), run.run_id);
}

JsonlSink::JsonlSink(const SinkSpec& sink, const OutputSpec& output, const RunInfo& run)
    : m_name(sink.name),
      m_mode(output.mode),
      m_path(expand_path_template(sink.fields.text("path"), run)),
      m_temporary(m_path + ".tmp-" + run.run_id) {}

JsonlSink::~JsonlSink() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void JsonlSink::fail(const std::string& what) const {
    throw Error(ErrorKind::temporary, "sink '" + m_name + "': " + what + " '" + m_temporary +
                                          "': " + std::strerror(errno));
}

void JsonlSink::open_temporary(int flags) {
    m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CLOEXEC | flags, 0644);
    if (m_fd < 0) {
        throw Error(errno_kind(errno), "sink '" + m_name + "': cannot write '" + m_temporary +
                                           "': " + std::strerror(errno));
    }
}

void JsonlSink::close_temporary() {
    const int fd = m_fd;
    m_fd = -1;
    if (fd >= 0 && ::close(fd) != 0) {
        fail("cannot close");
    }
}

// Temporary files of this target that runs killed before their first checkpoint left behind.
void JsonlSink::remove_leftovers() const {
    const Poco::Path target(m_path);
    const std::string prefix = target.getFileName() + ".tmp-";
    std::vector<std::string> names;
    Poco::File(target.parent()).list(names);
    for (const auto& name : names) {
        if (name.compare(0, prefix.size(), prefix) == 0) {
            std::remove(Poco::Path(target.parent(), name).toString().c_str());
        }
    }
}

void JsonlSink::start() {
    try {
        Poco::File(Poco::Path(m_path).parent()).createDirectories();
        remove_leftovers();
        if (m_mode == OutputMode::append && Poco::File(m_path).exists()) {
            Poco::File(m_path).copyTo(m_temporary);
        }
    } catch (const Poco::Exception& error) {
        // copying an appended file onto a full disk is temporary, a folder in the way config
        throw storage_error("sink '" + m_name + "': cannot prepare '" + m_path + "'", error);
    }
    open_temporary(O_CREAT | (m_mode == OutputMode::append ? O_APPEND : O_TRUNC));
    struct stat status {};
    m_size = ::fstat(m_fd, &status) == 0 ? status.st_size : 0;
}

bool JsonlSink::resume(const SinkCheckpoint& checkpoint) {
    struct stat status {};
    if (::stat(m_temporary.c_str(), &status) != 0) {
        // Renamed into place already, when the run was finishing; lost otherwise.
        m_finished = checkpoint.finishing && Poco::File(m_path).exists();
        return m_finished;
    }
    Poco::Int64 length = 0;
    if (!Poco::NumberParser::tryParse64(checkpoint.position, length) || length < 0 ||
        status.st_size < length || ::truncate(m_temporary.c_str(), length) != 0) {
        return false;
    }
    open_temporary(O_APPEND);
    m_size = length;
    m_pages = checkpoint.pages;
    return true;
}

void JsonlSink::write_page(const std::vector<Record>& records, std::int64_t page) {
    if (page <= m_pages) {
        return;
    }
    std::string lines;
    for (const auto& record : records) {
        lines += record.json;
        lines += '\n';
    }
    for (std::size_t done = 0; done < lines.size();) {
        const ssize_t wrote = ::write(m_fd, lines.data() + done, lines.size() - done);
        if (wrote < 0 && errno != EINTR) {
            fail("writing failed on");
        }
        done += wrote > 0 ? static_cast<std::size_t>(wrote) : 0;
    }
    m_size += static_cast<std::int64_t>(lines.size());
    m_pages = page;
}

void JsonlSink::sync() {
    if (m_fd >= 0 && ::fdatasync(m_fd) != 0) {
        fail("cannot sync");
    }
}

std::string JsonlSink::position() const { return std::to_string(m_size); }

void JsonlSink::finish() {
    if (m_finished) {
        return;
    }
    sync();  // the whole file is on disk before it takes the target's name
    close_temporary();
    if (std::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
        throw Error(ErrorKind::temporary, "sink '" + m_name + "': cannot move '" + m_temporary +
                                              "' to '" + m_path + "': " + std::strerror(errno));
    }
    m_finished = true;
}

void JsonlSink::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    std::remove(m_temporary.c_str());
}

std::string JsonlSink::describe() const { return m_path; }

SinkType jsonl_sink_type() {
    SinkType type;
    type.name = "jsonl";
    type.description =
        "JSON Lines files: a record a line, written under a temporary name and renamed "
        "into place when the job ends.";
    type.fields = {
        {"path", FieldType::path,
         "The file, relative to the jobs file; it may hold {job}, {date} (UTC, YYYY-MM-DD) "
         "and {run_id}."}};
    type.fields.front().required = true;
    type.modes = {OutputMode::append, OutputMode::replace};
    type.make = [](const SinkSpec& sink, const OutputSpec& output, const RecordShape&,
                   const RunInfo& run) { return std::make_unique<JsonlSink>(sink, output, run); };
    type.files = [](const SinkSpec& sink) {
        return std::vector<std::string>{sink.fields.text("path")};
    };
    return type;
}

}  // namespace apirunner
