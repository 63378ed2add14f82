// libFuzzer target: the whole engine, handshake::begin_server_handshake, and every renderer.
// The first three bytes pick the options (below); the rest is the request. Invariants: an
// accepted handshake carries the 28-character accept of its key and only what the client
// offered, every view and offset lies inside the input, text output can go to a terminal (no
// control byte but tab and newline, no DEL, no C1, valid UTF-8), http output is printable ASCII
// with CRLF line ends, and JSON output parses back and says what the outcome says. A reused
// ServerHandshake (as --batch keeps one), after a rich request and after an unreadable one,
// answers exactly what a fresh engine answers.
//
// Byte 0: bits 0-1 the format (0 text: headers and diagnostics, 1 http: bytes and diagnostics,
//         2 json, 3 every renderer); bit 2 --strict; bit 3 --allow-truncated; bit 4 more input
//         left unread; bit 5 colour; bit 6 tiny limits (128 header bytes, 8 fields); bit 7 a
//         file name full of escape sequences.
// Byte 1: bits 0-2 -p (0 and 7 none, 1 chat, 2 superchat, 3 Chat, 4 empty, 5 not a token,
//         6 from an input line); bits 3-5 one -e each from k_extension_choices; bit 6 -e from an
//         input line; bit 7 an -e that breaks RFC 6455 9.1.
// Byte 2: bits 0-1 --accept-protocols (0 none, 1 superchat,chat, 2 chat,x, 3 from an input
//         line); bit 2 --prefer client; bits 3-4 --negotiate-deflate (0 no, 1 defaults,
//         2 k_deflate_settings, 3 from an input line); bit 5 -v; bit 6 the request sits deep
//         in a --batch stream (line 100000, byte 4 GiB); bit 7 unused.
// Input lines (each up to LF) follow in that order, only for the choices that take one.

#include "FuzzCheck.hpp"

#include "handshake/AcceptKey.hpp"
#include "handshake/PerMessageDeflate.hpp"
#include "handshake/ServerHandshake.hpp"
#include "http/Grammar.hpp"
#include "output/HttpRenderer.hpp"
#include "output/JsonRenderer.hpp"
#include "output/TextRenderer.hpp"
#include "util/Base64.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace wsh;
using diagnostics::Severity;

enum class Format { text, http, json, every };

constexpr std::array<std::string_view, 8> k_subprotocol_choices{
    "", "chat", "superchat", "Chat", "", "a b\x1b[31m", "", ""};
constexpr std::array<std::string_view, 3> k_extension_choices{
    "permessage-deflate", "permessage-deflate; client_max_window_bits=15",
    "x-webkit-deflate-frame"};
constexpr std::string_view k_deflate_settings =
    "server_max_window_bits=10,client_max_window_bits=12,server_no_context_takeover";
constexpr std::string_view k_plain_name = "fuzz.http";
constexpr std::string_view k_hostile_name = "evil\x1b]0;pwned\x07\x1b[2J\x9b\xff\n.http";

// One run of the engine as the first two input bytes describe it.
struct FuzzCase {
  Format format = Format::text;
  bool color = false;
  bool verbose = false;
  bool deep_in_stream = false;
  std::string_view source_name = k_plain_name;
  handshake::ServerChoices choices;
  http::ParseOptions parse;
  std::string_view request;
};

// The elements of a comma-separated list, OWS trimmed, empty ones skipped (as the CLI reads
// --accept-protocols, but without refusing non-tokens, which only the library can be given).
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view item = http::trim_ows(text.substr(start, end - start));
    if (!item.empty()) {
      items.emplace_back(item);
    }
    start = end + 1;
  }
  return items;
}

// The bytes before the next LF, which is consumed too.
std::string take_line(std::string_view& rest) {
  const std::size_t end = std::min(rest.find('\n'), rest.size());
  std::string line(rest.substr(0, end));
  rest.remove_prefix(std::min(end + 1, rest.size()));
  return line;
}

FuzzCase decode(std::string_view bytes) {
  const auto mode = static_cast<unsigned>(bytes.empty() ? 0 : static_cast<std::uint8_t>(bytes[0]));
  const auto pick =
      static_cast<unsigned>(bytes.size() < 2 ? 0 : static_cast<std::uint8_t>(bytes[1]));
  const auto negotiate =
      static_cast<unsigned>(bytes.size() < 3 ? 0 : static_cast<std::uint8_t>(bytes[2]));
  std::string_view rest = bytes.substr(std::min<std::size_t>(3, bytes.size()));
  FuzzCase fuzz_case;
  fuzz_case.format = static_cast<Format>(mode & 3U);
  fuzz_case.choices.strict = (mode & 4U) != 0;
  fuzz_case.parse.allow_truncated = (mode & 8U) != 0;
  fuzz_case.parse.more_input_unread = (mode & 16U) != 0;
  fuzz_case.color = (mode & 32U) != 0;
  if ((mode & 64U) != 0) {
    fuzz_case.parse.max_header_bytes = 128;
    fuzz_case.parse.max_fields = 8;
  }
  fuzz_case.source_name = (mode & 128U) != 0 ? k_hostile_name : k_plain_name;

  const unsigned subprotocol = pick & 7U;
  if (subprotocol == 6) {
    fuzz_case.choices.subprotocol = take_line(rest);
  } else if (subprotocol != 0 && subprotocol != 7) {
    fuzz_case.choices.subprotocol = std::string(k_subprotocol_choices[subprotocol]);
  }
  for (std::size_t i = 0; i < k_extension_choices.size(); ++i) {
    if ((pick & (8U << i)) != 0) {
      fuzz_case.choices.extensions.emplace_back(k_extension_choices[i]);
    }
  }
  if ((pick & 64U) != 0) {
    fuzz_case.choices.extensions.push_back(take_line(rest));
  }
  if ((pick & 128U) != 0) {
    fuzz_case.choices.extensions.emplace_back("permessage-deflate;");
  }

  const unsigned accept_protocols = negotiate & 3U;
  if (accept_protocols == 1) {
    fuzz_case.choices.accept_protocols = {"superchat", "chat"};
  } else if (accept_protocols == 2) {
    fuzz_case.choices.accept_protocols = {"chat", "x"};
  } else if (accept_protocols == 3) {
    fuzz_case.choices.accept_protocols = split_list(take_line(rest));
  }
  fuzz_case.choices.prefer = (negotiate & 4U) != 0 ? handshake::ProtocolPreference::client
                                                   : handshake::ProtocolPreference::server;
  const unsigned deflate = (negotiate >> 3U) & 3U;
  if (deflate != 0) {
    const std::string settings = deflate == 1   ? std::string()
                                 : deflate == 2 ? std::string(k_deflate_settings)
                                                : take_line(rest);
    auto parsed = handshake::parse_deflate_settings(settings);
    WSH_FUZZ_CHECK(parsed || deflate == 3);
    if (parsed) {
      fuzz_case.choices.negotiate_deflate = *parsed;
    }
  }
  fuzz_case.verbose = (negotiate & 32U) != 0;
  fuzz_case.deep_in_stream = (negotiate & 64U) != 0;
  fuzz_case.request = rest;
  return fuzz_case;
}

const handshake::ResponseHeader* find_header(const handshake::Outcome& outcome,
                                             std::string_view name) {
  const auto found =
      std::find_if(outcome.response_headers.begin(), outcome.response_headers.end(),
                   [&](const handshake::ResponseHeader& header) { return header.name == name; });
  return found == outcome.response_headers.end() ? nullptr : &*found;
}

// RFC 6455 4.2.2 item 6 and RFC 7692 7.1: the response names only offered extensions, at most
// one permessage-deflate, and that one is a valid answer to an offer it accepted.
void check_accepted_extensions(const handshake::Outcome& outcome) {
  const handshake::ResponseHeader* header = find_header(outcome, "Sec-WebSocket-Extensions");
  WSH_FUZZ_CHECK((header == nullptr) == outcome.selected_extensions.empty());
  if (header != nullptr) {
    WSH_FUZZ_CHECK(header->value ==
                   fmt::format("{}", fmt::join(outcome.selected_extensions, ", ")));
  }
  const auto& offers = outcome.offered_extensions;
  bool deflate_seen = false;
  for (const std::string& text : outcome.selected_extensions) {
    std::vector<handshake::Extension> parsed;
    WSH_FUZZ_CHECK(!handshake::parse_extension_list(text, parsed) && parsed.size() == 1);
    const handshake::Extension& selected = parsed.front();
    WSH_FUZZ_CHECK(std::any_of(offers.begin(), offers.end(), [&](const handshake::Extension& o) {
      return o.name == selected.name;
    }));
    if (selected.name != handshake::k_permessage_deflate) {
      continue;
    }
    WSH_FUZZ_CHECK(!deflate_seen);
    deflate_seen = true;
    const auto response =
        handshake::read_deflate_parameters(selected, handshake::DeflateRole::response);
    WSH_FUZZ_CHECK(response.has_value());
    bool answers_an_offer = false;
    for (std::size_t i = 0; i < offers.size(); ++i) {
      if (offers[i].name != handshake::k_permessage_deflate ||
          outcome.offer_verdicts[i].state != handshake::OfferVerdict::State::accepted) {
        continue;
      }
      const auto offer =
          handshake::read_deflate_parameters(offers[i], handshake::DeflateRole::offer);
      answers_an_offer = answers_an_offer ||
                         (offer && handshake::check_deflate_response(*offer, *response).empty());
    }
    WSH_FUZZ_CHECK(answers_an_offer);
  }
}

void check_accepted(const FuzzCase& fuzz_case, const handshake::Outcome& outcome) {
  WSH_FUZZ_CHECK(outcome.status == 101 && outcome.hresult.value == 0);
  WSH_FUZZ_CHECK(outcome.request.has_value() && !outcome.read_failure);
  // RFC 6455 4.2.2 item 5.4: base64 of a SHA-1 digest, always 28 characters.
  WSH_FUZZ_CHECK(outcome.sec_websocket_accept.size() == 28);
  WSH_FUZZ_CHECK(util::is_base64_of_16_bytes(outcome.sec_websocket_key));
  const std::array<char, 28> expected = handshake::compute_accept(outcome.sec_websocket_key);
  WSH_FUZZ_CHECK(outcome.sec_websocket_accept == std::string_view(expected.data(), 28));
  const handshake::ResponseHeader* accept = find_header(outcome, "Sec-WebSocket-Accept");
  WSH_FUZZ_CHECK(accept != nullptr && accept->value == outcome.sec_websocket_accept);
  // RFC 6455 4.2.2 item 5: the subprotocol is one the client offered; an explicit -p wins.
  const handshake::ResponseHeader* protocol = find_header(outcome, "Sec-WebSocket-Protocol");
  if (outcome.selected_subprotocol) {
    const auto& offered = outcome.offered_subprotocols;
    WSH_FUZZ_CHECK(std::find(offered.begin(), offered.end(), *outcome.selected_subprotocol) !=
                   offered.end());
    WSH_FUZZ_CHECK(protocol != nullptr && protocol->value == *outcome.selected_subprotocol);
  } else {
    WSH_FUZZ_CHECK(protocol == nullptr && !fuzz_case.choices.subprotocol);
  }
  if (fuzz_case.choices.subprotocol) {
    WSH_FUZZ_CHECK(outcome.selected_subprotocol == fuzz_case.choices.subprotocol);
  }
  check_accepted_extensions(outcome);
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    WSH_FUZZ_CHECK(diagnostic.severity != Severity::error);
  }
}

void check_outcome(const FuzzCase& fuzz_case, const handshake::Outcome& outcome) {
  const std::string_view input = fuzz_case.request;
  WSH_FUZZ_CHECK(handshake::reason_phrase(outcome.status) != "Unknown");
  WSH_FUZZ_CHECK(outcome.accepted == (outcome.status == 101));
  WSH_FUZZ_CHECK(outcome.request.has_value() != outcome.read_failure.has_value());
  WSH_FUZZ_CHECK(!outcome.diagnostics.empty() || outcome.accepted);
  if (outcome.accepted) {
    check_accepted(fuzz_case, outcome);
  } else {
    WSH_FUZZ_CHECK(outcome.hresult.value != 0);
    WSH_FUZZ_CHECK(std::any_of(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                               [](const auto& d) { return d.severity == Severity::error; }));
  }
  if (outcome.read_failure) {
    WSH_FUZZ_CHECK(outcome.diagnostics.size() == 1);
  } else {
    WSH_FUZZ_CHECK(outcome.offer_verdicts.size() == outcome.offered_extensions.size());
  }
  if (outcome.request) {
    WSH_FUZZ_CHECK(outcome.request->input.data() == input.data());
    WSH_FUZZ_CHECK(fuzz::request_lies_inside(input, *outcome.request));
  }
  if (!outcome.sec_websocket_key.empty()) {
    WSH_FUZZ_CHECK(fuzz::lies_inside(input, outcome.sec_websocket_key));
  }
  for (const std::string_view subprotocol : outcome.offered_subprotocols) {
    WSH_FUZZ_CHECK(fuzz::lies_inside(input, subprotocol) && http::is_token(subprotocol));
  }
  for (const handshake::Extension& extension : outcome.offered_extensions) {
    WSH_FUZZ_CHECK(fuzz::lies_inside(input, extension.name));
    WSH_FUZZ_CHECK(fuzz::lies_inside(input, extension.text));
    for (const handshake::ExtensionParameter& parameter : extension.parameters) {
      WSH_FUZZ_CHECK(fuzz::lies_inside(input, parameter.name));
      WSH_FUZZ_CHECK(!parameter.has_value || fuzz::lies_inside(input, parameter.value));
    }
  }
  std::size_t previous_offset = 0;
  for (const diagnostics::Diagnostic& diagnostic : outcome.diagnostics) {
    WSH_FUZZ_CHECK(diagnostic.offset <= input.size());
    WSH_FUZZ_CHECK(diagnostic.offset >= previous_offset); // in input order
    previous_offset = diagnostic.offset;
    WSH_FUZZ_CHECK(!diagnostic.message.empty());
    // A view into the input or one of the engine's literal field names.
    WSH_FUZZ_CHECK(diagnostic.header.empty() || fuzz::lies_inside(input, diagnostic.header) ||
                   http::is_token(diagnostic.header));
    WSH_FUZZ_CHECK(!fuzz_case.choices.strict || diagnostic.severity != Severity::warning);
  }
  for (const handshake::ResponseHeader& header : outcome.response_headers) {
    WSH_FUZZ_CHECK(http::is_token(header.name));
    WSH_FUZZ_CHECK(std::all_of(header.value.begin(), header.value.end(),
                               [](char c) { return c >= 0x20 && c < 0x7f; }));
  }
}

// Requests a reused engine answers before the input: one that fills every part of the outcome,
// and one that cannot be read (so the engine keeps its request buffers aside).
constexpr std::string_view k_previous_rich_request =
    "GET /chat HTTP/1.1\nHost: server.example.com\nUpgrade: websocket\nConnection: Upgrade\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\n"
    "Sec-WebSocket-Protocol: chat, superchat, chat\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-webkit-deflate-frame,"
    " permessage-deflate; server_max_window_bits=8\n\ntrailing bytes";
constexpr std::string_view k_previous_unreadable_request = "GET /chat HTTP/1.1\r\nHost: serv";

// Everything two outcomes of the same input must agree on.
bool same_outcome(const handshake::Outcome& a, const handshake::Outcome& b) {
  const auto same_headers = [](const auto& x, const auto& y) {
    return x.name == y.name && x.value == y.value;
  };
  const auto same_extension = [](const handshake::Extension& x, const handshake::Extension& y) {
    return x.text.data() == y.text.data() && x.text == y.text &&
           x.parameters.size() == y.parameters.size();
  };
  const auto same_verdict = [](const handshake::OfferVerdict& x, const handshake::OfferVerdict& y) {
    return x.state == y.state && x.reason == y.reason;
  };
  const auto same_diagnostic = [](const diagnostics::Diagnostic& x,
                                  const diagnostics::Diagnostic& y) {
    return x.id == y.id && x.severity == y.severity && x.offset == y.offset &&
           x.header == y.header && x.message == y.message;
  };
  const auto same_field = [](const http::Field& x, const http::Field& y) {
    return x.name.data() == y.name.data() && x.name == y.name && x.value == y.value;
  };
  if (a.request.has_value() != b.request.has_value()) {
    return false;
  }
  if (a.request &&
      (a.request->method != b.request->method || a.request->target != b.request->target ||
       a.request->version != b.request->version ||
       a.request->header_size != b.request->header_size ||
       !std::ranges::equal(a.request->fields, b.request->fields, same_field))) {
    return false;
  }
  return a.accepted == b.accepted && a.status == b.status && a.hresult.value == b.hresult.value &&
         a.read_failure == b.read_failure &&
         std::ranges::equal(a.response_headers, b.response_headers, same_headers) &&
         a.sec_websocket_key == b.sec_websocket_key &&
         a.sec_websocket_accept == b.sec_websocket_accept &&
         a.offered_subprotocols == b.offered_subprotocols &&
         std::ranges::equal(a.offered_extensions, b.offered_extensions, same_extension) &&
         std::ranges::equal(a.offer_verdicts, b.offer_verdicts, same_verdict) &&
         a.selected_subprotocol == b.selected_subprotocol &&
         a.selected_extensions == b.selected_extensions &&
         std::ranges::equal(a.diagnostics, b.diagnostics, same_diagnostic);
}

// A reused engine answers the input as a fresh one does, whatever it answered before.
void check_reuse(const FuzzCase& fuzz_case, const handshake::Outcome& fresh) {
  handshake::ServerHandshake engine(fuzz_case.choices, fuzz_case.parse);
  for (const std::string_view previous : {k_previous_rich_request, k_previous_unreadable_request}) {
    engine.answer(previous);
    const handshake::Outcome& reused = engine.answer(fuzz_case.request);
    check_outcome(fuzz_case, reused);
    WSH_FUZZ_CHECK(same_outcome(reused, fresh));
  }
}

// Drops the SGR sequences the text renderer colours with, so the rest can be checked.
std::string without_colors(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i).starts_with("\x1b[")) {
      std::size_t end = i + 2;
      while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == ';')) {
        ++end;
      }
      if (end < text.size() && text[end] == 'm') {
        i = end + 1;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

void check_text(const FuzzCase& fuzz_case, const handshake::Outcome& outcome,
                const output::Source& source) {
  const std::string headers = output::render_text_headers(outcome);
  std::string expected_headers;
  if (outcome.accepted) {
    for (const handshake::ResponseHeader& header : outcome.response_headers) {
      expected_headers += fmt::format("{}: {}\n", header.name, header.value.view());
    }
  }
  WSH_FUZZ_CHECK(headers == expected_headers);
  WSH_FUZZ_CHECK(fuzz::is_terminal_safe(headers));

  const std::string rendered = output::render_text_diagnostics(outcome, source, fuzz_case.color);
  const std::string diagnostics = fuzz_case.color ? without_colors(rendered) : rendered;
  WSH_FUZZ_CHECK(fuzz_case.color || diagnostics == rendered);
  WSH_FUZZ_CHECK(fuzz::is_terminal_safe(diagnostics));
  // One block per diagnostic, each ending with its `= see:` line; newlines from the input are
  // escaped, so they cannot fake one.
  std::size_t blocks = 0;
  for (std::size_t at = diagnostics.find("\n  = see: "); at != std::string::npos;
       at = diagnostics.find("\n  = see: ", at + 1)) {
    ++blocks;
  }
  WSH_FUZZ_CHECK(blocks == outcome.diagnostics.size());
  WSH_FUZZ_CHECK(diagnostics.empty() || diagnostics.ends_with('\n'));

  // -v: one line for the subprotocols, one per offered extension, one for the result.
  if (fuzz_case.verbose && outcome.request) {
    const std::string negotiation = output::render_text_negotiation(outcome, source);
    WSH_FUZZ_CHECK(fuzz::is_terminal_safe(negotiation));
    WSH_FUZZ_CHECK(
        static_cast<std::size_t>(std::count(negotiation.begin(), negotiation.end(), '\n')) ==
        2 + outcome.offered_extensions.size());
  }
}

void check_http(const handshake::Outcome& outcome) {
  std::string bytes;
  output::render_http(outcome, bytes);
  const std::string status_line =
      fmt::format("HTTP/1.1 {} {}\r\n", outcome.status, handshake::reason_phrase(outcome.status));
  WSH_FUZZ_CHECK(bytes.starts_with(status_line));
  WSH_FUZZ_CHECK(bytes.ends_with("\r\n\r\n"));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\r') {
      WSH_FUZZ_CHECK(i + 1 < bytes.size() && bytes[i + 1] == '\n');
    } else if (c == '\n') {
      WSH_FUZZ_CHECK(i > 0 && bytes[i - 1] == '\r');
    } else {
      WSH_FUZZ_CHECK(c >= 0x20 && c < 0x7f);
    }
  }
}

void check_json(const FuzzCase& fuzz_case, const handshake::Outcome& outcome,
                const output::Source& source) {
  const std::string text = output::render_json(outcome, source);
  WSH_FUZZ_CHECK(fuzz::is_valid_utf8(text));
  WSH_FUZZ_CHECK(std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n';
  }));
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  WSH_FUZZ_CHECK(!document.is_discarded()); // the output parses back
  WSH_FUZZ_CHECK(document.at("ok").get<bool>() == outcome.accepted);
  WSH_FUZZ_CHECK(document.at("status").get<unsigned>() == outcome.status);
  WSH_FUZZ_CHECK(document.at("response_headers").size() == outcome.response_headers.size());
  WSH_FUZZ_CHECK(document.at("accept").is_null() == outcome.sec_websocket_accept.empty());
  if (!outcome.sec_websocket_accept.empty()) {
    WSH_FUZZ_CHECK(document.at("accept").at("accept").get<std::string>() ==
                   outcome.sec_websocket_accept);
  }
  if (fuzz::is_valid_utf8(fuzz_case.source_name)) {
    WSH_FUZZ_CHECK(document.at("input").get<std::string>() == fuzz_case.source_name);
  }
  const nlohmann::json& diagnostics = document.at("diagnostics");
  WSH_FUZZ_CHECK(diagnostics.size() == outcome.diagnostics.size());
  for (std::size_t i = 0; i < outcome.diagnostics.size(); ++i) {
    const diagnostics::Diagnostic& diagnostic = outcome.diagnostics[i];
    WSH_FUZZ_CHECK(diagnostics[i].at("id").get<std::string>() ==
                   diagnostics::describe(diagnostic.id).name);
    WSH_FUZZ_CHECK(diagnostics[i].at("offset").get<std::uint64_t>() ==
                   source.first_offset + diagnostic.offset);
    WSH_FUZZ_CHECK(diagnostics[i].at("line").get<std::size_t>() >= source.first_line);
    WSH_FUZZ_CHECK(diagnostics[i].at("column").get<std::size_t>() >= 1);
    if (fuzz::is_valid_utf8(diagnostic.message)) {
      WSH_FUZZ_CHECK(diagnostics[i].at("message").get<std::string>() == diagnostic.message);
    }
  }
  const nlohmann::json& negotiated = document.at("negotiated");
  WSH_FUZZ_CHECK(negotiated.at("subprotocol").is_null() == !outcome.selected_subprotocol);
  WSH_FUZZ_CHECK(negotiated.at("extensions").size() == outcome.selected_extensions.size());
  const nlohmann::json& offers = document.at("offers");
  WSH_FUZZ_CHECK(offers.at("subprotocols").size() == outcome.offered_subprotocols.size());
  WSH_FUZZ_CHECK(offers.at("extensions").size() == outcome.offered_extensions.size());
  const nlohmann::json& request = document.at("request");
  WSH_FUZZ_CHECK(request.is_null() == !outcome.request);
  if (outcome.request) {
    const nlohmann::json& fields = request.at("fields");
    WSH_FUZZ_CHECK(fields.size() == outcome.request->fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const http::Field& field = outcome.request->fields[i];
      WSH_FUZZ_CHECK(fields[i].at("name").get<std::string>() == field.name);
      // Valid UTF-8 comes through byte for byte; anything else became U+FFFD.
      if (fuzz::is_valid_utf8(field.value)) {
        WSH_FUZZ_CHECK(fields[i].at("value").get<std::string>() == field.value);
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const FuzzCase fuzz_case = decode(std::string_view(reinterpret_cast<const char*>(data), size));
  const handshake::Outcome outcome =
      handshake::begin_server_handshake(fuzz_case.request, fuzz_case.choices, fuzz_case.parse);
  check_outcome(fuzz_case, outcome);
  check_reuse(fuzz_case, outcome);
  output::Source source{fuzz_case.source_name, fuzz_case.request};
  if (fuzz_case.deep_in_stream) {
    source.first_line = 100000;
    source.first_offset = std::uint64_t{1} << 32U;
  }
  const bool every = fuzz_case.format == Format::every;
  if (every || fuzz_case.format == Format::text || fuzz_case.format == Format::http) {
    check_text(fuzz_case, outcome, source);
  }
  if (every || fuzz_case.format == Format::http) {
    check_http(outcome);
  }
  if (every || fuzz_case.format == Format::json) {
    check_json(fuzz_case, outcome, source);
  }
  return 0;
}
