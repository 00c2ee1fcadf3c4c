#include "fuzz_inputs.hpp"

#include "config/config_loader.hpp"
#include "extract/page_parser.hpp"
#include "paging/next_url_paginator.hpp"
#include "paging/paginator.hpp"

#include <apirunner/error.hpp>

#include <unistd.h>
#include <fstream>

namespace apirunner::fuzz {

void config_input(const std::string& yaml) {
    const std::string path = "/tmp/apirunner-fuzz-" + std::to_string(::getpid()) + ".yaml";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << yaml;
    const EnvLookup no_environment = [](const std::string&) {
        return std::optional<std::string>();
    };
    load_config(path, no_environment);
    ::unlink(path.c_str());
}

void page_input(const std::string& input) {
    if (input.empty()) {
        return;
    }
    static const char* const k_types[] = {"offset", "page", "cursor", "next_url", "none"};
    const auto choice = static_cast<unsigned char>(input[0]);
    PagingSpec spec = paging_spec(k_types[choice % 5]);
    spec.fields.set_text("records", (choice & 0x08) ? "data" : "");
    spec.fields.set_text("total", (choice & 0x10) ? "meta.total" : "");
    spec.fields.set_text("total_pages", "pages");
    spec.fields.set_text("cursor", "next");
    spec.fields.set_text("next", (choice & 0x20) ? "next" : "");
    spec.fields.set_integer("max_pages", 3);
    const std::string body = input.substr(1);
    const HeaderList headers = {{"Link", body.substr(0, 256)}};
    const std::string url = "https://api.test/v1/items";
    link_next(body);
    try {
        const ParsedPage page = parse_page(body, JsonPath::parse(spec.records()));
        auto paginator = make_paginator(spec);
        while (paginator->next()) {
            paginator->accept(Page{page.body, page.records.size(), headers, url});
            auto resumed = make_paginator(spec);
            resumed->restore(paginator->save());
        }
    } catch (const Error&) {
        // A refusal with a message: what bad input should get.
    }
}

}  // namespace apirunner::fuzz
