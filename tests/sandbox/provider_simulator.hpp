// One simulated provider: a path prefix on the sandbox's port, and the handler behind it.
// Adding a provider is adding one simulator file and one line in sandbox_main.cpp.
#pragma once

#include "exchange.hpp"
#include "sandbox_options.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace sandbox {

class ProviderSimulator {
  public:
    virtual ~ProviderSimulator() = default;
    // Prefixes it answers under, e.g. "/mediamath" and "/mediamath-auth".
    virtual std::vector<std::string> prefixes() const = 0;
    // `prefix` is the one that matched; exchange.path() is what follows it.
    virtual void handle(const std::string& prefix, Exchange& exchange) = 0;
    // Whether a path (below the prefix) is a data endpoint: the only place faults are injected.
    virtual bool serves_data(const std::string& path) const = 0;
};

// One line on stderr per event worth seeing ("mediamath: login (password grant)"). No secrets.
void log_event(const std::string& provider, const std::string& event);

}  // namespace sandbox
