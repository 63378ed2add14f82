#include "capi/Session.hpp"

#include "capi/RequestHead.hpp"
#include "diagnostics/Hresult.hpp"

#include <utility>
#include <vector>

namespace wsh::capi {

namespace {

// The engine's verdicts are the C API's: winerror.h's numbers, written once in the catalogue.
static_assert(static_cast<std::uint32_t>(S_OK) == diagnostics::k_s_ok.value);
static_assert(static_cast<std::uint32_t>(E_INVALID_PROTOCOL_FORMAT) ==
              diagnostics::k_e_invalid_protocol_format.value);
static_assert(static_cast<std::uint32_t>(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED) ==
              diagnostics::k_e_protocol_extensions_not_supported.value);
static_assert(static_cast<std::uint32_t>(E_SUBPROTOCOL_NOT_SUPPORTED) ==
              diagnostics::k_e_subprotocol_not_supported.value);
static_assert(static_cast<std::uint32_t>(E_PROTOCOL_VERSION_NOT_SUPPORTED) ==
              diagnostics::k_e_protocol_version_not_supported.value);

} // namespace

HRESULT Session::begin_server(const handshake::ServerChoices& choices,
                              std::span<const WEB_SOCKET_HTTP_HEADER> request_headers) {
  if (m_stage != Stage::created) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  const http::ParseOptions options;
  rebuild_request_head(request_headers, options.max_header_bytes, m_head);
  m_outcome = nullptr;
  m_engine.reset();
  m_engine.emplace(choices, options);
  const handshake::Outcome& outcome = m_engine->answer(m_head);
  m_outcome = &outcome;
  if (!outcome.accepted) {
    m_stage = Stage::refused;
    return static_cast<HRESULT>(outcome.hresult.value);
  }
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  fields.reserve(outcome.response_headers.size());
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    fields.emplace_back(header.name, std::string_view(header.value));
  }
  m_handed_out.assign(fields);
  m_stage = Stage::begun;
  return S_OK;
}

HRESULT Session::end_server() {
  if (m_stage != Stage::begun) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  m_handed_out.clear();
  m_outcome = nullptr;
  m_engine.reset();
  std::string().swap(m_head);
  m_stage = Stage::completed;
  return S_OK;
}

HRESULT Session::begin_client(ClientOffer offer) {
  if (m_stage != Stage::created) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  const std::vector<RequestField> built = client_request_fields(offer);
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  fields.reserve(built.size());
  for (const RequestField& field : built) {
    fields.emplace_back(field.name, field.value);
  }
  m_handed_out.assign(fields);
  m_offer = std::move(offer);
  m_stage = Stage::begun;
  return S_OK;
}

void Session::abort() {
  if (m_stage == Stage::completed) {
    m_aborted = true;
  }
}

} // namespace wsh::capi
