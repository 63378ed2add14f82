// The refused-by-servers notes: on a request the RFC accepts, one per cause, naming the servers
// whose profiles refuse it, at the field the cause is about; none on a refused request.
#include "cli/ServerNotes.hpp"
#include "handshake/ServerHandshake.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace wsh;
using diagnostics::DiagnosticId;

namespace {

std::string request_with(std::string_view upgrade, std::string_view extra = "") {
  std::string out = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: ";
  out += upgrade;
  out += "\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
         "Sec-WebSocket-Version: 13\r\n";
  out += extra;
  return out + "\r\n";
}

std::vector<diagnostics::Diagnostic> notes_for(const std::string& bytes) {
  static std::vector<std::unique_ptr<test::ExactBuffer>> keep_alive;
  keep_alive.push_back(std::make_unique<test::ExactBuffer>(bytes));
  const std::string_view view = keep_alive.back()->view();
  const handshake::Outcome outcome =
      handshake::begin_server_handshake(view, handshake::ServerChoices{}, http::ParseOptions{});
  return cli::server_notes(outcome, view);
}

} // namespace

TEST_CASE("cli::server_notes: a valid request every server takes gets none") {
  CHECK(notes_for(request_with("websocket")).empty());
}

TEST_CASE("cli::server_notes: Upgrade listing another protocol") {
  const auto notes = notes_for(request_with("websocket, h2c"));
  REQUIRE(notes.size() == 1);
  const diagnostics::Diagnostic& note = notes.front();
  CHECK(note.id == DiagnosticId::refused_by_servers);
  CHECK(note.severity == diagnostics::Severity::note);
  CHECK(note.header == "Upgrade");
  CHECK(note.offset == request_with("websocket, h2c").find("Upgrade:"));
  // Node ws compares the whole value; gorilla reads the token list and takes it.
  CHECK(note.message.find("node-ws") != std::string::npos);
  CHECK(note.message.find("gorilla") == std::string::npos);
  CHECK(note.message.find("which the RFC allows") != std::string::npos);
}

TEST_CASE("cli::server_notes: two causes, two notes, in input order") {
  // Cross-origin (gorilla's same-origin check) and Upgrade with another protocol.
  const auto notes = notes_for(request_with("websocket, h2c", "Origin: http://other.example\r\n"));
  REQUIRE(notes.size() == 2);
  std::vector<std::string_view> fields;
  for (const auto& note : notes) {
    fields.push_back(note.header);
  }
  CHECK(std::count(fields.begin(), fields.end(), "Upgrade") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "Origin") == 1);
}

TEST_CASE("cli::server_notes: none on a request the RFC refuses") {
  // No key: the engine's error says why; the servers' refusals are not news.
  const std::string bytes = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: "
                            "websocket, h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Version: "
                            "13\r\n\r\n";
  CHECK(notes_for(bytes).empty());
}
