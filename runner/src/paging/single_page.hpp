// `paging: {type: none}`, or no paging block: one request. A page that says more follow
// (has_more/last_page) fails the job: the records past it would be missed silently.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class SinglePage : public Paginator {
  public:
    explicit SinglePage(const PagingSpec& spec) : Paginator(1, spec.fields) {}
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
};

PagingKind single_page_paging();

}  // namespace apirunner
