#include "extract/page_parser.hpp"

#include "extract/json_path.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace apirunner {

ParsedPage parse_page(const std::string& body, const std::string& records_path) {
    ParsedPage page;
    const bool bom = body.rfind("\xEF\xBB\xBF", 0) == 0;
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        page.body = parser.parse(bom ? body.substr(3) : body);
    } catch (const Poco::Exception& error) {
        const std::string start = body.substr(0, 1);
        throw Error(ErrorKind::bad_data,
                    std::string("the page is not valid JSON") +
                        (start == "<" ? " (it looks like HTML)" : "") + ": " + error.displayText());
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
