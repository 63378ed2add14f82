#include "capi/RequestHead.hpp"

#include <algorithm>
#include <string_view>

namespace wsh::capi {

namespace {

// Appends `text` with every byte for which `forges` holds written as a NUL, up to `room` bytes.
template <typename Forges>
void append_neutralised(std::string& head, std::string_view text, std::size_t room, Forges forges) {
  const std::size_t start = head.size();
  head.append(text.substr(0, room));
  std::replace_if(head.begin() + static_cast<std::ptrdiff_t>(start), head.end(), forges, '\0');
}

} // namespace

void rebuild_head(std::string_view start_line, std::span<const WEB_SOCKET_HTTP_HEADER> headers,
                  std::size_t limit, std::string& head) {
  const std::size_t most = limit + 1;
  head.clear();
  head.append(start_line);
  const auto room = [&] { return most > head.size() ? most - head.size() : 0; };
  const auto name_forges = [](char c) { return c == ':' || c == '\r' || c == '\n'; };
  const auto value_forges = [](char c) { return c == '\r' || c == '\n'; };
  for (const WEB_SOCKET_HTTP_HEADER& header : headers) {
    if (room() == 0) {
      return;
    }
    append_neutralised(head, std::string_view(header.pcName, header.ulNameLength), room(),
                       name_forges);
    head.append(std::string_view(": ").substr(0, room()));
    append_neutralised(head, std::string_view(header.pcValue, header.ulValueLength), room(),
                       value_forges);
    head.append(std::string_view("\r\n").substr(0, room()));
  }
  head.append(std::string_view("\r\n").substr(0, room()));
}

} // namespace wsh::capi
