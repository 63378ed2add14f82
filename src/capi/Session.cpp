#include "capi/Session.hpp"

#include "capi/RequestHead.hpp"
#include "diagnostics/Hresult.hpp"
#include "handshake/ExtensionList.hpp"
#include "handshake/PerMessageDeflate.hpp"

#include <algorithm>
#include <limits>
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

// What *pulSelectedSubprotocol says when the server selected no subprotocol: no index has it.
constexpr ULONG k_no_subprotocol = std::numeric_limits<ULONG>::max();

// The one extension `text` holds (each offer Begin took, each answer the outcome negotiated).
std::optional<handshake::Extension> one_extension(std::string_view text) {
  std::vector<handshake::Extension> parsed;
  if (handshake::parse_extension_list(text, parsed) || parsed.size() != 1) {
    return std::nullopt;
  }
  return parsed.front();
}

// Which offer a negotiated extension answers: for permessage-deflate the first offer it is a
// valid answer to (RFC 7692 5, the rule handshake::check_deflate_response holds), for any
// other extension the first offer of that name (RFC 6455 9.1).
std::optional<std::size_t> answered_offer(std::string_view negotiated,
                                          const std::vector<std::string>& offers) {
  const auto answer = one_extension(negotiated);
  if (!answer) {
    return std::nullopt;
  }
  if (answer->name != handshake::k_permessage_deflate) {
    for (std::size_t i = 0; i < offers.size(); ++i) {
      if (const auto offer = one_extension(offers[i]); offer && offer->name == answer->name) {
        return i;
      }
    }
    return std::nullopt;
  }
  const auto answered =
      handshake::read_deflate_parameters(*answer, handshake::DeflateRole::response);
  for (std::size_t i = 0; i < offers.size() && answered; ++i) {
    const auto offer = one_extension(offers[i]);
    if (!offer || offer->name != handshake::k_permessage_deflate) {
      continue;
    }
    const auto offered = handshake::read_deflate_parameters(*offer, handshake::DeflateRole::offer);
    if (offered && handshake::check_deflate_response(*offered, *answered).empty()) {
      return i;
    }
  }
  return std::nullopt;
}

} // namespace

HRESULT Session::begin_server(const handshake::ServerChoices& choices,
                              std::span<const WEB_SOCKET_HTTP_HEADER> request_headers) {
  if (m_stage != Stage::created) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  const http::ParseOptions options;
  rebuild_head(k_rebuilt_request_line, request_headers, options.max_header_bytes, m_head);
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

HRESULT Session::begin_client(handshake::ClientOffer offer) {
  if (m_stage != Stage::created) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  auto built = handshake::build_client_request(offer);
  if (!built) {
    return built.error().kind == handshake::ClientRequestError::Kind::no_randomness ? E_FAIL
                                                                                    : E_INVALIDARG;
  }
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  fields.reserve(built->fields.size());
  for (const handshake::RequestField& field : built->fields) {
    fields.emplace_back(field.name, field.value);
  }
  m_handed_out.assign(fields);
  m_request_head = built->head();
  m_offered_subprotocols = std::move(offer.subprotocols);
  m_offered_extensions = std::move(offer.extensions).value_or(std::vector<std::string>{});
  m_stage = Stage::begun;
  return S_OK;
}

HRESULT Session::end_client(std::span<const WEB_SOCKET_HTTP_HEADER> response_headers,
                            const Selection& selection) {
  if (m_stage != Stage::begun) {
    return E_INVALID_PROTOCOL_OPERATION;
  }
  // Microsoft: the array must have room for every extension Begin offered.
  if (selection.extension_count != nullptr &&
      *selection.extension_count < m_offered_extensions.size()) {
    return E_INVALIDARG;
  }
  const http::ParseOptions options;
  m_client_outcome.reset();
  rebuild_head(k_rebuilt_status_line, response_headers, options.max_header_bytes, m_head);
  m_client_outcome.emplace(handshake::verify_response(m_request_head, m_head, options));
  const handshake::ClientOutcome& outcome = *m_client_outcome;
  if (!outcome.opens) {
    m_handed_out.clear();
    m_stage = Stage::refused;
    return static_cast<HRESULT>(outcome.hresult.value);
  }
  std::vector<ULONG> extensions;
  for (const std::string& negotiated : outcome.selected_extensions) {
    // An extension the response selects answers an offer, or the outcome would not open.
    if (const auto index = answered_offer(negotiated, m_offered_extensions)) {
      extensions.push_back(static_cast<ULONG>(*index));
    }
  }
  if (selection.extension_count != nullptr) {
    if (selection.extensions != nullptr) {
      std::copy(extensions.begin(), extensions.end(), selection.extensions);
    }
    *selection.extension_count = static_cast<ULONG>(extensions.size());
  }
  if (selection.subprotocol != nullptr) {
    const auto chosen = outcome.selected_subprotocol
                            ? std::find(m_offered_subprotocols.begin(),
                                        m_offered_subprotocols.end(), *outcome.selected_subprotocol)
                            : m_offered_subprotocols.end();
    *selection.subprotocol =
        chosen == m_offered_subprotocols.end()
            ? k_no_subprotocol
            : static_cast<ULONG>(std::distance(m_offered_subprotocols.begin(), chosen));
  }
  m_handed_out.clear();
  m_stage = Stage::completed;
  return S_OK;
}

void Session::abort() {
  if (m_stage == Stage::completed) {
    m_aborted = true;
  }
}

} // namespace wsh::capi
