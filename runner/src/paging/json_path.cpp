#include "paging/json_path.hpp"

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace apirunner {

namespace {

// Reads one path; throws std::invalid_argument naming the character at fault.
class PathReader {
  public:
    explicit PathReader(std::string_view text) : m_text(text) {}

    std::vector<JsonPath::Step> steps() {
        std::vector<JsonPath::Step> steps;
        if (m_text == "$" || m_text.substr(0, 2) == "$." || m_text.substr(0, 2) == "$[") {
            m_at = 1;
        }
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '.') {
                ++m_at;
            } else if (c == '[') {
                steps.push_back(bracket());
            } else if (c == ']') {
                fail("a ']' without its '['");
            } else {
                steps.push_back({key(), std::nullopt});
            }
        }
        return steps;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::invalid_argument(what + " at character " + std::to_string(m_at + 1));
    }

    std::string key() {
        const std::size_t end = std::min(m_text.find_first_of(".[]", m_at), m_text.size());
        std::string key(m_text.substr(m_at, end - m_at));
        m_at = end;
        return key;
    }

    JsonPath::Step bracket() {
        m_open = m_at++;
        if (m_at < m_text.size() && (m_text[m_at] == '"' || m_text[m_at] == '\'')) {
            JsonPath::Step step{quoted(m_text[m_at]), std::nullopt};
            close();
            return step;
        }
        const std::size_t end = m_text.find(']', m_at);
        if (end == std::string_view::npos) {
            unclosed();
        }
        const std::string number(m_text.substr(m_at, end - m_at));
        Poco::Int64 index = 0;
        const bool digits =
            !number.empty() && number.find_first_not_of("-0123456789") == std::string::npos;
        if (digits && number.find('-', 1) == std::string::npos &&
            !Poco::NumberParser::tryParse64(number, index)) {
            m_at = m_open;
            fail("the position [" + number + "] is out of range");
        }
        if (!digits || !Poco::NumberParser::tryParse64(number, index)) {
            m_at = m_open;
            fail("'[" + number +
                 "]' is neither a position such as [0] or [-1] nor a quoted key "
                 "such as [\"" +
                 number + "\"]");
        }
        m_at = end;
        close();
        return {"", index};
    }

    std::string quoted(char quote) {
        std::string key;
        for (++m_at; m_at < m_text.size(); ++m_at) {
            char c = m_text[m_at];
            if (c == quote) {
                ++m_at;
                return key;
            }
            if (c == '\\') {
                if (++m_at == m_text.size()) {
                    break;
                }
                c = m_text[m_at];
                if (c != quote && c != '\\') {
                    fail(std::string("'\\") + c + "' is not an escape: only \\" + quote +
                         " and \\\\ are");
                }
            }
            key += c;
        }
        fail(std::string("a key in quotes without its closing ") + quote);
    }

    void close() {
        if (m_at >= m_text.size() || m_text[m_at] != ']') {
            unclosed();
        }
        ++m_at;
        if (m_at < m_text.size() && m_text[m_at] != '.' && m_text[m_at] != '[') {
            fail("a '.' or '[' belongs after ']'");
        }
    }

    [[noreturn]] void unclosed() {
        m_at = m_open;
        fail("a '[' without its ']'");
    }

    std::string_view m_text;
    std::size_t m_at = 0;
    std::size_t m_open = 0;  // where the latest '[' is
};

// The element at `index` of `array` (from the end when negative), or nothing.
std::optional<JsonValue> element_at(simdjson::dom::array array, std::int64_t index) {
    const auto size = static_cast<std::int64_t>(array.size());
    const std::int64_t position = index < 0 ? size + index : index;
    if (position < 0 || position >= size) {
        return std::nullopt;
    }
    JsonValue element;
    if (array.at(static_cast<std::size_t>(position)).get(element) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return element;
}

}  // namespace

JsonPath JsonPath::parse(std::string_view text) {
    JsonPath path;
    path.m_steps = PathReader(text).steps();
    path.m_text = std::string(text);
    return path;
}

std::optional<std::string> JsonPath::problem(std::string_view text) {
    try {
        parse(text);
        return std::nullopt;
    } catch (const std::invalid_argument& error) {
        return "is not a path: " + std::string(error.what()) +
               " (keys with dots go in brackets and quotes: [\"@odata.nextLink\"])";
    }
}

const char* JsonPath::pattern() {
    return R"(^(?:\$(?=$|[.\[]))?(?:\.|[^.\[\]]+|\[(?:-?[0-9]+|"(?:[^"\\]|\\["\\])*"|)"
           R"('(?:[^'\\]|\\['\\])*')\](?=$|[.\[]))*$)";
}

bool JsonPath::counts_from_end() const {
    for (const auto& step : m_steps) {
        if (step.index && *step.index < 0) {
            return true;
        }
    }
    return false;
}

std::string json_pointer(const JsonPath& path) {
    if (path.counts_from_end()) {
        throw std::logic_error("'" + path.text() + "' counts from the end: no JSON Pointer");
    }
    std::string pointer;
    for (const auto& step : path.steps()) {
        pointer += '/';
        if (step.index) {
            pointer += std::to_string(*step.index);
            continue;
        }
        for (const char c : step.key) {
            pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
    }
    return pointer;
}

namespace {

using StepIterator = std::vector<JsonPath::Step>::const_iterator;

std::optional<JsonValue> find_steps(JsonValue root, StepIterator from, StepIterator to) {
    JsonValue current = root;
    for (; from != to; ++from) {
        const JsonPath::Step& step = *from;
        if (step.index) {
            simdjson::dom::array array;
            if (current.get(array) != simdjson::SUCCESS) {
                return std::nullopt;
            }
            const auto element = element_at(array, *step.index);
            if (!element) {
                return std::nullopt;
            }
            current = *element;
            continue;
        }
        simdjson::dom::object object;
        if (current.get(object) != simdjson::SUCCESS ||
            object.at_key(step.key).get(current) != simdjson::SUCCESS) {
            return std::nullopt;
        }
    }
    return current;
}

}  // namespace

std::optional<JsonValue> find_path(JsonValue root, const JsonPath& path) {
    return find_steps(root, path.steps().begin(), path.steps().end());
}

std::optional<JsonValue> find_path(const simdjson::dom::object& root, const JsonPath& path) {
    JsonValue first;
    if (path.is_root() || path.steps().front().index ||
        root.at_key(path.steps().front().key).get(first) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return find_steps(first, path.steps().begin() + 1, path.steps().end());
}

std::optional<std::int64_t> as_count(const std::optional<JsonValue>& value) {
    if (!value) {
        return std::nullopt;
    }
    std::int64_t whole = 0;
    double number = 0;
    std::string_view text;
    if (value->get(whole) == simdjson::SUCCESS) {
        return whole >= 0 ? std::optional<std::int64_t>(whole) : std::nullopt;
    }
    if (value->is_double() && value->get(number) == simdjson::SUCCESS) {
        if (number >= 0 && number < 9.0e18 && std::floor(number) == number) {
            return static_cast<std::int64_t>(number);
        }
        return std::nullopt;
    }
    return value->get(text) == simdjson::SUCCESS ? count_text(text) : std::nullopt;
}

std::optional<std::int64_t> count_text(std::string_view text) {
    Poco::Int64 parsed = 0;
    if (Poco::NumberParser::tryParse64(Poco::trim(std::string(text)), parsed) && parsed >= 0) {
        return parsed;
    }
    return std::nullopt;
}

std::optional<std::string> position_text(const std::optional<JsonValue>& value) {
    if (!value) {
        return std::nullopt;
    }
    std::string_view text;
    if (value->get(text) == simdjson::SUCCESS) {
        return text.empty() ? std::nullopt : std::optional<std::string>(text);
    }
    if (value->is_number()) {
        return simdjson::minify(*value);
    }
    return std::nullopt;
}

}  // namespace apirunner
