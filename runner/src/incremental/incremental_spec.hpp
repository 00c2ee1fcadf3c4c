// A job's `incremental:` block as the loader read it. Its own file, like PagingSpec, so that the
// loader can check the settings with incremental/ without incremental/ depending on config/.
#pragma once

#include <cstdint>
#include <string>

namespace apirunner {

// `incremental:` (README, "Incremental"): where a job's bookmark comes from and how each run
// sends it. The bookmark is the highest `cursor` of the records, or the `token` of the walk's
// last page (a sync token, a delta link, Zendesk's after_cursor): one of the two is set.
struct IncrementalSpec {
    std::string cursor;              // the path in each record that moves the bookmark
    std::string token;               // the path on the last page whose value is the bookmark
    std::string token_param;         // where a token is sent; "": the walk starts from it
    std::string param;               // the parameter carrying the run's lower bound
    std::string end_param;           // the one carrying its upper bound (the run's start); ""
    std::string format = "iso8601";  // also says what the values are: times, numbers or text
    std::string inject = "query";    // where both go, unless request.path names them
    std::string start;               // the first lower bound: a value, or a span back (30d); ""
    std::int64_t lookback_s = 0;     // taken off the bookmark when it is sent (late writes)
    std::int64_t window_s = 0;       // walk the range in windows this wide (0: one walk)
    bool descending = false;         // `order: descending`: stop at a page wholly behind the range

    bool by_token() const { return !token.empty(); }
};

}  // namespace apirunner
