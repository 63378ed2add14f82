#include "handshake/ServerHandshake.hpp"

#include "handshake/Findings.hpp"
#include "handshake/MessageFraming.hpp"
#include "handshake/PolicyChecks.hpp"
#include "handshake/RequestChecks.hpp"
#include "handshake/Response.hpp"
#include "handshake/Subprotocols.hpp"

#include <utility>

namespace wsh::handshake {

ServerHandshake::ServerHandshake(const ServerChoices& choices, http::ParseOptions options)
    : m_policy(read_server_policy(choices)), m_options(options) {}

void ServerHandshake::reset() {
  Outcome& o = m_outcome;
  o.accepted = false;
  o.status = 400;
  o.hresult = diagnostics::k_e_invalid_protocol_format;
  o.read_failure.reset();
  o.sec_websocket_key = {};
  o.sec_websocket_accept.clear();
  o.offered_subprotocols.clear();
  for (Extension& extension : o.offered_extensions) {
    m_spare_extensions.push_back(std::move(extension));
  }
  o.offered_extensions.clear();
  o.offer_verdicts.clear();
  o.selected_subprotocol.reset();
  o.selected_extensions.clear();
  o.diagnostics.clear();
  if (!o.request) {
    o.request.emplace(std::move(m_spare_request));
  }
}

// The rules of RFC 6455 4.2.1 in the RFC's order, then the server's choices against 4.2.2, then
// the server's own policy (--host, --allow-origin, --max-line-bytes).
void ServerHandshake::check_request() {
  const http::Request& request = *m_outcome.request;
  m_fields.index(request.fields);
  Findings findings(request.input, request.empty_line_at, m_outcome.diagnostics);
  check_method(request, findings);
  check_request_target(request, findings);
  check_http_version(request, findings);
  check_message_framing(request, m_fields, findings);
  check_host(m_fields, findings);
  check_upgrade_and_connection(m_fields, findings);
  check_sec_websocket_key(m_fields, findings, m_outcome);
  check_sec_websocket_version(m_fields, findings);
  check_origin(m_fields, findings);
  read_offered_subprotocols(m_fields, findings, m_outcome);
  read_offered_extensions(m_fields, findings, m_outcome, m_spare_extensions, m_deflate_offers);
  select_subprotocol(m_policy, m_fields, findings, m_outcome);
  select_extensions(m_policy, m_fields, m_deflate_offers, findings, m_outcome);
  check_served_host(m_policy, m_fields, findings);
  check_allowed_origin(m_policy, m_fields, findings);
  check_line_lengths(m_policy, request, findings);
  conclude(m_outcome, m_policy.strict);
}

const Outcome& ServerHandshake::answer(std::string_view input) {
  reset();
  http::Request& request = *m_outcome.request;
  if (auto error = http::parse_request_into(input, m_options, request)) {
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(error->id);
    m_spare_request = std::move(request);
    m_outcome.request.reset();
    m_outcome.read_failure = error->kind;
    m_outcome.status = entry.status;
    m_outcome.hresult = entry.hresult;
    set_error_response(m_outcome, entry.status);
    m_outcome.diagnostics.push_back(
        diagnostics::make_diagnostic(error->id, error->offset, error->message, error->header));
    return m_outcome;
  }
  // The reader's findings (line endings, trailing bytes) come first; the engine's follow.
  std::swap(m_outcome.diagnostics, request.diagnostics);
  check_request();
  return m_outcome;
}

Outcome ServerHandshake::release() && {
  return std::move(m_outcome);
}

Outcome begin_server_handshake(std::string_view input, const ServerChoices& choices,
                               const http::ParseOptions& options) {
  ServerHandshake engine(choices, options);
  engine.answer(input);
  return std::move(engine).release();
}

} // namespace wsh::handshake
