#pragma once

#include "util/Expected.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// The only version of the protocol, which every client sends (RFC 6455 4.1 item 9).
inline constexpr std::string_view k_websocket_version = "13";

// What a client's request is built from in a ws:// or wss:// URI (RFC 6455 3).
struct WebSocketUri {
  bool secure = false;
  // Lowercase (RFC 3986 6.2.2.1); an IPv6 address keeps its brackets.
  std::string host;
  // The URI's port, or its scheme's default (80, 443) when it names none.
  unsigned port = 80;
  // The request target: the path (`/` when empty) and the query, with every byte outside
  // RFC 3986's path and query characters percent-encoded (RFC 6455 3, /resource name/).
  std::string resource_name;

  // The Host field's value: the host, then `:port` only when the port is not the scheme's
  // default (RFC 6455 4.1 item 4).
  std::string authority() const;

  // The origin of a page served from the same place over http or https, which is what a
  // browser's request carries when the page and the server are one (RFC 6454 6.2).
  std::string origin() const;
};

// Reads a ws:// or wss:// URI (RFC 6455 3): the scheme, the host and port (no userinfo), the
// path and query; a fragment is refused (RFC 6455 3: `#` must be written %23). The error
// says what is wrong and at which column, quoting the text as given (escape it to print it).
util::Expected<WebSocketUri, std::string> parse_websocket_uri(std::string_view text);

// Where a field of a client template takes its value from.
enum class FieldSource : unsigned char {
  // The template's own text: User-Agent, Accept-Language, `Upgrade: websocket` (items 5, 6).
  text,
  // The URI's authority (RFC 6455 4.1 item 4); left out when the caller sends Host itself.
  host,
  // Sec-WebSocket-Key (item 7).
  key,
  // Sec-WebSocket-Version (item 9).
  version,
  // Origin (item 8): given, or for a browser the page's; left out when there is none.
  origin,
  // Sec-WebSocket-Protocol (item 10), when a subprotocol is offered.
  subprotocols,
  // Sec-WebSocket-Extensions (item 11), when an extension is offered.
  extensions,
  // Sec-Fetch-Site (Fetch Metadata 2.4): the page's origin against the URI's.
  fetch_site,
  // Where fields a caller adds go, when they replace none of the template's.
  added,
};

// One field of a client template, in the client's order.
struct TemplateField {
  std::string_view name;
  FieldSource source;
  std::string_view text = {};
};

// A client's opening request as data: the fields it sends in its order and how it writes the
// parts that vary. The real clients' templates are read from captures of the unmodified
// client, named in `captured_in`; tests/request checks each against them byte for byte.
struct ClientTemplate {
  // The word `ws-handshake request --like` takes.
  std::string_view name;
  std::string_view captured_in;
  std::span<const TemplateField> fields;
  // Between two offered subprotocols: Node ws writes `chat,superchat`, the others `, `.
  std::string_view subprotocol_separator = ", ";
  // The extensions the client offers by itself; empty when it offers none.
  std::string_view default_extensions = {};
  // A browser: its Origin is always there, the page's (by default the URI's own origin).
  bool browser = false;
};

namespace detail {

using enum FieldSource;

// RFC 6455 4.1's fields in the order of its items, as WebSocketBeginClientHandshake adds them.
inline constexpr std::array k_plain_fields{
    TemplateField{"Host", host},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Origin", origin},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"", added},
};

inline constexpr std::array k_chromium_fields{
    TemplateField{"Host", host},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Pragma", text, "no-cache"},
    TemplateField{"Cache-Control", text, "no-cache"},
    TemplateField{"User-Agent", text,
                  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "HeadlessChrome/156.0.0.0 Safari/537.36"},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"Origin", origin},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Accept-Encoding", text, "gzip, deflate, br, zstd"},
    TemplateField{"Accept-Language", text, "en-US,en;q=0.9"},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"", added},
};

inline constexpr std::array k_firefox_fields{
    TemplateField{"Host", host},
    TemplateField{"User-Agent", text,
                  "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"},
    TemplateField{"Accept", text, "*/*"},
    TemplateField{"Accept-Language", text, "en-US,en;q=0.9"},
    TemplateField{"Accept-Encoding", text, "gzip, deflate, br, zstd"},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Origin", origin},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Sec-Fetch-Dest", text, "empty"},
    TemplateField{"Sec-Fetch-Mode", text, "websocket"},
    TemplateField{"Sec-Fetch-Site", fetch_site},
    TemplateField{"Pragma", text, "no-cache"},
    TemplateField{"Cache-Control", text, "no-cache"},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"", added},
};

inline constexpr std::array k_webkit_fields{
    TemplateField{"User-Agent", text,
                  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                  "Version/60.5 Safari/605.1.15"},
    TemplateField{"Origin", origin},
    TemplateField{"Pragma", text, "no-cache"},
    TemplateField{"Cache-Control", text, "no-cache"},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"Accept-Encoding", text, "gzip, deflate"},
    TemplateField{"Accept-Language", text, "C"},
    TemplateField{"Host", host},
    TemplateField{"Sec-Fetch-Dest", text, "websocket"},
    TemplateField{"Sec-Fetch-Mode", text, "websocket"},
    TemplateField{"Sec-Fetch-Site", fetch_site},
    TemplateField{"", added},
};

// ws puts the application's headers first, then its own; Node's http adds Host last.
inline constexpr std::array k_node_ws_fields{
    TemplateField{"", added},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"Origin", origin},
    TemplateField{"Host", host},
};

// websockets adds the application's headers before its default User-Agent.
inline constexpr std::array k_python_websockets_fields{
    TemplateField{"Host", host},
    TemplateField{"Origin", origin},
    TemplateField{"Upgrade", text, "websocket"},
    TemplateField{"Connection", text, "Upgrade"},
    TemplateField{"Sec-WebSocket-Key", key},
    TemplateField{"Sec-WebSocket-Version", version},
    TemplateField{"Sec-WebSocket-Extensions", extensions},
    TemplateField{"Sec-WebSocket-Protocol", subprotocols},
    TemplateField{"", added},
    TemplateField{"User-Agent", text, "Python/3.11 websockets/10.4"},
};

} // namespace detail

// The request RFC 6455 4.1 describes and no more: Host, Upgrade, Connection, the key, the
// version, then Origin, the subprotocols and the extensions when there are any.
inline constexpr ClientTemplate k_plain_template{"plain", "RFC 6455 4.1", detail::k_plain_fields};

// The real clients `--like` reproduces, each from captures of the unmodified client.
inline constexpr std::array k_client_templates{
    ClientTemplate{"chromium", "samples/chromium*.http, samples/interop/chromium*.http",
                   detail::k_chromium_fields, ", ", "permessage-deflate; client_max_window_bits",
                   true},
    ClientTemplate{"firefox", "samples/interop/firefox*.http", detail::k_firefox_fields, ", ",
                   "permessage-deflate", true},
    ClientTemplate{"webkit", "samples/interop/webkit*.http", detail::k_webkit_fields, ", ",
                   "permessage-deflate; client_max_window_bits", true},
    ClientTemplate{"node-ws",
                   "samples/node-ws*.http, samples/interop/node-ws*.http, "
                   "tests/request/captures/node-ws*.http",
                   detail::k_node_ws_fields, ",", "permessage-deflate; client_max_window_bits"},
    ClientTemplate{"python-websockets",
                   "samples/python-websockets*.http, samples/interop/python-websockets*.http, "
                   "tests/request/captures/python-websockets*.http",
                   detail::k_python_websockets_fields, ", ",
                   "permessage-deflate; client_max_window_bits"},
};

// The names of k_client_templates, in its order, for the option table and completions.
inline constexpr auto k_client_template_names = [] {
  std::array<std::string_view, k_client_templates.size()> names{};
  for (std::size_t i = 0; i < names.size(); ++i) {
    names[i] = k_client_templates[i].name;
  }
  return names;
}();

// The template named `name`, or nullptr.
const ClientTemplate* find_client_template(std::string_view name);

// A change to the request's fields that a caller asks for, as curl's -H: a field with this
// name and value, or with no value, the template's field of this name left out.
struct HeaderEdit {
  std::string name;
  std::optional<std::string> value;
};

// What a client offers in its opening request (RFC 6455 4.1).
struct ClientOffer {
  // The server's URI; absent when the caller writes Host and the request line itself, as
  // WebSocketBeginClientHandshake's caller does.
  std::optional<WebSocketUri> uri;
  // The page's origin; a browser's template falls back to the URI's own.
  std::optional<std::string> origin;
  // The base64 of 16 bytes (RFC 6455 4.1 item 7); empty for a fresh one from getrandom(2).
  std::string sec_websocket_key;
  // Subprotocol names, most preferred first (RFC 6455 4.1 item 10).
  std::vector<std::string> subprotocols;
  // One extension with its parameters each (RFC 6455 9.1); absent for the template's default.
  std::optional<std::vector<std::string>> extensions;
  std::vector<HeaderEdit> header_edits;
};

// One header field of a built request.
struct RequestField {
  std::string name;
  std::string value;
};

// An opening request: its key (kept to check the server's accept value) and its fields.
struct ClientRequest {
  std::string sec_websocket_key;
  // The request target: the URI's resource name, or `/` without a URI.
  std::string resource_name = "/";
  std::vector<RequestField> fields;

  // The request head as sent: `GET resource_name HTTP/1.1`, the fields, the empty line, each
  // line ending in CRLF (RFC 6455 4.1 item 2, RFC 9112 2.1).
  std::string head() const;
};

// Why a request cannot be built: the offer breaks a rule, or no random key could be drawn.
struct ClientRequestError {
  enum class Kind : unsigned char { invalid_offer, no_randomness };
  Kind kind = Kind::invalid_offer;
  std::string message;
};

// Builds the opening request for `offer` in `like`'s shape: draws the key unless one is given,
// checks every part of the offer (a key of 16 bytes, distinct token subprotocols, one
// extension per element, field names that are tokens and values without control bytes), and
// applies the header edits, which may not touch Upgrade, Connection or Sec-WebSocket-*
// (RFC 6455 11.3: each of those appears once, and the request already has them). An error's
// message quotes the offer as given (escape it to print it).
util::Expected<ClientRequest, ClientRequestError>
build_client_request(const ClientOffer& offer, const ClientTemplate& like = k_plain_template);

} // namespace wsh::handshake
