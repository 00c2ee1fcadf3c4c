// libFuzzer target: page parsing and every paginator (make fuzz).
#include "fuzz_inputs.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    apirunner::fuzz::page_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
