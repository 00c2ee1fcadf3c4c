// A plugin's settings table (Fluent Bit's config map) and the validated values the host hands to
// the plugin's factory.
#pragma once

#include <boost/config.hpp>
#include <cstdint>
#include <map>
#include <string>

namespace apirunner {

enum class SettingType { string, integer, boolean, url };

const char* to_string(SettingType type);

// One row of a plugin's table. default_value is nullptr when the setting has no default.
struct SettingSpec {
    const char* name;
    SettingType type;
    const char* default_value;
    bool required;
    bool secret;
    const char* description;
};

// Values already checked against the table by the host: every required key is present, every
// value parses as its type, and defaults are filled in.
class BOOST_SYMBOL_VISIBLE Settings {
  public:
    Settings() = default;
    explicit Settings(std::map<std::string, std::string> values) : m_values(std::move(values)) {}

    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    // Throws Error(config) when the setting is absent.
    const std::string& get(const std::string& name) const;
    std::string get_or(const std::string& name, const std::string& fallback) const;
    std::int64_t get_int(const std::string& name) const;
    bool get_bool(const std::string& name) const;
    const std::map<std::string, std::string>& values() const { return m_values; }

  private:
    std::map<std::string, std::string> m_values;
};

}  // namespace apirunner
