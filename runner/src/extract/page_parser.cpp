#include "extract/page_parser.hpp"

#include "extract/json_path.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>

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

std::string why_not_json(const std::string& body, const Poco::Exception& error) {
    if (body.compare(0, 1, "<") == 0) {
        return "the page is not valid JSON (it looks like HTML): " + error.displayText();
    }
    if (auto at = first_invalid_utf8(body)) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(body[*at]));
        return "the page is not valid JSON: it is not UTF-8 (byte " + std::string(byte) + " at offset " +
               std::to_string(*at) + ")";
    }
    return "the page is not valid JSON: " + error.displayText();
}

}  // namespace

ParsedPage parse_page(const std::string& body, const std::string& records_path) {
    ParsedPage page;
    const bool bom = body.rfind("\xEF\xBB\xBF", 0) == 0;
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        page.body = parser.parse(bom ? body.substr(3) : body);
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::bad_data, why_not_json(body, error));
    }
    const bool array_page = page.body.type() == typeid(Poco::JSON::Array::Ptr);
    if (array_page && !records_path.empty()) {
        throw Error(ErrorKind::bad_data,
                    "the page is a JSON array where an object with records at '" + records_path + "' belongs");
    }
    const Poco::Dynamic::Var list = find_path(page.body, records_path);
    if (list.type() != typeid(Poco::JSON::Array::Ptr)) {
        throw Error(ErrorKind::bad_data,
                    records_path.empty() ? std::string("the page is not a JSON list of records")
                                         : "the page has no list of records at '" + records_path + "'");
    }
    const auto array = list.extract<Poco::JSON::Array::Ptr>();
    page.records.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto object = array->getObject(static_cast<unsigned>(i));
        if (!object) {
            throw Error(ErrorKind::bad_data,
                        "record " + std::to_string(i + 1) + " of the page is not a JSON object");
        }
        std::ostringstream json;
        object->stringify(json);
        page.records.push_back({object, json.str()});
    }
    return page;
}

}  // namespace apirunner
