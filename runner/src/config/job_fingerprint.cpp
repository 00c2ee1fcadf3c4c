#include "config/job_fingerprint.hpp"

#include "sinks/sink_type.hpp"

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
    if (job.request.body) {  // a filter in the body changes what the walk covers
        add("body " + *job.request.body);
    }
    // Each piece adds the settings of its table that move a position: a new setting is in the
    // fingerprint from the moment it is in its table.
    if (job.paging.kind) {
        add(job.paging.kind->name);
        add(fingerprint_text(job.paging.kind->fields, job.paging.fields));
    }
    if (const auto& incremental = job.incremental) {  // the range a resumed run asks for
        add("incremental " + incremental->cursor + " " + incremental->param + " " +
            incremental->end_param + " " + incremental->format + " " + incremental->inject + " " +
            incremental->start + " " + std::to_string(incremental->lookback_s) + " " +
            std::to_string(incremental->window_s) + (incremental->descending ? " desc" : "") +
            (incremental->by_token()
                 ? " token " + incremental->token + " " + incremental->token_param
                 : ""));
    }
    add(job.primary_key);
    for (const auto& output : job.outputs) {
        const SinkSpec& sink = config.sinks.at(output.sink);
        add(output.sink + " " + sink.type->name + " " + to_string(output.mode));
        add(fingerprint_text(sink.type->fields, sink.fields));
        add(fingerprint_text(sink.type->output_fields, output.fields));
    }
    return Poco::DigestEngine::digestToHex(sha1.digest());
}

}  // namespace apirunner
