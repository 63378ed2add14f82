#include "handshake/ResponseChecks.hpp"

#include "handshake/AcceptMismatch.hpp"
#include "handshake/DeflateDiagnostics.hpp"
#include "handshake/NameList.hpp"
#include "handshake/TokenList.hpp"
#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What a status other than 101 usually means for a WebSocket client.
std::string meaning_of(unsigned status, const HandshakeFields& fields) {
  switch (status) {
  case 200:
    return "a plain HTTP handler answered: the request never reached a WebSocket endpoint (a "
           "proxy dropped Upgrade and Connection, or the path serves no WebSocket)";
  case 301:
  case 302:
  case 303:
  case 307:
  case 308:
    return "a redirect: browsers and Node ws do not follow it for a WebSocket; connect to the "
           "final URL";
  case 400:
    return "the server refused the request as invalid: see the request's diagnosis";
  case 401:
    return "the server wants credentials (a cookie or a token) the request does not carry";
  case 403:
    return "forbidden: usually an Origin the server does not allow, or a missing credential";
  case 404:
    return "nothing at this path: check the URL's path and any path rewriting in a proxy";
  case 405:
    return "the method is not allowed: a WebSocket endpoint expects GET";
  case 426:
    return fields.sec_websocket_version.empty()
               ? "Upgrade Required: the server did not see an upgrade request (a proxy dropped "
                 "Upgrade and Connection)"
               : fmt::format("Upgrade Required: the server speaks Sec-WebSocket-Version {}",
                             fields.sec_websocket_version.front()->value);
  case 429:
    return "too many requests: the server rate-limits this client";
  case 431:
    return "the request's header fields are too large, usually its cookies";
  case 500:
    return "the server failed while handling the handshake: its log says why";
  case 502:
    return "a proxy got no valid answer from the backend (down, or not speaking HTTP/1.1 to "
           "the proxy)";
  case 503:
    return "the service is unavailable: a proxy with no live backend, or an overloaded server";
  case 504:
    return "a proxy timed out waiting for the backend";
  default:
    break;
  }
  if (status >= 100 && status < 200) {
    return "an interim response, not the 101 that switches protocols";
  }
  return "not the 101 that switches protocols";
}

// The field's value as written, with the OWS the reader trimmed: from after the colon to the
// end of its line.
std::string_view value_as_written(const http::Request& request, const http::Field& field) {
  const std::size_t start = request.offset_of(field.name) + field.name.size() + 1;
  std::size_t end = request.offset_of(field.value) + field.value.size();
  while (end < request.input.size() && http::is_ows(request.input[end])) {
    ++end;
  }
  return request.input.substr(start, end - start);
}

} // namespace

std::optional<unsigned> check_status_line(const http::Response& response, Findings& findings) {
  if (response.leading_empty_lines > 0) {
    findings.add(DiagnosticId::response_leading_empty_line, 0,
                 fmt::format("{} empty line{} before the status line", response.leading_empty_lines,
                             response.leading_empty_lines == 1 ? "" : "s"));
  }
  const std::size_t line_at = findings.offset_of(response.status_line);
  if (response.status_code.empty()) {
    findings.add(DiagnosticId::malformed_status_line, line_at,
                 fmt::format("the status line `{}` is not `HTTP-version SP status-code SP "
                             "[reason-phrase]`",
                             response.status_line));
    return std::nullopt;
  }
  const std::string_view version = response.version;
  const bool http_11 = version == "HTTP/1.1";
  if (!http_11) {
    const bool shaped = version.size() == 8 && version.starts_with("HTTP/") && version[6] == '.' &&
                        all_digits(version.substr(5, 1)) && all_digits(version.substr(7, 1));
    findings.add(
        DiagnosticId::response_http_version, findings.offset_of(version),
        shaped ? fmt::format("the response is `{}`; a 101 exists only in HTTP/1.1", version)
               : fmt::format("`{}` is not an HTTP version (`HTTP/1.1`, case-sensitive)", version));
  }
  const std::string_view code = response.status_code;
  if (code.size() != 3 || !all_digits(code)) {
    findings.add(DiagnosticId::invalid_status_code, findings.offset_of(code),
                 fmt::format("the status code `{}` is not three digits", code));
    return std::nullopt;
  }
  if (!response.space_before_reason) {
    findings.add(DiagnosticId::missing_space_before_reason, findings.offset_of(code) + code.size(),
                 "no space after the status code; the grammar needs it even before an empty "
                 "reason phrase");
  }
  return static_cast<unsigned>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
}

void check_response_lines(const http::Response& response, Findings& findings) {
  bool lf_reported = false;
  const auto report_lf = [&](std::size_t at) {
    if (!lf_reported) {
      lf_reported = true;
      findings.add(DiagnosticId::response_lf_line_endings, at,
                   "lines end with LF alone, not CRLF (the first one here)");
    }
  };
  if (response.status_line_lf_only) {
    report_lf(findings.offset_of(response.status_line) + response.status_line.size());
  }
  for (const http::HeaderLine& line : response.lines) {
    if (line.lf_only) {
      report_lf(line.end);
    }
    const std::string_view text = response.input.substr(line.begin, line.end - line.begin);
    switch (line.shape) {
    case http::LineShape::field:
      break;
    case http::LineShape::obs_fold:
      findings.add(DiagnosticId::response_obs_fold, line.begin,
                   "this line starts with whitespace, continuing the previous field (obsolete "
                   "line folding)");
      break;
    case http::LineShape::whitespace_before_colon:
      findings.add(DiagnosticId::response_whitespace_before_colon, line.problem_at,
                   fmt::format("whitespace between the field name `{}` and the colon", line.name),
                   line.name);
      break;
    case http::LineShape::missing_colon:
      findings.add(DiagnosticId::response_missing_colon, line.begin,
                   fmt::format("the line `{}` has no colon", text));
      break;
    case http::LineShape::invalid_name:
      findings.add(DiagnosticId::response_invalid_field_name, line.problem_at,
                   line.name.empty()
                       ? std::string("the field name before ':' is empty")
                       : fmt::format("{} is not allowed in a field name (a token)",
                                     util::describe_byte(response.input[line.problem_at])));
      break;
    case http::LineShape::control_byte:
      findings.add(DiagnosticId::response_control_byte_in_value, line.problem_at,
                   fmt::format("control {} in the value of {}",
                               util::describe_byte(response.input[line.problem_at]), line.name),
                   line.name);
      break;
    case http::LineShape::bare_cr:
      findings.add(DiagnosticId::response_bare_cr, line.problem_at,
                   "a CR byte that is not followed by LF, inside a line");
      break;
    }
  }
}

void check_status_101(const http::Response& response, const HandshakeFields& fields,
                      unsigned status, Findings& findings) {
  if (status == 101) {
    return;
  }
  findings.add(
      DiagnosticId::status_not_101, findings.offset_of(response.status_code),
      fmt::format("the server answered {} instead of 101: {}", status, meaning_of(status, fields)));
}

void check_response_upgrade(const HandshakeFields& fields, Findings& findings) {
  const FieldList& upgrade = fields.upgrade;
  if (upgrade.empty()) {
    findings.add(DiagnosticId::response_missing_upgrade, findings.missing_at(),
                 "no Upgrade header field in the 101", "Upgrade");
    return;
  }
  if (upgrade.size() > 1) {
    findings.add(DiagnosticId::response_upgrade_not_websocket, findings.offset_of(upgrade[1]->name),
                 fmt::format("Upgrade appears {} times; its value must be `websocket` alone",
                             upgrade.size()),
                 upgrade[1]->name);
    return;
  }
  if (!http::iequals(upgrade[0]->value, "websocket")) {
    findings.add(
        DiagnosticId::response_upgrade_not_websocket, findings.offset_of(upgrade[0]->value),
        upgrade[0]->value.empty()
            ? std::string("Upgrade is empty; it must be `websocket`")
            : fmt::format("Upgrade is `{}`; it must be `websocket` alone", upgrade[0]->value),
        upgrade[0]->name);
  }
}

void check_response_connection(const HandshakeFields& fields, Findings& findings) {
  const TokenListSummary connection =
      summarize_token_list(fields.connection, "Connection", "upgrade", false, findings);
  if (!connection.valid || connection.has_wanted) {
    return;
  }
  const http::Field* field = fields.connection.empty() ? nullptr : fields.connection.front();
  findings.add(
      DiagnosticId::response_missing_connection_upgrade,
      field != nullptr ? findings.offset_of(field->value) : findings.missing_at(),
      field == nullptr ? std::string("no Connection header field in the 101")
      : connection.others.empty()
          ? std::string("Connection is empty; it must list `upgrade`")
          : fmt::format("Connection is {}; it must list `upgrade`", quote_list(connection.others)),
      field != nullptr ? field->name : std::string_view("Connection"));
}

void check_response_accept(const HandshakeFields& fields, const Outcome& request,
                           Findings& findings) {
  const FieldList& accept = fields.sec_websocket_accept;
  if (accept.empty() || accept[0]->value.empty()) {
    findings.add(DiagnosticId::missing_accept,
                 accept.empty() ? findings.missing_at() : findings.offset_of(accept[0]->value),
                 accept.empty() ? "no Sec-WebSocket-Accept header field in the 101"
                                : "Sec-WebSocket-Accept is empty",
                 "Sec-WebSocket-Accept");
    return;
  }
  if (accept.size() > 1) {
    findings.add(
        DiagnosticId::duplicate_accept, findings.offset_of(accept[1]->name),
        fmt::format("Sec-WebSocket-Accept appears {} times; exactly one is allowed", accept.size()),
        accept[1]->name);
    return;
  }
  const std::string_view value = accept[0]->value;
  if (request.sec_websocket_key.empty()) {
    findings.add(DiagnosticId::wrong_accept, findings.offset_of(value),
                 "the request holds no valid Sec-WebSocket-Key, so no accept value can match "
                 "(see the request's diagnosis)",
                 accept[0]->name);
    return;
  }
  if (value == request.sec_websocket_accept.view()) {
    return;
  }
  const http::Request& sent = *request.request;
  std::string_view key_as_written = request.sec_websocket_key;
  for (const http::Field& field : sent.fields) {
    if (field.value.data() == request.sec_websocket_key.data()) {
      key_as_written = value_as_written(sent, field);
    }
  }
  findings.add(DiagnosticId::wrong_accept, findings.offset_of(value),
               fmt::format("Sec-WebSocket-Accept is `{}`, but the key `{}` gives `{}`: {}", value,
                           request.sec_websocket_key, request.sec_websocket_accept.view(),
                           explain_wrong_accept(value, request.sec_websocket_key, key_as_written)),
               accept[0]->name);
}

void check_response_extensions(const HandshakeFields& fields, const Outcome& request,
                               const DeflateOffers& deflate_offers, Findings& findings,
                               std::vector<std::string>& negotiated) {
  std::vector<Extension> answers;
  for (const http::Field* field : fields.sec_websocket_extensions) {
    const std::size_t before = answers.size();
    const auto error = parse_extension_list(field->value, answers);
    if (error || answers.size() == before) {
      findings.add(DiagnosticId::invalid_response_extensions,
                   findings.offset_of(field->value) + (error ? error->offset : 0),
                   error ? fmt::format("Sec-WebSocket-Extensions: {}", error->message)
                         : std::string("Sec-WebSocket-Extensions is empty; send no field when no "
                                       "extension is accepted"),
                   field->name);
    }
  }
  std::vector<std::string_view> offered;
  for (const Extension& offer : request.offered_extensions) {
    offered.push_back(offer.name);
  }
  offered = distinct(offered);
  bool deflate_seen = false;
  for (const Extension& answer : answers) {
    const std::size_t at = findings.offset_of(answer.text);
    if (std::find(offered.begin(), offered.end(), answer.name) == offered.end()) {
      findings.add(DiagnosticId::response_extension_not_offered, at,
                   offered.empty()
                       ? fmt::format("the response uses `{}`, but the client offered no "
                                     "extension",
                                     answer.name)
                       : fmt::format("the response uses `{}`, but the client offered only {} "
                                     "(names compare exactly)",
                                     answer.name, quote_list(offered)),
                   "Sec-WebSocket-Extensions");
      continue;
    }
    if (answer.name != k_permessage_deflate) {
      negotiated.push_back(format_extension(answer));
      continue;
    }
    if (deflate_seen) {
      findings.add(DiagnosticId::duplicate_deflate_response, at,
                   "permessage-deflate is answered twice; a response accepts at most one offer",
                   "Sec-WebSocket-Extensions");
      continue;
    }
    deflate_seen = true;
    const auto parameters = read_deflate_parameters(answer, DeflateRole::response);
    if (!parameters) {
      findings.add(response_parameter_error_id(parameters.error().kind), at,
                   fmt::format("the response's `{}`: {}", answer.text, parameters.error().message),
                   "Sec-WebSocket-Extensions");
      continue;
    }
    const auto answered = match_deflate_answer(
        *parameters, answer.text, {deflate_offers.begin(), deflate_offers.size()},
        request.offered_extensions, AnswerSide::response, at, "Sec-WebSocket-Extensions", findings);
    if (answered) {
      warn_window_bits_8(*parameters, at, findings);
      negotiated.push_back(format_deflate(*parameters));
    }
  }
}

void check_response_subprotocol(const HandshakeFields& fields, const Outcome& request,
                                Findings& findings, std::optional<std::string>& negotiated) {
  const FieldList& protocol = fields.sec_websocket_protocol;
  const auto& offered = request.offered_subprotocols;
  if (protocol.empty()) {
    if (!offered.empty()) {
      findings.add(
          DiagnosticId::server_selected_no_subprotocol, findings.missing_at(),
          fmt::format("the client offered {} and the response selects none", quote_list(offered)),
          "Sec-WebSocket-Protocol");
    }
    return;
  }
  const http::Field& field = *protocol[0];
  if (protocol.size() > 1) {
    findings.add(DiagnosticId::invalid_response_subprotocol, findings.offset_of(protocol[1]->name),
                 fmt::format("Sec-WebSocket-Protocol appears {} times; the server selects one "
                             "subprotocol, once",
                             protocol.size()),
                 protocol[1]->name);
    return;
  }
  if (field.value.empty() || !http::is_token(field.value)) {
    findings.add(DiagnosticId::invalid_response_subprotocol, findings.offset_of(field.value),
                 field.value.empty()
                     ? std::string("Sec-WebSocket-Protocol is empty; send no field to select "
                                   "none")
                     : fmt::format("Sec-WebSocket-Protocol `{}` is not one token; the server "
                                   "selects one subprotocol",
                                   field.value),
                 field.name);
    return;
  }
  if (offered.empty()) {
    findings.add(DiagnosticId::subprotocol_not_requested, findings.offset_of(field.value),
                 fmt::format("the response selects `{}`, but the client offered no subprotocol",
                             field.value),
                 field.name);
    return;
  }
  if (std::find(offered.begin(), offered.end(), field.value) == offered.end()) {
    findings.add(DiagnosticId::response_subprotocol_not_offered, findings.offset_of(field.value),
                 fmt::format("the response selects `{}`, but the client offered only {} "
                             "(compared exactly)",
                             field.value, quote_list(offered)),
                 field.name);
    return;
  }
  negotiated = std::string(field.value);
}

void check_response_framing(const http::Response& response, const HandshakeFields& fields,
                            Findings& findings) {
  for (const http::Field* field : fields.content_length) {
    findings.add(
        DiagnosticId::content_length_on_101, findings.offset_of(field->name),
        fmt::format("Content-Length: {} on a 101; a 1xx response has no content", field->value),
        field->name);
  }
  for (const http::Field* field : fields.transfer_encoding) {
    findings.add(
        DiagnosticId::transfer_encoding_on_101, findings.offset_of(field->name),
        fmt::format("Transfer-Encoding: {} on a 101; a 1xx response has no content", field->value),
        field->name);
  }
  if (response.bytes_after_headers() > 0) {
    findings.add(DiagnosticId::frames_after_response, response.header_size,
                 fmt::format("{} bytes follow the header block: WebSocket frames, counted and not "
                             "parsed",
                             response.bytes_after_headers()));
  }
}

} // namespace wsh::handshake
