#include "BeastHandshake.hpp"

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/detail/hybi13.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace wsh::bench {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

bool beast_answer(std::string_view request, std::string& out) {
  http::request_parser<http::empty_body> parser;
  beast::error_code error;
  parser.put(boost::asio::const_buffer(request.data(), request.size()), error);
  if (error || !parser.is_done()) {
    return false;
  }
  const http::request<http::empty_body>& message = parser.get();
  // websocket::is_upgrade covers the version, the method, Connection and Upgrade.
  if (!websocket::is_upgrade(message) || message.find(http::field::host) == message.end()) {
    return false;
  }
  const auto key = message.find(http::field::sec_websocket_key);
  if (key == message.end() ||
      key->value().size() > websocket::detail::sec_ws_key_type::max_size_n) {
    return false;
  }
  const auto version = message.find(http::field::sec_websocket_version);
  if (version == message.end() || version->value() != "13") {
    return false;
  }

  http::response<http::empty_body> response{http::status::switching_protocols, message.version()};
  response.set(http::field::upgrade, "websocket");
  // Beast writes "upgrade"; "Upgrade" makes the bytes equal to ws-handshake's, at the same cost.
  response.set(http::field::connection, "Upgrade");
  websocket::detail::sec_ws_accept_type accept;
  websocket::detail::make_sec_ws_accept(accept, key->value());
  response.set(http::field::sec_websocket_accept, accept);

  // The serializer hands out the header as buffers; copying them into `out` is the cheapest
  // way to get the bytes (operator<< on an ostream runs the same serializer, plus the stream).
  http::serializer<false, http::empty_body> serializer{response};
  do {
    serializer.next(error, [&](beast::error_code&, const auto& buffers) {
      std::size_t size = 0;
      for (const boost::asio::const_buffer buffer : beast::buffers_range_ref(buffers)) {
        out.append(static_cast<const char*>(buffer.data()), buffer.size());
        size += buffer.size();
      }
      serializer.consume(size);
    });
  } while (!error && !serializer.is_done());
  return !error;
}

} // namespace wsh::bench
