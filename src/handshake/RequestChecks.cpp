#include "handshake/RequestChecks.hpp"

#include "handshake/AcceptKey.hpp"
#include "handshake/NameList.hpp"
#include "handshake/TokenList.hpp"
#include "http/Host.hpp"
#include "util/Base64.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

void check_method(const http::Request& request, Findings& findings) {
  if (request.method == "PRI" && request.target == "*" && request.version == "HTTP/2.0") {
    findings.add(DiagnosticId::method_not_get, findings.offset_of(request.method),
                 "`PRI * HTTP/2.0` is the HTTP/2 connection preface: the client speaks HTTP/2 "
                 "with prior knowledge; a WebSocket over HTTP/2 opens with extended CONNECT "
                 "(RFC 8441), not an HTTP/1.1 GET");
    return;
  }
  if (request.method != "GET") {
    findings.add(DiagnosticId::method_not_get, findings.offset_of(request.method),
                 fmt::format("the method is `{}`; a WebSocket handshake is a GET (methods are "
                             "case-sensitive)",
                             request.method));
  }
}

void check_request_target(const http::Request& request, Findings& findings) {
  // The parser reads `*` for any method; only OPTIONS may use it, and a GET that opens a
  // WebSocket names a resource. Another method is refused by check_method already.
  if (request.target == "*" && request.method == "GET") {
    findings.add(DiagnosticId::invalid_request_target, findings.offset_of(request.target),
                 "the asterisk-form target `*` is only for OPTIONS (RFC 9112 3.2.4); a "
                 "WebSocket handshake names a resource, such as `/`");
  }
}

void check_http_version(const http::Request& request, Findings& findings) {
  const int major = request.version_major();
  const int minor = request.version_minor();
  if (major == 1 && minor >= 1) {
    return;
  }
  const std::string message =
      major < 1 || (major == 1 && minor == 0)
          ? fmt::format("`{}` has no Upgrade mechanism; the handshake needs HTTP/1.1",
                        request.version)
          : fmt::format("`{}` in an HTTP/1 request line; WebSocket over HTTP/2 and HTTP/3 uses "
                        "extended CONNECT (RFC 8441, RFC 9220), not this request",
                        request.version);
  findings.add(DiagnosticId::unsupported_http_version, findings.offset_of(request.version),
               message);
}

void check_host(const HandshakeFields& fields, Findings& findings) {
  const FieldList& host = fields.host;
  if (host.empty()) {
    findings.add(DiagnosticId::missing_host, findings.missing_at(), "no Host header field", "Host");
    return;
  }
  if (host.size() > 1) {
    findings.add(DiagnosticId::duplicate_host, findings.offset_of(host[1]->name),
                 fmt::format("Host appears {} times; exactly one is allowed", host.size()),
                 host[1]->name);
    return;
  }
  if (auto error = http::check_host(host[0]->value)) {
    findings.add(DiagnosticId::invalid_host, findings.offset_of(host[0]->value) + error->offset,
                 fmt::format("invalid Host `{}`: {}", host[0]->value, error->message),
                 host[0]->name);
  }
}

// Both fields are hop-by-hop, so a proxy that does not know WebSocket drops them while the
// Sec-WebSocket-* fields pass through: that gets its own diagnosis.
void check_upgrade_and_connection(const HandshakeFields& fields, Findings& findings) {
  const TokenListSummary upgrade =
      summarize_token_list(fields.upgrade, "Upgrade", "websocket", true, findings);
  const TokenListSummary connection =
      summarize_token_list(fields.connection, "Connection", "upgrade", false, findings);

  const http::Field* upgrade_field = fields.upgrade.empty() ? nullptr : fields.upgrade.front();
  const http::Field* connection_field =
      fields.connection.empty() ? nullptr : fields.connection.front();

  // Without an Upgrade field, the missing-field diagnosis below covers it.
  if (upgrade_field != nullptr && upgrade.valid && !upgrade.has_wanted) {
    findings.add(DiagnosticId::upgrade_not_websocket, findings.offset_of(upgrade_field->value),
                 upgrade.others.empty() ? std::string("Upgrade is empty; it must list `websocket`")
                                        : fmt::format("Upgrade lists {} but not `websocket`",
                                                      quote_list(upgrade.others)),
                 upgrade_field->name);
  } else if (upgrade_field != nullptr && upgrade.has_wanted && !upgrade.others.empty()) {
    findings.add(DiagnosticId::upgrade_lists_other_protocols,
                 findings.offset_of(upgrade_field->value),
                 fmt::format("Upgrade lists {} besides `websocket`", quote_list(upgrade.others)),
                 upgrade_field->name);
  }

  const bool upgrade_missing = !upgrade.present;
  const bool connection_lacks_token = connection.valid && !connection.has_wanted;
  const bool looks_like_websocket =
      !fields.sec_websocket_key.empty() || !fields.sec_websocket_version.empty();
  const auto connection_text = [&] {
    return connection_field == nullptr ? std::string("there is no Connection field")
           : connection.others.empty()
               ? std::string("Connection is empty")
               : fmt::format("Connection is {}", quote_list(connection.others));
  };

  if (looks_like_websocket && (upgrade_missing || connection_lacks_token) &&
      (upgrade_missing || upgrade.has_wanted)) {
    std::string what;
    if (upgrade_missing && connection_lacks_token) {
      what = fmt::format("Upgrade is missing and {}", connection_text());
    } else if (upgrade_missing) {
      what = "Upgrade is missing";
    } else {
      what = fmt::format("{} (no `upgrade`)", connection_text());
    }
    findings.add(
        DiagnosticId::hop_by_hop_headers_stripped,
        connection_field != nullptr ? findings.offset_of(connection_field->name)
                                    : findings.missing_at(),
        fmt::format("the request carries Sec-WebSocket-* fields, but {}: a proxy between the "
                    "client and here probably dropped the hop-by-hop headers (or the client "
                    "never sent them)",
                    what),
        connection_field != nullptr ? connection_field->name : std::string_view("Connection"));
    if (upgrade_missing) {
      // Named where it would have been too, so the person reading sees the field to add.
      findings.add(DiagnosticId::missing_upgrade, findings.missing_at(), "no Upgrade header field",
                   "Upgrade");
    }
    return;
  }
  if (upgrade_missing) {
    findings.add(DiagnosticId::missing_upgrade, findings.missing_at(), "no Upgrade header field",
                 "Upgrade");
  }
  if (connection_lacks_token) {
    findings.add(DiagnosticId::missing_connection_upgrade,
                 connection_field != nullptr ? findings.offset_of(connection_field->value)
                                             : findings.missing_at(),
                 fmt::format("{}; it must list `upgrade`", connection_text()),
                 connection_field != nullptr ? connection_field->name
                                             : std::string_view("Connection"));
  }
}

namespace {

// Why `key`, which is not the base64 of 16 bytes, is not, and the offset of the byte to blame.
std::pair<std::string, std::size_t> why_key_is_invalid(std::string_view key) {
  const auto bad = std::find_if(key.begin(), key.end(),
                                [](char c) { return !util::is_base64_alphabet(c) && c != '='; });
  if (bad != key.end()) {
    return {fmt::format("{} is not a base64 character", util::describe_byte(*bad)),
            static_cast<std::size_t>(bad - key.begin())};
  }
  const std::size_t early_pad = key.substr(0, std::min<std::size_t>(key.size(), 22)).find('=');
  if (key.size() == 24 && early_pad != std::string_view::npos) {
    return {"padding '=' inside the key; only the last two characters are padding", early_pad};
  }
  return {fmt::format("it is {} characters; the base64 of 16 bytes is 22 characters and `==`",
                      key.size()),
          0};
}

} // namespace

void check_sec_websocket_key(const HandshakeFields& fields, Findings& findings, Outcome& outcome) {
  const FieldList& key = fields.sec_websocket_key;
  if (key.empty()) {
    findings.add(DiagnosticId::missing_key, findings.missing_at(),
                 "no Sec-WebSocket-Key header field", "Sec-WebSocket-Key");
    return;
  }
  if (key.size() > 1) {
    findings.add(
        DiagnosticId::duplicate_key, findings.offset_of(key[1]->name),
        fmt::format("Sec-WebSocket-Key appears {} times; exactly one is allowed", key.size()),
        key[1]->name);
    return;
  }
  const std::string_view value = key[0]->value;
  if (!util::is_base64_of_16_bytes(value)) {
    const auto [why, at] = why_key_is_invalid(value);
    findings.add(
        DiagnosticId::invalid_key, findings.offset_of(value) + at,
        fmt::format("Sec-WebSocket-Key `{}` is not the base64 of 16 bytes: {}", value, why),
        key[0]->name);
    return;
  }
  outcome.sec_websocket_key = value;
  const std::array<char, 28> accept = compute_accept(value);
  outcome.sec_websocket_accept.assign({accept.data(), accept.size()});
}

void check_sec_websocket_version(const HandshakeFields& fields, Findings& findings) {
  const FieldList& version = fields.sec_websocket_version;
  if (version.empty()) {
    findings.add(DiagnosticId::missing_version, findings.missing_at(),
                 "no Sec-WebSocket-Version header field", "Sec-WebSocket-Version");
    return;
  }
  if (version.size() > 1) {
    findings.add(DiagnosticId::duplicate_version, findings.offset_of(version[1]->name),
                 fmt::format("Sec-WebSocket-Version appears {} times; exactly one is allowed",
                             version.size()),
                 version[1]->name);
    return;
  }
  if (version[0]->value != "13") {
    findings.add(
        DiagnosticId::unsupported_version, findings.offset_of(version[0]->value),
        fmt::format("Sec-WebSocket-Version is `{}`; the only version is 13", version[0]->value),
        version[0]->name);
  }
}

void check_origin(const HandshakeFields& fields, Findings& findings) {
  if (fields.origin.empty()) {
    findings.add(DiagnosticId::no_origin, findings.missing_at(),
                 "no Origin header field: not a browser", "Origin");
  }
}

} // namespace wsh::handshake
