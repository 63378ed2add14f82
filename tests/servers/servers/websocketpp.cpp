// WebSocket++ (Debian libwebsocketpp-dev 0.8.2) on Boost.Asio with its defaults:
// server<config::asio>, whose default loggers write the access log (every channel but
// devel) to stdout and the error log to stderr; no validate or open handler (every request
// is accepted, any path, no subprotocol), permessage-deflate not compiled in (the asio
// config has none). The message handler echoes.
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include <cstdlib>
#include <iostream>

using Server = websocketpp::server<websocketpp::config::asio>;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: websocketpp PORT\n";
    return 2;
  }
  Server server;
  server.init_asio();
  server.set_reuse_addr(true);
  server.set_message_handler([&server](websocketpp::connection_hdl hdl, Server::message_ptr msg) {
    websocketpp::lib::error_code ec;
    server.send(hdl, msg->get_payload(), msg->get_opcode(), ec);
  });
  server.listen(boost::asio::ip::tcp::endpoint{boost::asio::ip::make_address("127.0.0.1"),
                                               static_cast<unsigned short>(std::atoi(argv[1]))});
  server.start_accept();
  server.run();
}
