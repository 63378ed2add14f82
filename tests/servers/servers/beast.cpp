// Boost.Beast (Debian libboost-dev 1.74) with its defaults: websocket::stream::accept()
// reads the request with Beast's own HTTP parser and answers it; no decorator, no
// subprotocol, permessage-deflate off (stream default), every path. One thread per
// connection; each failure is logged with the error's category, value and message.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket.hpp>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;

namespace {

std::mutex log_mutex;

void log_line(const std::string& line) {
  std::lock_guard<std::mutex> lock{log_mutex};
  std::cerr << line << std::endl;
}

std::string describe(const beast::error_code& ec) {
  return std::string{ec.category().name()} + ":" + std::to_string(ec.value()) + " " + ec.message();
}

void session(tcp::socket socket) {
  websocket::stream<tcp::socket> ws{std::move(socket)};
  beast::error_code ec;
  ws.accept(ec);
  if (ec) {
    log_line("accept: " + describe(ec));
    return;
  }
  log_line("open");
  for (;;) {
    beast::flat_buffer buffer;
    ws.read(buffer, ec);
    if (ec) {
      if (ec != websocket::error::closed) {
        log_line("read: " + describe(ec));
      }
      return;
    }
    ws.text(ws.got_text());
    ws.write(buffer.data(), ec);
    if (ec) {
      log_line("write: " + describe(ec));
      return;
    }
  }
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: beast PORT\n";
    return 2;
  }
  boost::asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc,
                         {boost::asio::ip::make_address("127.0.0.1"),
                          static_cast<unsigned short>(std::atoi(argv[1]))}};
  log_line(std::string{"listening, "} + BOOST_BEAST_VERSION_STRING);
  for (;;) {
    tcp::socket socket{ioc};
    acceptor.accept(socket);
    std::thread{session, std::move(socket)}.detach();
  }
}
