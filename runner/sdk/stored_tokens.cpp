#include "stored_tokens.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace apirunner::oauth2 {

std::string serialize(const StoredTokens& stored) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("version", 1);
    object.set("owner", stored.owner);
    object.set("access_token", stored.tokens.access_token);
    object.set("refresh_token", stored.tokens.refresh_token);
    object.set("token_type", stored.tokens.token_type);
    object.set("scope", stored.tokens.scope);
    object.set("lifetime_s", stored.tokens.lifetime_s);
    object.set("expires_at", stored.expires_at_unix);
    std::ostringstream text;
    object.stringify(text);
    return text.str();
}

std::optional<StoredTokens> deserialize(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        if (!object || object->optValue<int>("version", 0) != 1) {
            return std::nullopt;
        }
        StoredTokens stored;
        stored.owner = object->getValue<std::string>("owner");
        stored.tokens.access_token = object->getValue<std::string>("access_token");
        stored.tokens.refresh_token = object->getValue<std::string>("refresh_token");
        stored.tokens.token_type = object->getValue<std::string>("token_type");
        stored.tokens.scope = object->getValue<std::string>("scope");
        stored.tokens.lifetime_s = object->getValue<Poco::Int64>("lifetime_s");
        stored.expires_at_unix = object->getValue<Poco::Int64>("expires_at");
        return stored;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

}  // namespace apirunner::oauth2
