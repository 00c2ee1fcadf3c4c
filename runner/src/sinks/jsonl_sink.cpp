#include "sinks/jsonl_sink.hpp"

#include <apirunner/error.hpp>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/String.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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
    : m_path(expand_path_template(sink.path, run)), m_temporary(m_path + ".tmp-" + run.run_id) {
    try {
        Poco::File(Poco::Path(m_path).parent()).createDirectories();
        if (output.mode == "append" && Poco::File(m_path).exists()) {
            Poco::File(m_path).copyTo(m_temporary);
        }
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::config, "sink '" + sink.name + "': cannot prepare '" + m_path +
                                           "': " + error.displayText());
    }
    m_out.open(m_temporary, std::ios::binary | std::ios::app);
    if (!m_out) {
        throw Error(ErrorKind::config, "sink '" + sink.name + "': cannot write '" + m_temporary +
                                           "': " + std::strerror(errno));
    }
}

JsonlSink::~JsonlSink() {
    if (m_out.is_open()) {
        abort();
    }
}

void JsonlSink::write_page(const std::vector<Record>& records) {
    for (const auto& record : records) {
        m_out << record.json << '\n';
    }
    m_out.flush();
    if (!m_out) {
        throw Error(ErrorKind::temporary, "writing '" + m_temporary + "' failed: " + std::strerror(errno));
    }
}

void JsonlSink::finish() {
    m_out.close();
    if (!m_out) {
        throw Error(ErrorKind::temporary, "writing '" + m_temporary + "' failed");
    }
    if (std::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
        throw Error(ErrorKind::temporary, "cannot move '" + m_temporary + "' to '" + m_path +
                                              "': " + std::strerror(errno));
    }
}

void JsonlSink::abort() noexcept {
    m_out.close();
    std::remove(m_temporary.c_str());
}

std::string JsonlSink::describe() const { return m_path; }

}  // namespace apirunner
