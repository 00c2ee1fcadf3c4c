// What the sandbox was started with. Every simulated provider reads its knobs from here.
#pragma once

#include "fault_injector.hpp"

#include <chrono>
#include <cstdint>

namespace sandbox {

struct SandboxOptions {
    int port = 8765;             // 0: any free port
    std::int64_t records = 250;  // records each data endpoint serves
    std::chrono::seconds token_ttl{86400};
    std::chrono::seconds refresh_ttl{0};  // 0: refresh tokens never expire
    std::chrono::seconds session_ttl{7200};
    std::chrono::milliseconds latency{0};  // added before every answer, as a slow API would
    FaultOptions faults;
};

}  // namespace sandbox
