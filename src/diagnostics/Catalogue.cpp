#include "diagnostics/Catalogue.hpp"
#include "diagnostics/Diagnostic.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace wsh::diagnostics {

namespace {

using enum DiagnosticId;
using enum Severity;

// clang-format off
constexpr std::array k_entries = {
  CatalogueEntry{empty_input, "empty-input", error,
    "the input holds no bytes at all",
    "RFC 9112 2.1",
    "A server that reads no request closes the connection or, after its timeout, answers 408 (nginx: client_header_timeout).",
    "Check that the capture was written; `-` reads standard input.",
    k_e_invalid_protocol_format, 408},
  CatalogueEntry{incomplete_request, "incomplete-request", error,
    "the input ends before the empty line that closes the header block",
    "RFC 9112 2.1",
    "A server keeps waiting for the rest of the header block until it times out, then closes or answers 408 (nginx: client_header_timeout); the client sees no 101.",
    "The capture was probably cut: capture the whole request, or pass --allow-truncated to treat the end of input as the end of the headers.",
    k_e_invalid_protocol_format, 408},
  CatalogueEntry{header_block_too_large, "header-block-too-large", error,
    "the header block is larger than the limit",
    "RFC 6585 5",
    "Servers refuse oversized header blocks: nginx answers 400 (large_client_header_buffers, 8 KiB per line by default), Node's http server 431 (16 KiB).",
    "Trim the cookies or other large fields, or raise the limit with --max-header-bytes.",
    k_e_invalid_protocol_format, 431},
  CatalogueEntry{too_many_fields, "too-many-fields", error,
    "the request has more than 256 header fields",
    "RFC 6585 5",
    "Servers cap the number of fields (Node's http server: 2000 by default, Go: by bytes); a flood of fields is refused.",
    "Send fewer header fields.",
    k_e_invalid_protocol_format, 431},
  CatalogueEntry{truncated_request, "truncated-request", warning,
    "the input ends before the empty line; --allow-truncated treats the end as the end of the headers",
    "RFC 9112 2.1",
    "A real server would still be waiting for the empty line.",
    "Check that the capture is complete; a request on the wire must end with an empty line."},
  CatalogueEntry{lf_line_endings, "lf-line-endings", warning,
    "lines end with a bare LF instead of CRLF",
    "RFC 9112 2.2",
    "Strict servers and proxies answer 400 to LF-only line endings; most (nginx, Node) accept them.",
    "A capture pasted from a log or devtools loses its CRs; real clients send CRLF."},
  CatalogueEntry{bare_cr, "bare-cr", error,
    "a CR byte that is not followed by LF",
    "RFC 9112 2.2",
    "A bare CR splits the request differently in different parsers: the classic request-smuggling ingredient; servers must reject it or replace it with SP.",
    "End every line with CRLF and never put a CR inside a line."},
  CatalogueEntry{malformed_request_line, "malformed-request-line", error,
    "the request line is not `method SP request-target SP HTTP-version`",
    "RFC 9112 3",
    "Servers answer 400 Bad Request.",
    "Write the request line as `GET /path HTTP/1.1`, separated by single spaces."},
  CatalogueEntry{invalid_method, "invalid-method", error,
    "the method is not a token",
    "RFC 9110 9.1, RFC 9110 5.6.2",
    "Servers answer 400 Bad Request.",
    "The method of a WebSocket handshake is `GET`."},
  CatalogueEntry{invalid_request_target, "invalid-request-target", error,
    "the request target is not in origin-form or absolute-form",
    "RFC 9112 3.2, RFC 6455 4.1",
    "Servers answer 400 Bad Request; a raw space or fragment means the client built the URL wrongly.",
    "Percent-encode spaces and non-ASCII bytes; a fragment (#...) is never sent."},
  CatalogueEntry{invalid_http_version, "invalid-http-version", error,
    "the HTTP version is not `HTTP/` DIGIT `.` DIGIT",
    "RFC 9112 2.3",
    "Servers answer 400 Bad Request or 505.",
    "End the request line with `HTTP/1.1`."},
  CatalogueEntry{obs_fold, "obs-fold", error,
    "a field line starts with whitespace (obsolete line folding)",
    "RFC 9112 5.2",
    "Servers must reject folded lines or unfold them; many answer 400, so the field is lost or the request refused.",
    "Put each field value on a single line."},
  CatalogueEntry{whitespace_before_colon, "whitespace-before-colon", error,
    "whitespace between a field name and its colon",
    "RFC 9112 5.1",
    "Servers must answer 400: whitespace before the colon has been used for request smuggling.",
    "Write `Name: value` with the colon right after the name."},
  CatalogueEntry{missing_colon, "missing-colon", error,
    "a header line has no colon",
    "RFC 9112 5",
    "Servers answer 400 Bad Request.",
    "Write every field as `Name: value`."},
  CatalogueEntry{invalid_field_name, "invalid-field-name", error,
    "a field name is empty or holds a byte that is not allowed in a token",
    "RFC 9110 5.1, RFC 9110 5.6.2",
    "Servers answer 400 Bad Request.",
    "Field names are tokens: letters, digits and !#$%&'*+-.^_`|~."},
  CatalogueEntry{control_byte_in_value, "control-byte-in-value", error,
    "a field value holds a NUL or another control byte",
    "RFC 9110 5.5",
    "Servers must reject or replace control bytes in values; nginx, Node and Go answer 400.",
    "Remove the control bytes; field values are visible ASCII, spaces and tabs."},
  CatalogueEntry{data_after_headers, "data-after-headers", warning,
    "bytes follow the header block before the server has answered",
    "RFC 6455 4.1",
    "The client must wait for the 101 before sending frames; a server that hands the socket over after reading the headers can lose those bytes.",
    "Capture only the request; if a client really sends early, it breaks RFC 6455 4.1."},
  CatalogueEntry{method_not_get, "method-not-get", error,
    "the method is not GET",
    "RFC 6455 4.2.1 item 1",
    "Browsers only ever send GET. Node ws answers 405 \"Invalid HTTP method\"; Python websockets 400 \"did not receive a valid HTTP request\".",
    "Open the WebSocket with GET.",
    k_e_invalid_protocol_format, 405},
  CatalogueEntry{unsupported_http_version, "unsupported-http-version", error,
    "the request is not HTTP/1.1 or a later HTTP/1 minor version",
    "RFC 6455 4.2.1 item 1, RFC 6455 4.1",
    "HTTP/1.0 has no Upgrade mechanism. Python websockets answers 400 \"did not receive a valid HTTP request\"; Node ws lets it through. nginx sends HTTP/1.0 upstream unless told `proxy_http_version 1.1`.",
    "Send HTTP/1.1; behind nginx, set `proxy_http_version 1.1`."},
  CatalogueEntry{missing_host, "missing-host", error,
    "no Host header field",
    "RFC 6455 4.2.1 item 2, RFC 9112 3.2",
    "A server must answer 400 to an HTTP/1.1 request without Host.",
    "Send `Host: host[:port]` naming the server of the ws:// URI."},
  CatalogueEntry{duplicate_host, "duplicate-host", error,
    "more than one Host header field",
    "RFC 9112 3.2",
    "A server must answer 400 to more than one Host field: proxies and servers could pick different ones.",
    "Send Host exactly once."},
  CatalogueEntry{invalid_host, "invalid-host", error,
    "the Host value is not `uri-host [\":\" port]`",
    "RFC 9110 7.2, RFC 3986 3.2.2",
    "A server must answer 400 to an invalid Host.",
    "Send only the host and port: no scheme, path, userinfo or spaces."},
  CatalogueEntry{missing_upgrade, "missing-upgrade", error,
    "no Upgrade header field: this is a plain HTTP request, not a WebSocket handshake",
    "RFC 6455 4.2.1 item 3",
    "The server treats it as ordinary HTTP: Node's http server never reports an upgrade (a ws server answers 426 Upgrade Required); Python websockets answers 426 \"empty Upgrade header\".",
    "Send `Upgrade: websocket`."},
  CatalogueEntry{upgrade_not_websocket, "upgrade-not-websocket", error,
    "the Upgrade field does not list `websocket`",
    "RFC 6455 4.2.1 item 3",
    "Node ws answers 400 \"Invalid Upgrade header\"; Python websockets 426 \"invalid Upgrade header\".",
    "Send `Upgrade: websocket`."},
  CatalogueEntry{upgrade_lists_other_protocols, "upgrade-lists-other-protocols", warning,
    "the Upgrade field lists protocols besides `websocket`",
    "RFC 6455 4.2.1 item 3, RFC 9110 7.8",
    "Servers that compare the whole value refuse it: Node ws answers 400 \"Invalid Upgrade header\" unless the value is `websocket` alone.",
    "Send `Upgrade: websocket` alone."},
  CatalogueEntry{missing_connection_upgrade, "missing-connection-upgrade", error,
    "the Connection field does not list `upgrade`",
    "RFC 6455 4.2.1 item 4, RFC 9110 7.6.1",
    "Servers refuse the upgrade: Python websockets answers 426 \"invalid Connection header: close\" (or \"empty Connection header\"); Node's http server never reports an upgrade, so a ws server answers 426 Upgrade Required.",
    "Send `Connection: Upgrade`."},
  CatalogueEntry{hop_by_hop_headers_stripped, "hop-by-hop-headers-stripped", error,
    "Sec-WebSocket-* fields arrived without Upgrade or the Connection token: a proxy dropped the hop-by-hop headers",
    "RFC 9110 7.6.1, RFC 6455 4.2.1",
    "The client sent a complete handshake, but a proxy removed Upgrade and Connection, which are hop-by-hop: nginx without WebSocket settings forwards HTTP/1.0, no Upgrade and `Connection: close`. The server refuses (Python websockets: 426 \"invalid Connection header: close\"), and Chromium reports \"Error during WebSocket handshake: Unexpected response code: 426\".",
    "Behind nginx: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";`. Other proxies need WebSocket support switched on."},
  CatalogueEntry{invalid_token_list, "invalid-token-list", error,
    "a list field holds an element that is not a token",
    "RFC 9110 5.6.1, RFC 9110 5.6.2",
    "Servers parse the list differently or refuse it with 400 (Node ws, for Sec-WebSocket-Protocol: \"Invalid Sec-WebSocket-Protocol header\").",
    "Separate plain tokens with commas: no quotes, parameters or other separators."},
  CatalogueEntry{missing_key, "missing-key", error,
    "no Sec-WebSocket-Key header field",
    "RFC 6455 4.2.1 item 5",
    "Node ws answers 400 \"Missing or invalid Sec-WebSocket-Key header\"; Python websockets 400 \"missing Sec-WebSocket-Key header\".",
    "Send `Sec-WebSocket-Key` with 16 random bytes in base64."},
  CatalogueEntry{duplicate_key, "duplicate-key", error,
    "more than one Sec-WebSocket-Key header field",
    "RFC 6455 4.2.1 item 5, RFC 6455 11.3.1",
    "Servers join repeated fields with a comma, which is not a valid key: they answer 400.",
    "Send Sec-WebSocket-Key exactly once."},
  CatalogueEntry{invalid_key, "invalid-key", error,
    "Sec-WebSocket-Key is not the base64 of exactly 16 bytes",
    "RFC 6455 4.2.1 item 5, RFC 6455 4.1",
    "Node ws answers 400 \"Missing or invalid Sec-WebSocket-Key header\"; Python websockets 400 \"invalid Sec-WebSocket-Key header\"; lenient servers accept it, so the failure depends on the server.",
    "Send 16 random bytes, base64-encoded: 22 characters and `==`."},
  CatalogueEntry{missing_version, "missing-version", error,
    "no Sec-WebSocket-Version header field",
    "RFC 6455 4.2.1 item 6",
    "Node ws answers 400 \"Missing or invalid Sec-WebSocket-Version header\"; Python websockets 400 \"missing Sec-WebSocket-Version header\".",
    "Send `Sec-WebSocket-Version: 13`."},
  CatalogueEntry{unsupported_version, "unsupported-version", error,
    "Sec-WebSocket-Version is not 13",
    "RFC 6455 4.2.2, RFC 6455 4.4",
    "A server answers 426 Upgrade Required with `Sec-WebSocket-Version: 13` (Python websockets: 400 \"invalid Sec-WebSocket-Version header\"; Node ws still accepts the draft version 8). A browser that gets the 426 prints \"Unexpected response code: 426\".",
    "Send `Sec-WebSocket-Version: 13`, the only version RFC 6455 defines.",
    k_e_protocol_version_not_supported, 426},
  CatalogueEntry{duplicate_version, "duplicate-version", error,
    "more than one Sec-WebSocket-Version header field",
    "RFC 6455 4.2.1 item 6, RFC 6455 11.3.5",
    "Servers join repeated fields with a comma, which is not a version they speak.",
    "Send Sec-WebSocket-Version exactly once."},
  CatalogueEntry{no_origin, "no-origin", note,
    "no Origin header field: the client is not a browser",
    "RFC 6455 4.2.1 item 7, RFC 6455 10.2",
    "Browsers always send Origin; servers that check origins (Socket.IO's allowRequest, Spring's allowedOrigins) may refuse requests without one.",
    "Nothing to fix for a non-browser client; send Origin if the server checks it."},
  CatalogueEntry{duplicate_subprotocol, "duplicate-subprotocol", warning,
    "Sec-WebSocket-Protocol lists the same subprotocol twice",
    "RFC 6455 4.1 item 10",
    "The values must be unique; browsers throw a SyntaxError before sending such a list, so the client is not a browser.",
    "List each subprotocol once."},
  CatalogueEntry{invalid_extension_offer, "invalid-extension-offer", error,
    "Sec-WebSocket-Extensions does not follow the RFC 6455 9.1 grammar",
    "RFC 6455 9.1",
    "Servers that parse the offer answer 400 (Node ws with permessage-deflate on: \"Invalid or unacceptable Sec-WebSocket-Extensions header\"); others ignore the field and lose the extension.",
    "Write `name; param; param=value, name2`; a quoted value must unquote to a token."},
  CatalogueEntry{invalid_selected_subprotocol, "invalid-selected-subprotocol", error,
    "the subprotocol the application chose is not a token",
    "RFC 6455 4.3",
    "No client accepts a malformed Sec-WebSocket-Protocol value.",
    "Choose one of the names the client offered."},
  CatalogueEntry{subprotocol_not_offered, "subprotocol-not-offered", error,
    "the chosen subprotocol is not one the client offered",
    "RFC 6455 4.2.2 item 5, RFC 6455 4.1",
    "Clients fail the connection. Chromium: \"Error during WebSocket handshake: 'Sec-WebSocket-Protocol' header value '...' in response does not match any of sent values\" (none offered: \"Response must not include 'Sec-WebSocket-Protocol' header if not present in request: ...\"); Node ws: \"Server sent an invalid subprotocol\" (none offered: \"Server sent a subprotocol but none was requested\"); Python websockets: \"unsupported subprotocol: ...\" (none offered: \"no subprotocols supported\"); Firefox fails a mismatch but ignores a subprotocol it did not ask for.",
    "Choose one of the offered names exactly as written (case matters), or choose none.",
    k_e_subprotocol_not_supported, 400},
  CatalogueEntry{subprotocol_not_selected, "subprotocol-not-selected", warning,
    "the client offered subprotocols and none was chosen",
    "RFC 6455 4.2.2 item 5, RFC 6455 4.1",
    "Chromium fails the connection: \"Error during WebSocket handshake: Sent non-empty 'Sec-WebSocket-Protocol' header but no response was received\"; Node ws: \"Server sent no subprotocol\". Firefox, WebKit and Python websockets open without one.",
    "Choose one of the offered subprotocols with -p NAME."},
  CatalogueEntry{invalid_selected_extension, "invalid-selected-extension", error,
    "an extension the application chose does not follow the RFC 6455 9.1 grammar",
    "RFC 6455 9.1",
    "No client accepts a malformed Sec-WebSocket-Extensions value.",
    "Write one extension per -e: `name; param; param=value`."},
  CatalogueEntry{extension_not_offered, "extension-not-offered", error,
    "the chosen extension is not one the client offered",
    "RFC 6455 4.2.2 item 6, RFC 6455 9.1",
    "Every client fails the connection. Chromium: \"Error during WebSocket handshake: Found an unsupported extension '...' in 'Sec-WebSocket-Extensions' header\"; Node ws: \"Server indicated an extension that was not requested\"; Python websockets: \"Unsupported extension: name = ..., params = [...]\" (none offered: \"no extensions supported\"); Firefox fails the connection.",
    "Answer only extensions named in the client's Sec-WebSocket-Extensions.",
    k_e_protocol_extensions_not_supported, 400},
};
// clang-format on

constexpr bool ids_are_sorted_and_unique() {
  for (std::size_t i = 1; i < k_entries.size(); ++i) {
    if (k_entries[i - 1].id >= k_entries[i].id) {
      return false;
    }
  }
  return true;
}
static_assert(ids_are_sorted_and_unique(), "catalogue entries must be in id order, once each");

} // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
  case note:
    return "note";
  case warning:
    return "warning";
  case error:
    return "error";
  }
  return "error";
}

const CatalogueEntry& describe(DiagnosticId id) {
  const auto* found = std::lower_bound(
      k_entries.begin(), k_entries.end(), id,
      [](const CatalogueEntry& entry, DiagnosticId wanted) { return entry.id < wanted; });
  if (found == k_entries.end() || found->id != id) {
    throw std::logic_error("diagnostic id missing from the catalogue");
  }
  return *found;
}

std::span<const CatalogueEntry> catalogue() {
  return k_entries;
}

std::optional<DiagnosticId> find_diagnostic(std::string_view name) {
  for (const CatalogueEntry& entry : k_entries) {
    if (entry.name == name) {
      return entry.id;
    }
  }
  return std::nullopt;
}

Diagnostic make_diagnostic(DiagnosticId id, std::size_t offset, std::string message,
                           std::string_view header) {
  return Diagnostic{id, describe(id).severity, offset, header, std::move(message)};
}

} // namespace wsh::diagnostics
