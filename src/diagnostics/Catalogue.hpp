#pragma once

#include "diagnostics/Hresult.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace wsh::diagnostics {

// How bad a problem is: errors are what RFC 6455/9110/9112 make a server refuse, warnings are
// interop risks with a named client or server, notes are facts worth knowing.
enum class Severity : std::uint8_t { note, warning, error };

// "note", "warning" or "error".
std::string_view to_string(Severity severity);

// One enumerator per rule. The values are stable: a retired rule keeps its number, unused.
enum class DiagnosticId : std::uint16_t {
  // Reading the request (RFC 9112).
  empty_input = 1,
  incomplete_request = 2,
  header_block_too_large = 3,
  too_many_fields = 4,
  truncated_request = 5,
  lf_line_endings = 6,
  bare_cr = 7,
  malformed_request_line = 8,
  invalid_method = 9,
  invalid_request_target = 10,
  invalid_http_version = 11,
  obs_fold = 12,
  whitespace_before_colon = 13,
  missing_colon = 14,
  invalid_field_name = 15,
  control_byte_in_value = 16,
  data_after_headers = 17,
  missing_request_line = 18,
  authority_form_target = 19,
  userinfo_in_target = 20,
  // The opening handshake (RFC 6455 4.2.1), in the order the RFC lists the rules.
  method_not_get = 30,
  unsupported_http_version = 31,
  missing_host = 32,
  duplicate_host = 33,
  invalid_host = 34,
  missing_upgrade = 35,
  upgrade_not_websocket = 36,
  upgrade_lists_other_protocols = 37,
  missing_connection_upgrade = 38,
  hop_by_hop_headers_stripped = 39,
  invalid_token_list = 40,
  missing_key = 41,
  duplicate_key = 42,
  invalid_key = 43,
  missing_version = 44,
  unsupported_version = 45,
  duplicate_version = 46,
  no_origin = 47,
  duplicate_subprotocol = 48,
  invalid_extension_offer = 49,
  // Message framing on the upgrade request (RFC 9112 6).
  invalid_content_length = 50,
  repeated_content_length = 51,
  invalid_transfer_encoding = 52,
  unknown_transfer_coding = 53,
  transfer_encoding_not_chunked = 54,
  transfer_encoding_with_content_length = 55,
  transfer_encoding_in_http_1_0 = 56,
  body_on_upgrade = 57,
  // The application's choices (RFC 6455 4.2.2).
  invalid_selected_subprotocol = 60,
  subprotocol_not_offered = 61,
  subprotocol_not_selected = 62,
  invalid_selected_extension = 63,
  extension_not_offered = 64,
  // The server's own policy (--host, --allow-origin, --max-line-bytes), beyond the RFC.
  host_not_served = 65,
  host_port_differs = 66,
  origin_not_allowed = 67,
  line_too_long = 68,
  // What the profiled server libraries do with a request the RFC allows.
  refused_by_servers = 70,
  // permessage-deflate (RFC 7692).
  invalid_deflate_offer = 80,
  duplicate_deflate_response = 81,
  deflate_response_unknown_parameter = 82,
  deflate_response_duplicate_parameter = 83,
  deflate_response_invalid_value = 84,
  deflate_response_missing_value = 85,
  deflate_missing_server_no_context_takeover = 86,
  deflate_server_window_not_honoured = 87,
  deflate_client_window_not_offered = 88,
  deflate_client_window_larger = 89,
  deflate_window_bits_8 = 90,
  deflate_answers_declined_offer = 91,
  deflate_not_negotiated = 92,
  // Reading a server's response (RFC 9112 4, 5), for verify.
  empty_response = 100,
  incomplete_response = 101,
  response_header_block_too_large = 102,
  response_leading_empty_line = 103,
  malformed_status_line = 104,
  invalid_status_code = 105,
  response_http_version = 106,
  missing_space_before_reason = 107,
  response_lf_line_endings = 108,
  response_obs_fold = 109,
  response_whitespace_before_colon = 110,
  response_missing_colon = 111,
  response_invalid_field_name = 112,
  response_control_byte_in_value = 113,
  response_bare_cr = 114,
  // The server's opening handshake as a client checks it (RFC 6455 4.1, 4.2.2).
  status_not_101 = 120,
  interim_response = 121,
  response_missing_upgrade = 122,
  response_upgrade_not_websocket = 123,
  response_missing_connection_upgrade = 124,
  missing_accept = 125,
  duplicate_accept = 126,
  wrong_accept = 127,
  subprotocol_not_requested = 128,
  response_subprotocol_not_offered = 129,
  invalid_response_subprotocol = 130,
  server_selected_no_subprotocol = 131,
  response_extension_not_offered = 132,
  invalid_response_extensions = 133,
  content_length_on_101 = 134,
  transfer_encoding_on_101 = 135,
  frames_after_response = 136,
};

// Everything known about one rule: its stable kebab-case name, severity, a one-line summary,
// the RFC section, what breaks (which client or server, and what it prints), how to fix it,
// and for errors the HRESULT and the status of the error response a server should send.
struct CatalogueEntry {
  DiagnosticId id;
  std::string_view name;
  Severity severity;
  std::string_view summary;
  std::string_view reference;
  std::string_view consequence;
  std::string_view hint;
  Hresult hresult = k_e_invalid_protocol_format;
  unsigned status = 400;
};

// The entry of `id`.
const CatalogueEntry& describe(DiagnosticId id);

// Every entry, in the order of their ids.
std::span<const CatalogueEntry> catalogue();

// The id with that kebab-case name, if there is one.
std::optional<DiagnosticId> find_diagnostic(std::string_view name);

} // namespace wsh::diagnostics
