// Walks a paginator over scripted pages, for the paginators' unit tests.
#pragma once

#include "extract/page_parser.hpp"
#include "paging/paginator.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

namespace paging_walk {

using namespace apirunner;

struct Served {
    std::string body;
    HeaderList headers;
    std::string url = "https://api.test/v1/items";
};

using Endpoint = std::function<Served(const PageRequest&, int index)>;

inline std::string describe(const PageRequest& request) {
    if (request.url) {
        return *request.url;
    }
    std::string text;
    for (const auto& param : request.params) {
        text += (text.empty() ? "" : "&") + param.name + "=" + param.value;
    }
    return text;
}

// Walks to the end; returns each request the paginator made.
inline std::vector<std::string> walk(Paginator& paginator, const Endpoint& endpoint,
                                     int limit = 50) {
    std::vector<std::string> requests;
    while (auto request = paginator.next()) {
        REQUIRE(static_cast<int>(requests.size()) < limit);
        requests.push_back(describe(*request));
        Served served = endpoint(*request, static_cast<int>(requests.size()) - 1);
        ParsedPage page = parse_page(served.body, JsonPath::parse("data"));
        paginator.accept(Page{page.body, page.records.size(), served.headers, served.url});
    }
    return requests;
}

inline std::string records(std::size_t count, std::size_t first_id = 0) {
    std::string data;
    for (std::size_t i = 0; i < count; ++i) {
        data += (i ? "," : "") + std::string("{\"id\":") + std::to_string(first_id + i) + "}";
    }
    return "[" + data + "]";
}

// Pages of the given sizes, with `extra` (JSON members) added to page i's body; the ids of
// page i start at i * 1000.
inline Endpoint pages(std::vector<std::size_t> sizes, std::function<std::string(int)> extra) {
    return [=](const PageRequest&, int index) {
        const std::size_t size = index < static_cast<int>(sizes.size()) ? sizes[index] : 0;
        const std::string more = extra(index);
        const std::string data = records(size, static_cast<std::size_t>(index) * 1000);
        return Served{R"({"data":)" + data + (more.empty() ? "" : "," + more) + "}", {}};
    };
}

inline PagingSpec spec(const std::string& type) {
    PagingSpec paging = paging_spec(type);
    paging.fields.set_integer("limit", 100);
    paging.fields.set_text("records", "data");
    return paging;
}

}  // namespace paging_walk

using namespace paging_walk;
