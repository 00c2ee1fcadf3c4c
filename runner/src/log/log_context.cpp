#include "log/log_context.hpp"

namespace apirunner {
namespace {

thread_local LogContext t_context;

}  // namespace

const LogContext& log_context() { return t_context; }

JobLogScope::JobLogScope(const std::string& job, const std::string& provider)
    : m_before(t_context) {
    t_context = LogContext{job, provider, ""};
}

JobLogScope::~JobLogScope() { t_context = m_before; }

void set_log_run_id(const std::string& run_id) { t_context.run_id = run_id; }

}  // namespace apirunner
