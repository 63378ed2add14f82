#include "output/HttpRenderer.hpp"

#include <fmt/format.h>

namespace wsh::output {

void render_http(const handshake::Outcome& outcome, std::string& out) {
  fmt::format_to(std::back_inserter(out), "HTTP/1.1 {} {}\r\n", outcome.status,
                 handshake::reason_phrase(outcome.status));
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    out += header.name;
    out += ": ";
    out += header.value;
    out += "\r\n";
  }
  out += "\r\n";
}

} // namespace wsh::output
