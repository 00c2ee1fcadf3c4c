#include "state/lock_file.hpp"

#include <apirunner/error.hpp>

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace apirunner {

LockFile::LockFile(const std::string& state_path, const std::string& kind,
                   const std::string& name) {
    Poco::Path folder = Poco::Path(state_path).parent().pushDirectory("locks");
    for (const Poco::Path& each : {folder, Poco::Path(folder).pushDirectory(kind)}) {
        try {
            Poco::File(each).createDirectories();
        } catch (const Poco::Exception& error) {
            throw Error(ErrorKind::config, "cannot create the lock folder '" + each.toString() +
                                               "': " + error.displayText());
        }
        ::chmod(each.toString().c_str(), 0700);
    }
    folder.pushDirectory(kind);
    std::string safe = name;
    for (char& c : safe) {
        c = (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    }
    m_path = folder.toString() + safe + ".lock";
}

LockFile::~LockFile() { unlock(); }

bool LockFile::acquire(int operation) {
    m_fd = ::open(m_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (m_fd >= 0) {
        int result = 0;
        while ((result = ::flock(m_fd, operation)) != 0 && errno == EINTR) {
        }
        if (result == 0) {
            return true;
        }
    }
    const int error = errno;
    unlock();
    if (error == EWOULDBLOCK) {
        return false;
    }
    throw Error(ErrorKind::temporary, "cannot lock '" + m_path + "': " + std::strerror(error));
}

void LockFile::lock() { acquire(LOCK_EX); }

bool LockFile::try_lock() { return acquire(LOCK_EX | LOCK_NB); }

void LockFile::unlock() noexcept {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
        m_fd = -1;
    }
}

}  // namespace apirunner
