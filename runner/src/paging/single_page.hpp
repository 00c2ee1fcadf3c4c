// `paging: {type: none}`, or no paging block: one request.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class SinglePage : public Paginator {
  public:
    SinglePage() : Paginator(1) {}
    std::optional<PageRequest> next() override;
    void accept(const Page&) override { m_done = true; }

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    bool m_done = false;
};

PagingKind single_page_paging();

}  // namespace apirunner
