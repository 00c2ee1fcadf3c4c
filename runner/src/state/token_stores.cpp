#include "state/token_stores.hpp"

#include "state/sqlite_file.hpp"
#include "state/state_db.hpp"
#include "state/storage_error.hpp"

#include <apirunner/error.hpp>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace apirunner {

SqliteTokenStore::SqliteTokenStore(const std::string& state_path, std::string profile,
                                   const std::string& key)
    : m_profile(std::move(profile)), m_path(state_path), m_lock(state_path, "profiles", m_profile) {
    if (!key.empty()) {
        m_cipher.emplace(key);
    }
    try {
        StateDb::create_private(state_path);
        m_db = open_sqlite(state_path);
        *m_db
            << "CREATE TABLE IF NOT EXISTS sessions (profile TEXT PRIMARY KEY, data TEXT NOT NULL, "
               "updated_at TEXT NOT NULL)",
            now;
    } catch (const Poco::Exception& error) {
        throw storage_error("cannot open the token store in '" + state_path + "'", error,
                            ErrorKind::config);
    }
}

SqliteTokenStore::~SqliteTokenStore() = default;

std::string SqliteTokenStore::where(const char* doing) const {
    return "the token store of '" + m_profile + "' in '" + m_path + "': " + doing;
}

std::optional<std::string> SqliteTokenStore::load() {
    return guard_storage(
        where("cannot read the stored session"), [&]() -> std::optional<std::string> {
            Poco::Nullable<std::string> data;
            *m_db << "SELECT data FROM sessions WHERE profile = ?", useRef(m_profile), into(data),
                now;
            if (data.isNull()) {
                return std::nullopt;
            }
            if (!SessionCipher::is_sealed(data.value())) {
                return data.value();  // saved before a key was set: sealed on the next save
            }
            if (!m_cipher) {
                throw Error(ErrorKind::config,
                            "the stored session of '" + m_profile +
                                "' is encrypted; set state_key_env and its variable to read it");
            }
            return m_cipher->open(data.value());
        });
}

void SqliteTokenStore::save(const std::string& plain) {
    guard_storage(where("cannot save the stored session"), [&] {
        const std::string session = m_cipher ? m_cipher->seal(plain) : plain;
        const std::string when =
            Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
        *m_db << "INSERT INTO sessions (profile, data, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (profile) DO UPDATE SET data = excluded.data, updated_at = "
                 "excluded.updated_at",
            useRef(m_profile), useRef(session), useRef(when), now;
    });
}

std::optional<std::string> SqliteTokenStore::updated_at() {
    return guard_storage(
        where("cannot read the stored session"), [&]() -> std::optional<std::string> {
            Poco::Nullable<std::string> when;
            *m_db << "SELECT updated_at FROM sessions WHERE profile = ?", useRef(m_profile),
                into(when), now;
            return when.isNull() ? std::nullopt : std::optional<std::string>(when.value());
        });
}

void SqliteTokenStore::clear() {
    guard_storage(where("cannot clear the stored session"), [&] {
        *m_db << "DELETE FROM sessions WHERE profile = ?", useRef(m_profile), now;
    });
}

void SqliteTokenStore::lock() {
    m_mutex.lock();
    if (m_depth++ > 0) {
        return;
    }
    try {
        m_lock.lock();
    } catch (...) {
        --m_depth;
        m_mutex.unlock();
        throw;
    }
}

void SqliteTokenStore::unlock() noexcept {
    if (--m_depth == 0) {
        m_lock.unlock();
    }
    m_mutex.unlock();
}

}  // namespace apirunner
