#include "config/job_fingerprint.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

namespace apirunner {

std::string job_fingerprint(const JobsConfig& config, const JobSpec& job) {
    Poco::SHA1Engine sha1;
    const auto add = [&sha1](const std::string& text) { sha1.update(text + '\n'); };
    add(job.provider);
    add(job.request.method + " " + job.request.path);
    for (const auto& [name, value] : job.request.params) {
        add(name + "=" + value);
    }
    const PagingSpec& paging = job.paging;
    for (const std::string& part :
         {paging.type, std::to_string(paging.limit), paging.limit_param, paging.offset_param,
          paging.records, paging.page_param, std::to_string(paging.start_page), paging.cursor_param,
          paging.cursor, paging.next, job.primary_key}) {
        add(part);
    }
    for (const auto& output : job.outputs) {
        add(output.sink + " " + config.sinks.at(output.sink).path + " " + output.table + " " + output.mode);
    }
    return Poco::DigestEngine::digestToHex(sha1.digest());
}

}  // namespace apirunner
