#include "io/atomic_file.hpp"

#include <apirunner/error.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace apirunner {

void write_file_atomically(const std::string& path, const std::string& text,
                           const std::string& what) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream file(temporary, std::ios::trunc | std::ios::binary);
        file << text;
        file.close();
        if (!file) {
            std::remove(temporary.c_str());
            throw Error(ErrorKind::config, "cannot write " + what + " '" + path + "'");
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        throw Error(ErrorKind::config, "cannot write " + what + " '" + path + "': " + reason);
    }
}

}  // namespace apirunner
