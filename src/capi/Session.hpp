#pragma once

#include "capi/HeaderArray.hpp"
#include "handshake/ClientHandshake.hpp"
#include "handshake/ClientRequest.hpp"
#include "handshake/Outcome.hpp"
#include "handshake/ServerHandshake.hpp"

#include <ws-handshake/websocket.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wsh::capi {

// Which side of the handshake a session plays: WebSocketCreateClientHandle or
// WebSocketCreateServerHandle made it.
enum class Role { client, server };

// Where a session is in its one opening handshake.
enum class Stage {
  // Made; no handshake begun.
  created,
  // Begin succeeded: the server's response headers or the client's request headers are out.
  begun,
  // The server refused the request, or the client the response; the session can do nothing
  // more.
  refused,
  // WebSocketEndServerHandshake or WebSocketEndClientHandshake ended a handshake that
  // succeeded.
  completed
};

// The state behind a WEB_SOCKET_HANDLE: one opening handshake, client or server side, with
// the header fields it handed out. One thread at a time may use a session; sessions share
// nothing, so different threads may use different ones.
class Session {
public:
  explicit Session(Role role) : m_role(role) {}

  Role role() const { return m_role; }
  Stage stage() const { return m_stage; }
  bool aborted() const { return m_aborted; }

  // WebSocketBeginServerHandshake on checked arguments: rebuilds the request head from the
  // pairs and answers it with a new engine (RFC 6455 4.2); the HRESULT is the engine's. On
  // success response_headers() holds the 101's fields.
  HRESULT begin_server(const handshake::ServerChoices& choices,
                       std::span<const WEB_SOCKET_HTTP_HEADER> request_headers);

  // WebSocketEndServerHandshake: ends an accepted handshake and frees what it handed out.
  HRESULT end_server();

  // WebSocketBeginClientHandshake on checked pointers: builds the request's handshake fields
  // for `offer` with the core's handshake::build_client_request (RFC 6455 4.1), kept in
  // request_headers(). E_INVALIDARG for an offer that breaks a rule, E_FAIL when no random key
  // could be drawn.
  HRESULT begin_client(handshake::ClientOffer offer);

  // Where WebSocketEndClientHandshake writes what the server selected: the indices into the
  // arrays Begin was given. `extensions` has room for `extension_room` indices; a null
  // pointer is not written.
  struct Selection {
    ULONG* extensions = nullptr;
    ULONG* extension_count = nullptr;
    ULONG* subprotocol = nullptr;
  };

  // WebSocketEndClientHandshake on checked pointers: rebuilds the 101's head from the pairs
  // and checks it against the request Begin built with the core's handshake::verify_response
  // (RFC 6455 4.1); the HRESULT is the outcome's. On success writes the selection.
  HRESULT end_client(std::span<const WEB_SOCKET_HTTP_HEADER> response_headers,
                     const Selection& selection);

  // WebSocketAbortHandle: a completed session is aborted; before that, nothing happens.
  void abort();

  // The server's response fields after an accepted Begin.
  std::span<WEB_SOCKET_HTTP_HEADER> response_headers() { return m_handed_out.fields(); }

  // The client's request fields after Begin.
  std::span<WEB_SOCKET_HTTP_HEADER> request_headers() { return m_handed_out.fields(); }

  // The engine's outcome for the last request until the session ends: the status, the
  // diagnostics and the rest the C API does not carry, for tests and tools.
  const handshake::Outcome* outcome() const { return m_outcome; }

  // The client's verdict on the last response, until the session is deleted: the diagnostics
  // the C API does not carry, for tests and tools.
  const handshake::ClientOutcome* client_outcome() const {
    return m_client_outcome ? &*m_client_outcome : nullptr;
  }

  // The head rebuilt from the last request's pairs (server) or response's pairs (client).
  const std::string& rebuilt_head() const { return m_head; }

  // The request head Begin built (client), which End checks the response against.
  const std::string& request_head() const { return m_request_head; }

private:
  Role m_role;
  Stage m_stage = Stage::created;
  bool m_aborted = false;
  std::string m_head;
  std::optional<handshake::ServerHandshake> m_engine;
  // The engine's answer to m_head, while the engine lives.
  const handshake::Outcome* m_outcome = nullptr;
  // The client's offer as Begin was given it, whose indices End reports.
  std::vector<std::string> m_offered_subprotocols;
  std::vector<std::string> m_offered_extensions;
  std::string m_request_head;
  std::optional<handshake::ClientOutcome> m_client_outcome;
  HeaderArray m_handed_out;
};

} // namespace wsh::capi

// The type WEB_SOCKET_HANDLE points to: a Session under the name the C header declares.
struct ws_handshake_session : wsh::capi::Session { // NOLINT(readability-identifier-naming)
  using Session::Session;
};
