// A session whose credentials never change (a static token, a user and password, an API key):
// nothing to log in to or keep alive; a 401 means the credentials are wrong.
#pragma once

#include <apirunner/host.hpp>
#include <apirunner/session.hpp>
#include <boost/config.hpp>

namespace apirunner {

class BOOST_SYMBOL_VISIBLE StaticSession : public Session {
  public:
    void open() override {}
    std::optional<std::int64_t> keep_alive_in_ms() override { return std::nullopt; }
    void keep_alive() override {}
    // Throws Error(credentials): nothing can renew static credentials.
    void recover(const HttpResponse& refused) override;
    void close() noexcept override {}

  protected:
    ~StaticSession() override;
};

}  // namespace apirunner
