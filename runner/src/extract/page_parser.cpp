#include "extract/page_parser.hpp"

#include "paging/json_path.hpp"

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
        const int length = lead < 0x80           ? 1
                           : (lead >> 5) == 0x6  ? 2
                           : (lead >> 4) == 0xE  ? 3
                           : (lead >> 3) == 0x1E ? 4
                                                 : 0;
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
        return "the page is not valid JSON: it is not UTF-8 (byte " + std::string(byte) +
               " at offset " + std::to_string(*at) + ")";
    }
    return "the page is not valid JSON: " + what;
}

// Gives each record the slice of the minified page that holds it: simdjson's On-Demand walk of
// the same text knows where each value starts and ends, which the parsed document does not.
void slice_records(const std::string& text, const JsonPath& records_path,
                   std::vector<Record>& records) {
    thread_local simdjson::ondemand::parser parser;
    simdjson::ondemand::document document;
    simdjson::ondemand::array list;
    auto error = parser.iterate(text.data(), text.size(), text.capacity()).get(document);
    if (!error) {
        const std::string pointer = json_pointer(records_path);
        error = (pointer.empty() ? document.get_array() : document.at_pointer(pointer).get_array())
                    .get(list);
    }
    std::size_t i = 0;
    for (auto element = list.begin(); !error && element != list.end() && i < records.size();
         ++element, ++i) {
        simdjson::ondemand::object object;
        error = (*element).get_object().get(object);
        if (!error) {
            error = object.raw_json().get(records[i].json);
        }
    }
    if (error || i != records.size()) {
        throw Error(ErrorKind::bad_data,
                    std::string("the page's records could not be read back: ") +
                        simdjson::error_message(error));
    }
}

}  // namespace

ParsedPage parse_page(const std::string& body, const JsonPath& records_path) {
    ParsedPage page;
    page.storage = std::make_unique<ParsedPage::Storage>();
    const std::size_t skip = body.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    // The page without the spaces between its tokens, with simdjson's padding after it: each
    // record's JSON is then a slice of it, as the provider wrote it, and needs no writing out.
    std::string& text = page.storage->text;
    text.resize(body.size() - skip + simdjson::SIMDJSON_PADDING);
    std::size_t length = 0;
    const bool minified = simdjson::minify(body.data() + skip, body.size() - skip, text.data(),
                                           length) == simdjson::SUCCESS;
    text.resize(minified ? length : 0);  // the capacity, and so the padding, stays
    // One parser a thread, its working buffers reused; the page keeps only its document.
    thread_local simdjson::dom::parser parser;
    if (!minified) {  // an unclosed string, say: the parser of the page as it came tells what
        const auto error = parser.parse(body.data() + skip, body.size() - skip).error();
        throw Error(ErrorKind::bad_data, why_not_json(body, error ? error : simdjson::TAPE_ERROR));
    }
    if (const auto error =
            parser
                .parse_into_document(page.storage->document,
                                     reinterpret_cast<const std::uint8_t*>(text.data()),
                                     text.size(), false)
                .get(page.body)) {
        throw Error(ErrorKind::bad_data, why_not_json(body, error));
    }
    if (page.body.is_array() && !records_path.is_root() && !records_path.steps()[0].index) {
        throw Error(ErrorKind::bad_data,
                    "the page is a JSON array where an object with records at '" +
                        records_path.text() + "' belongs");
    }
    simdjson::dom::array list;
    const auto found = find_path(page.body, records_path);
    if (!found || found->get(list) != simdjson::SUCCESS) {
        throw Error(ErrorKind::bad_data,
                    records_path.is_root()
                        ? std::string("the page is not a JSON list of records")
                        : "the page has no list of records at '" + records_path.text() + "'");
    }
    page.records.reserve(list.size());
    for (const JsonValue element : list) {
        simdjson::dom::object object;
        if (element.get(object) != simdjson::SUCCESS) {
            throw Error(ErrorKind::bad_data, "record " + std::to_string(page.records.size() + 1) +
                                                 " of the page is not a JSON object");
        }
        page.records.push_back({object, {}});
    }
    slice_records(text, records_path, page.records);
    return page;
}

}  // namespace apirunner
