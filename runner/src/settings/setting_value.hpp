// One provider setting as the jobs file gave it: the config path it came from and its text
// (${VAR} substituted, *_file read). The plugin's table says what it must be.
#pragma once

#include <string>

namespace apirunner {

struct SettingValue {
    std::string path;
    std::string text;
};

}  // namespace apirunner
