#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// The names as `a`, `b`, `c`; a long list is cut after a few, with the count of the rest, so a
// hostile request cannot make a message as large as itself.
std::string quote_list(const std::vector<std::string_view>& names);

// The distinct names among `names`, in first-seen order, in O(n log n): a request may repeat
// a name tens of thousands of times.
std::vector<std::string_view> distinct(const std::vector<std::string_view>& names);

} // namespace wsh::handshake
