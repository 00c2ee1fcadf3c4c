#include "extract/page_parser.hpp"

#include "extract/json_path.hpp"

#include <apirunner/error.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>

namespace apirunner {
namespace {

// Where the first byte that breaks UTF-8 (RFC 3629) is, if any: overlong forms, surrogates
// and values past U+10FFFF included.
std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char lead = bytes[i];
        const int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) {
            return i;
        }
        std::uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return i;
            }
            code = (code << 6) | (bytes[i + k] & 0x3F);
        }
        const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return i;
        }
        i += static_cast<std::size_t>(length);
    }
    return std::nullopt;
}

std::string why_not_json(const std::string& body, simdjson::error_code error) {
    const std::string what = simdjson::error_message(error);
    if (body.compare(0, 1, "<") == 0) {
        return "the page is not valid JSON (it looks like HTML): " + what;
    }
    if (auto at = first_invalid_utf8(body)) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(body[*at]));
        return "the page is not valid JSON: it is not UTF-8 (byte " + std::string(byte) + " at offset " +
               std::to_string(*at) + ")";
    }
    return "the page is not valid JSON: " + what;
}

}  // namespace

ParsedPage parse_page(const std::string& body, const std::string& records_path) {
    ParsedPage page;
    page.storage = std::make_unique<ParsedPage::Storage>();
    const std::size_t skip = body.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    // One parser a thread, its working buffers reused; the page keeps only its document. The
    // body is parsed where it is when its buffer has simdjson's padding to spare.
    const bool padded = body.capacity() - body.size() >= simdjson::SIMDJSON_PADDING;
    thread_local simdjson::dom::parser parser;
    if (const auto error = parser.parse_into_document(page.storage->document,
                                                      reinterpret_cast<const std::uint8_t*>(body.data()) + skip,
                                                      body.size() - skip, !padded)
                               .get(page.body)) {
        throw Error(ErrorKind::bad_data, why_not_json(body, error));
    }
    if (page.body.is_array() && !records_path.empty()) {
        throw Error(ErrorKind::bad_data,
                    "the page is a JSON array where an object with records at '" + records_path + "' belongs");
    }
    simdjson::dom::array list;
    const auto found = find_path(page.body, records_path);
    if (!found || found->get(list) != simdjson::SUCCESS) {
        throw Error(ErrorKind::bad_data,
                    records_path.empty() ? std::string("the page is not a JSON list of records")
                                         : "the page has no list of records at '" + records_path + "'");
    }
    // The texts first, then the views: the buffer may move while it grows.
    std::string& texts = page.storage->records_json;
    texts.reserve(body.size());
    std::vector<std::size_t> ends;
    std::vector<simdjson::dom::object> objects;
    for (const JsonValue element : list) {
        simdjson::dom::object object;
        if (element.get(object) != simdjson::SUCCESS) {
            throw Error(ErrorKind::bad_data,
                        "record " + std::to_string(objects.size() + 1) + " of the page is not a JSON object");
        }
        texts += simdjson::minify(object);
        ends.push_back(texts.size());
        objects.push_back(object);
    }
    page.records.reserve(objects.size());
    std::size_t start = 0;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        page.records.push_back({objects[i], std::string_view(texts).substr(start, ends[i] - start)});
        start = ends[i];
    }
    return page;
}

}  // namespace apirunner
