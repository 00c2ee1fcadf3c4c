#include <apirunner/error.hpp>
#include <apirunner/json.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

namespace apirunner {

std::vector<std::pair<std::string, std::string>> json_scalars(const std::string& text) {
    Poco::JSON::Object::Ptr object;
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        object = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::bad_data, "the answer is not a JSON object");
    }
    std::vector<std::pair<std::string, std::string>> scalars;
    for (const auto& name : object->getNames()) {
        const Poco::Dynamic::Var value = object->get(name);
        const bool secret =
            name.find("token") != std::string::npos || name.find("secret") != std::string::npos;
        if (secret || value.isEmpty() ||
            !(value.isString() || value.isNumeric() || value.isBoolean())) {
            continue;
        }
        scalars.emplace_back(name, value.isBoolean() ? (value.extract<bool>() ? "true" : "false")
                                                     : value.convert<std::string>());
    }
    return scalars;
}

}  // namespace apirunner
