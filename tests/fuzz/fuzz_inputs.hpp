// What the fuzzers feed, one input at a time: a jobs file to the config loader, and a provider's
// answer to page parsing and to every paginator. Shared by the libFuzzer targets (make fuzz) and
// the unit test that replays the corpus and every input that once crashed (regressions/).
#pragma once

#include <string>

namespace apirunner::fuzz {

// Loads `yaml` as a jobs file. load_config promises never to throw: anything escaping is a bug.
void config_input(const std::string& yaml);

// The first byte picks the paging type and its settings; the rest is the page body (and, cut
// short, a Link header). Error is the expected refusal; anything else escaping is a bug.
void page_input(const std::string& input);

}  // namespace apirunner::fuzz
