#include "handshake/ClientRequest.hpp"

#include "handshake/ExtensionList.hpp"
#include "http/ByteClass.hpp"
#include "http/Grammar.hpp"
#include "http/Host.hpp"
#include "util/Base64.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <sys/random.h>

namespace wsh::handshake {

namespace {

// The nonce's size before base64 (RFC 6455 4.1 item 7).
constexpr std::size_t k_key_bytes = 16;

// The ports a URI without one means (RFC 6455 3).
constexpr unsigned k_ws_port = 80;
constexpr unsigned k_wss_port = 443;

constexpr std::string_view k_http_scheme = "http://";
constexpr std::string_view k_https_scheme = "https://";

ClientRequestError invalid(std::string message) {
  return {ClientRequestError::Kind::invalid_offer, std::move(message)};
}

char lowercase(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// A fresh Sec-WebSocket-Key: 16 bytes from the kernel's random source in base64 (RFC 6455 4.1
// item 7), or nothing when it fails. getrandom(2) rather than OpenSSL's RAND_bytes: the DRBG
// and its provider tables would be linked in, and relocated at every start of the CLI.
std::optional<std::string> new_sec_websocket_key() {
  std::array<unsigned char, k_key_bytes> nonce{};
  std::size_t filled = 0;
  while (filled < nonce.size()) {
    const ssize_t got = ::getrandom(nonce.data() + filled, nonce.size() - filled, 0);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      return std::nullopt;
    }
    filled += static_cast<std::size_t>(got);
  }
  // 16 bytes are 24 characters of base64; EVP_EncodeBlock adds a NUL.
  std::array<unsigned char, 25> encoded{};
  const int written = EVP_EncodeBlock(encoded.data(), nonce.data(), static_cast<int>(nonce.size()));
  return std::string(encoded.begin(), encoded.begin() + written);
}

// path-abempty [ "?" query ] with each byte outside RFC 3986 3.3/3.4's characters written as
// %XX (2.1); a `%` must already start one. `at` is the text's column in the URI.
util::Expected<std::string, std::string> encode_resource_name(std::string_view text,
                                                              std::size_t at) {
  std::string out = text.empty() || text.front() == '?' ? "/" : "";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !http::has_class(text[i + 1], http::byte_class::k_hex_digit) ||
          !http::has_class(text[i + 2], http::byte_class::k_hex_digit)) {
        return util::unexpected(fmt::format("column {}: `%` must start a percent-encoded byte "
                                            "such as %2F; write a literal `%` as %25 "
                                            "(RFC 3986 2.1)",
                                            at + i + 1));
      }
      out.append(text.substr(i, 3));
      i += 2;
    } else if (http::has_class(c, http::byte_class::k_path)) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// An origin's scheme and host (RFC 6454 6.2 `scheme "://" host [ ":" port ]`), lowercase.
std::pair<std::string, std::string> scheme_and_host(std::string_view origin) {
  const std::size_t colon = origin.find("://");
  if (colon == std::string_view::npos) {
    return {};
  }
  std::string_view host = origin.substr(colon + 3);
  if (host.starts_with('[')) {
    host = host.substr(0, std::min(host.find(']') + 1, host.size()));
  } else {
    host = host.substr(0, std::min(host.find(':'), host.size()));
  }
  std::string scheme(origin.substr(0, colon));
  std::string lower_host(host);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), lowercase);
  std::transform(lower_host.begin(), lower_host.end(), lower_host.begin(), lowercase);
  return {scheme, lower_host};
}

// Sec-Fetch-Site for a page at `origin` opening `uri` (Fetch Metadata Request Headers): the
// URI's own origin is same-origin; the same scheme and host on another port, same-site;
// anything else cross-site. Hosts that share a registrable domain are same-site to a browser,
// which reads the Public Suffix List; this does not.
std::string fetch_site(std::string_view origin, const WebSocketUri& uri) {
  if (http::iequals(origin, uri.origin())) {
    return "same-origin";
  }
  const auto [scheme, host] = scheme_and_host(origin);
  if (scheme == (uri.secure ? "https" : "http") && host == uri.host) {
    return "same-site";
  }
  return "cross-site";
}

// Whether RFC 6455 4.1 gives this field to the request alone: Upgrade and Connection (items 5,
// 6) and every Sec-WebSocket-* field (11.3), which appear once.
bool is_websocket_field(std::string_view name) {
  constexpr std::string_view k_prefix = "sec-websocket-";
  return http::iequals(name, "upgrade") || http::iequals(name, "connection") ||
         (name.size() >= k_prefix.size() &&
          http::iequals(name.substr(0, k_prefix.size()), k_prefix));
}

// What sets a WebSocket field instead of an edit, for the message refusing the edit.
std::string_view set_by(std::string_view name) {
  if (http::iequals(name, "sec-websocket-protocol")) {
    return "-p/--protocol offers subprotocols";
  }
  if (http::iequals(name, "sec-websocket-extensions")) {
    return "-e/--extension offers extensions";
  }
  if (http::iequals(name, "sec-websocket-key")) {
    return "--key gives the key";
  }
  return "its value is fixed by RFC 6455 4.1";
}

// A field value: no control byte but HTAB (RFC 9110 5.5).
std::optional<std::string> check_value(std::string_view name, std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!http::has_class(value[i], http::byte_class::k_field_value)) {
      return fmt::format("the value of {} holds {} at column {}; a field value holds no control "
                         "byte but HTAB (RFC 9110 5.5)",
                         name, util::describe_byte(value[i]), i + 1);
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_edit(const HeaderEdit& edit) {
  if (!http::is_token(edit.name)) {
    return fmt::format("`{}` is not a field name: a name is a token, letters, digits and "
                       "!#$%&'*+-.^_`|~ (RFC 9110 5.1)",
                       edit.name);
  }
  if (is_websocket_field(edit.name)) {
    return fmt::format("{} is a field of the handshake itself, which the request sends already: "
                       "a second one breaks the handshake (RFC 6455 11.3; curl's -H duplicated "
                       "Sec-WebSocket-Version so, curl issue #17170); {}",
                       edit.name, set_by(edit.name));
  }
  if (edit.value) {
    return check_value(edit.name, *edit.value);
  }
  return std::nullopt;
}

// Why `offer` cannot be sent, or nothing (RFC 6455 4.1 items 7, 10, 11; 9.1).
std::optional<std::string> check_offer(const ClientOffer& offer,
                                       const std::vector<std::string>& extensions) {
  if (!offer.sec_websocket_key.empty() && !util::is_base64_of_16_bytes(offer.sec_websocket_key)) {
    return fmt::format("the key `{}` is not the base64 of 16 bytes, 22 characters and `==` "
                       "(RFC 6455 4.1 item 7)",
                       offer.sec_websocket_key);
  }
  for (auto it = offer.subprotocols.begin(); it != offer.subprotocols.end(); ++it) {
    if (!http::is_token(*it)) {
      return fmt::format("the subprotocol `{}` is not a token (RFC 6455 4.1 item 10)", *it);
    }
    if (std::find(offer.subprotocols.begin(), it, *it) != it) {
      return fmt::format("the subprotocol `{}` is offered twice (RFC 6455 4.1 item 10)", *it);
    }
  }
  for (const std::string& given : extensions) {
    std::vector<Extension> parsed;
    if (parse_extension_list(given, parsed) || parsed.size() != 1) {
      return fmt::format("`{}` is not one extension with its parameters (RFC 6455 9.1)", given);
    }
  }
  if (offer.origin) {
    if (auto error = check_value("Origin", *offer.origin)) {
      return error;
    }
  }
  for (const HeaderEdit& edit : offer.header_edits) {
    if (auto error = check_edit(edit)) {
      return error;
    }
  }
  return std::nullopt;
}

// The value of a template field for this request, or nothing when the field is left out.
std::optional<std::string> value_of(const TemplateField& field, const ClientOffer& offer,
                                    const ClientTemplate& like, const std::string& key,
                                    const std::vector<std::string>& extensions) {
  std::optional<std::string> origin = offer.origin;
  if (!origin && like.browser && offer.uri) {
    origin = offer.uri->origin();
  }
  switch (field.source) {
  case FieldSource::text:
    return std::string(field.text);
  case FieldSource::host:
    return offer.uri ? std::optional(offer.uri->authority()) : std::nullopt;
  case FieldSource::key:
    return key;
  case FieldSource::version:
    return std::string(k_websocket_version);
  case FieldSource::origin:
    return origin;
  case FieldSource::subprotocols:
    if (offer.subprotocols.empty()) {
      return std::nullopt;
    }
    return fmt::format("{}", fmt::join(offer.subprotocols, like.subprotocol_separator));
  case FieldSource::extensions: {
    if (extensions.empty()) {
      return std::nullopt;
    }
    std::vector<std::string_view> trimmed;
    trimmed.reserve(extensions.size());
    for (const std::string& given : extensions) {
      trimmed.push_back(http::trim_ows(given));
    }
    return fmt::format("{}", fmt::join(trimmed, ", "));
  }
  case FieldSource::fetch_site:
    if (!origin || !offer.uri) {
      return std::nullopt;
    }
    return fetch_site(*origin, *offer.uri);
  case FieldSource::added:
    return std::nullopt;
  }
  return std::nullopt;
}

// The edits applied in order: the first edit of a name the template has replaces that field
// in place (or, without a value, leaves it out); every other edit with a value is added where
// the template puts added fields, in the order given.
std::vector<RequestField> apply_edits(const ClientTemplate& like,
                                      std::vector<std::optional<RequestField>> built,
                                      const std::vector<HeaderEdit>& edits) {
  std::vector<bool> edited(built.size(), false);
  std::vector<RequestField> added;
  for (const HeaderEdit& edit : edits) {
    bool replaced = false;
    for (std::size_t i = 0; i < built.size() && !replaced; ++i) {
      if (!edited[i] && !like.fields[i].name.empty() &&
          http::iequals(like.fields[i].name, edit.name)) {
        edited[i] = true;
        replaced = true;
        built[i] = edit.value ? std::optional(RequestField{edit.name, *edit.value}) : std::nullopt;
      }
    }
    if (!replaced && edit.value) {
      added.push_back({edit.name, *edit.value});
    }
  }
  std::vector<RequestField> fields;
  fields.reserve(built.size() + added.size());
  bool placed = false;
  for (std::size_t i = 0; i < built.size(); ++i) {
    if (like.fields[i].source == FieldSource::added && !placed) {
      fields.insert(fields.end(), added.begin(), added.end());
      placed = true;
    } else if (built[i]) {
      fields.push_back(std::move(*built[i]));
    }
  }
  if (!placed) {
    fields.insert(fields.end(), added.begin(), added.end());
  }
  return fields;
}

} // namespace

std::string WebSocketUri::authority() const {
  const unsigned default_port = secure ? k_wss_port : k_ws_port;
  return port == default_port ? host : fmt::format("{}:{}", host, port);
}

std::string WebSocketUri::origin() const {
  return fmt::format("{}{}", secure ? k_https_scheme : k_http_scheme, authority());
}

util::Expected<WebSocketUri, std::string> parse_websocket_uri(std::string_view text) {
  WebSocketUri uri;
  const std::size_t scheme_end = text.find("://");
  const std::string_view scheme = text.substr(0, std::min(scheme_end, text.size()));
  if (scheme_end == std::string_view::npos ||
      (!http::iequals(scheme, "ws") && !http::iequals(scheme, "wss"))) {
    return util::unexpected(fmt::format("`{}` is not a ws:// or wss:// URI (RFC 6455 3)", text));
  }
  uri.secure = http::iequals(scheme, "wss");
  uri.port = uri.secure ? k_wss_port : k_ws_port;
  const std::size_t authority_at = scheme_end + 3;
  const std::size_t authority_end = std::min(text.find_first_of("/?#", authority_at), text.size());
  const std::string_view authority = text.substr(authority_at, authority_end - authority_at);
  if (authority.empty()) {
    return util::unexpected(
        fmt::format("column {}: the URI names no host (RFC 6455 3)", authority_at + 1));
  }
  if (authority.find('@') != std::string_view::npos) {
    return util::unexpected(fmt::format(
        "column {}: a WebSocket URI names no user (RFC 6455 3); send credentials with -H "
        "'Authorization: ...'",
        authority_at + authority.find('@') + 1));
  }
  if (auto error = http::check_host(authority)) {
    return util::unexpected(fmt::format("column {}: {} (RFC 6455 3, RFC 3986 3.2)",
                                        authority_at + error->offset + 1, error->message));
  }
  const std::size_t close = authority.starts_with('[') ? authority.find(']') + 1 : 0;
  const std::size_t colon = std::min(authority.find(':', close), authority.size());
  uri.host.assign(authority.substr(0, colon));
  std::transform(uri.host.begin(), uri.host.end(), uri.host.begin(), lowercase);
  const std::string_view port = authority.substr(std::min(colon + 1, authority.size()));
  if (!port.empty()) {
    unsigned long number = 0;
    for (const char digit : port) {
      number = std::min(number * 10 + static_cast<unsigned long>(digit - '0'), 65536UL);
    }
    if (number == 0 || number > 65535) {
      return util::unexpected(fmt::format("column {}: the port `{}` is not one from 1 to 65535",
                                          authority_at + colon + 2, port));
    }
    uri.port = static_cast<unsigned>(number);
  }
  const std::string_view rest = text.substr(authority_end);
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    return util::unexpected(fmt::format("column {}: a WebSocket URI has no fragment; write `#` "
                                        "as %23 (RFC 6455 3)",
                                        authority_end + hash + 1));
  }
  auto resource_name = encode_resource_name(rest, authority_end);
  if (!resource_name) {
    return util::unexpected(std::move(resource_name.error()));
  }
  uri.resource_name = std::move(*resource_name);
  return uri;
}

const ClientTemplate* find_client_template(std::string_view name) {
  for (const ClientTemplate& like : k_client_templates) {
    if (like.name == name) {
      return &like;
    }
  }
  return nullptr;
}

std::string ClientRequest::head() const {
  std::string out = fmt::format("GET {} HTTP/1.1\r\n", resource_name);
  for (const RequestField& field : fields) {
    // An empty value gets no space after the colon: OWS is optional (RFC 9112 5).
    out += fmt::format("{}:{}{}\r\n", field.name, field.value.empty() ? "" : " ", field.value);
  }
  out += "\r\n";
  return out;
}

util::Expected<ClientRequest, ClientRequestError> build_client_request(const ClientOffer& offer,
                                                                       const ClientTemplate& like) {
  std::vector<std::string> extensions;
  if (offer.extensions) {
    extensions = *offer.extensions;
  } else if (!like.default_extensions.empty()) {
    extensions.emplace_back(like.default_extensions);
  }
  if (auto error = check_offer(offer, extensions)) {
    return util::unexpected(invalid(std::move(*error)));
  }
  ClientRequest request;
  request.sec_websocket_key = offer.sec_websocket_key;
  if (request.sec_websocket_key.empty()) {
    auto key = new_sec_websocket_key();
    if (!key) {
      return util::unexpected(
          ClientRequestError{ClientRequestError::Kind::no_randomness,
                             "the kernel's random source (getrandom) gave no key"});
    }
    request.sec_websocket_key = std::move(*key);
  }
  if (offer.uri) {
    request.resource_name = offer.uri->resource_name;
  }
  std::vector<std::optional<RequestField>> built;
  built.reserve(like.fields.size());
  for (const TemplateField& field : like.fields) {
    auto value = value_of(field, offer, like, request.sec_websocket_key, extensions);
    built.push_back(value ? std::optional(RequestField{std::string(field.name), std::move(*value)})
                          : std::nullopt);
  }
  request.fields = apply_edits(like, std::move(built), offer.header_edits);
  return request;
}

} // namespace wsh::handshake
