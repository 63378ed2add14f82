#include "clients/Predict.hpp"

#include "clients/MessageTemplate.hpp"
#include "handshake/AcceptKey.hpp"
#include "handshake/ExtensionList.hpp"
#include "handshake/PerMessageDeflate.hpp"
#include "http/Grammar.hpp"
#include "http/ResponseParser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace wsh::clients {

namespace {

using diagnostics::DiagnosticId;

// A field as this client read it: its name (as the client keeps it) and value.
struct ReadField {
  std::string name;
  std::string value;
};

// The head this client read.
struct ReadHead {
  unsigned status = 0;
  bool version_1_0 = false;
  std::vector<ReadField> fields;
  // Where the head ends in response.input.
  std::size_t end = 0;
};

// Why the client stops: the rule, its reaction and the values its message names.
struct Stop {
  Reaction reaction;
  std::string_view rule;
  std::optional<DiagnosticId> diagnostic;
  bool waits = false;
};

// What the request offered.
struct Offer {
  std::vector<std::string> subprotocols;
  std::vector<handshake::Extension> extensions;
  std::optional<handshake::DeflateParameters> deflate;
  std::string expected_accept;
  std::string host;
  std::string target;
};

bool has_lower_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && http::iequals(text.substr(0, prefix.size()), prefix);
}

std::vector<std::string> split_elements(std::string_view value) {
  std::vector<std::string> elements;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    elements.emplace_back(http::trim_ows(value.substr(start, comma - start)));
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return elements;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += items[i];
  }
  return out;
}

bool same(std::string_view a, std::string_view b, bool case_insensitive) {
  return case_insensitive ? http::iequals(a, b) : a == b;
}

Offer read_offer(const http::Request& request) {
  Offer offer;
  for (const http::Field& field : request.fields) {
    if (http::iequals(field.name, "Sec-WebSocket-Protocol")) {
      for (std::string& element : split_elements(field.value)) {
        if (!element.empty()) {
          offer.subprotocols.push_back(std::move(element));
        }
      }
    } else if (http::iequals(field.name, "Sec-WebSocket-Extensions")) {
      std::vector<handshake::Extension> read;
      if (!handshake::parse_extension_list(field.value, read)) {
        for (handshake::Extension& extension : read) {
          offer.extensions.push_back(std::move(extension));
        }
      }
    } else if (http::iequals(field.name, "Sec-WebSocket-Key")) {
      const std::array<char, 28> accept = handshake::compute_accept(http::trim_ows(field.value));
      offer.expected_accept.assign(accept.data(), accept.size());
    } else if (http::iequals(field.name, "Host")) {
      offer.host = std::string(field.value);
    }
  }
  for (const handshake::Extension& extension : offer.extensions) {
    if (extension.name == handshake::k_permessage_deflate && !offer.deflate) {
      auto parameters =
          handshake::read_deflate_parameters(extension, handshake::DeflateRole::offer);
      if (parameters) {
        offer.deflate = *parameters;
      }
    }
  }
  offer.target = std::string(request.target);
  return offer;
}

// Python's UnicodeDecodeError text for the first byte of `line` that is not UTF-8, or empty.
std::string utf8_error(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      low = c == 0xE0 ? 0xA0 : 0x80;
      high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      low = c == 0xF0 ? 0x90 : 0x80;
      high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start "
                         "byte",
                         c, i);
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= line.size()) {
        return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: unexpected "
                           "end of data",
                           c, i);
      }
      const auto next = static_cast<unsigned char>(line[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
        return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid "
                           "continuation byte",
                           c, i);
      }
    }
    i += length;
  }
  return {};
}

// A strict list parse as Python websockets does it (headers.parse_list): the elements, or
// "expected WHAT at POS in VALUE".
struct StrictList {
  std::vector<std::string> elements;
  std::string error;
};

StrictList parse_strict_list(std::string_view value, ListGrammar grammar) {
  StrictList out;
  const std::string_view what = grammar == ListGrammar::upgrade_protocols ? "protocol" : "token";
  std::size_t pos = 0;
  const auto skip_ows = [&] {
    while (pos < value.size() && http::is_ows(value[pos])) {
      ++pos;
    }
  };
  const auto read_token = [&] {
    const std::size_t begin = pos;
    while (pos < value.size() && http::is_tchar(value[pos])) {
      ++pos;
    }
    return value.substr(begin, pos - begin);
  };
  while (pos < value.size() && value[pos] == ',') {
    ++pos;
    skip_ows();
  }
  while (true) {
    const std::size_t begin = pos;
    if (read_token().empty()) {
      out.error = fmt::format("expected {} at {} in {}", what, begin, value);
      return out;
    }
    if (grammar == ListGrammar::upgrade_protocols && pos < value.size() && value[pos] == '/') {
      const std::size_t slash = pos;
      ++pos;
      if (read_token().empty()) {
        pos = slash;
      }
    }
    out.elements.emplace_back(value.substr(begin, pos - begin));
    skip_ows();
    if (pos == value.size()) {
      break;
    }
    if (value[pos] != ',') {
      out.error = fmt::format("expected comma at {} in {}", pos, value);
      return out;
    }
    while (pos < value.size() && value[pos] == ',') {
      ++pos;
      skip_ows();
    }
    if (pos == value.size()) {
      break;
    }
  }
  return out;
}

// The class of an HTTP-version token, and the profile's reaction to it (RFC 9112 2.3).
Reaction version_reaction(const StatusLineReading& rules, std::string_view version,
                          bool& version_1_0) {
  version_1_0 = false;
  if (version.substr(0, 5) == "HTTP/") {
    const std::string_view rest = version.substr(5);
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (rest.size() == 3 && digit(rest[0]) && rest[1] == '.' && digit(rest[2])) {
      if (rest[0] == '1' && rest[2] == '1') {
        return accepts();
      }
      if (rest[0] == '1' && rest[2] == '0') {
        version_1_0 = true;
        return rules.version_1_0;
      }
      if (rest[0] == '1') {
        return rules.version_1_higher_minor;
      }
      if (rest[0] >= '2') {
        return rules.version_2_or_more;
      }
      return rules.version_not_http;
    }
    if (!rest.empty() && std::all_of(rest.begin(), rest.end(), digit)) {
      return rules.version_major_only;
    }
    return rules.version_not_http;
  }
  if (has_lower_prefix(version, "http/")) {
    return rules.version_lowercase;
  }
  return rules.version_not_http;
}

// The status-code token's shape and the profile's reaction; `status` gets its value.
Reaction code_reaction(const StatusLineReading& rules, std::string_view code, unsigned& status) {
  if (code.empty()) {
    status = rules.code_when_not_digits;
    return rules.code_empty;
  }
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    status = rules.code_when_not_digits;
    return rules.code_not_digits;
  }
  unsigned value = 0;
  for (const char c : code) {
    value = std::min(value * 10 + static_cast<unsigned>(c - '0'), 100000U);
  }
  status = value;
  if (code.size() == 3) {
    return value < 100 ? rules.code_below_100 : accepts();
  }
  if (code.size() < 3) {
    return rules.code_one_or_two_digits;
  }
  return value <= 999 ? rules.code_leading_zero_long : rules.code_over_999;
}

// The profile's reaction to one header line's shape (HeaderLine.hpp).
Reaction line_reaction(const FieldLineReading& rules, const http::HeaderLine& line,
                       std::string_view input, bool previous_value_empty, std::string_view& rule,
                       DiagnosticId& id) {
  const std::string_view text = input.substr(line.begin, line.end - line.begin);
  switch (line.shape) {
  case http::LineShape::field:
    return accepts();
  case http::LineShape::obs_fold:
    rule = "field-line.obs-fold";
    id = DiagnosticId::response_obs_fold;
    return previous_value_empty ? rules.obs_fold_after_empty : rules.obs_fold;
  case http::LineShape::whitespace_before_colon: {
    rule = "field-line.space-before-colon";
    id = DiagnosticId::response_whitespace_before_colon;
    const std::string_view name = http::trim_ows(text.substr(0, text.find(':')));
    const bool special = std::any_of(rules.special_names.begin(), rules.special_names.end(),
                                     [&](std::string_view s) { return http::iequals(s, name); });
    return special ? rules.space_before_colon_special : rules.space_before_colon;
  }
  case http::LineShape::missing_colon:
    rule = "field-line.missing-colon";
    id = DiagnosticId::response_missing_colon;
    return rules.missing_colon;
  case http::LineShape::invalid_name:
    rule = "field-line.invalid-name";
    id = DiagnosticId::response_invalid_field_name;
    if (text.front() == ':' && rules.empty_name) {
      return *rules.empty_name;
    }
    return input[line.problem_at] == ' ' ? rules.space_in_name : rules.invalid_name;
  case http::LineShape::control_byte: {
    rule = "field-line.control-byte";
    id = DiagnosticId::response_control_byte_in_value;
    const char c = input[line.problem_at];
    if (c == '\0') {
      return rules.nul_in_value;
    }
    return c == '\x7f' ? rules.del_in_value : rules.control_in_value;
  }
  case http::LineShape::bare_cr:
    rule = "field-line.bare-cr";
    id = DiagnosticId::response_bare_cr;
    return rules.bare_cr;
  }
  return accepts();
}

// One field check's outcome: failed (with a rule and message) or passed.
struct CheckResult {
  std::optional<Stop> stop;
  MessageValues values;
};

class Predictor {
public:
  Predictor(const ClientProfile& profile, const http::Request& request,
            const http::Response& response, std::string_view url)
      : m_profile(profile), m_response(response), m_offer(read_offer(request)) {
    m_values.url =
        url.empty() ? fmt::format("ws://{}{}", m_offer.host, m_offer.target) : std::string(url);
  }

  Prediction run();

private:
  Prediction fail(const Stop& stop);
  std::optional<Stop> read_head(const http::Response& head, std::size_t base, ReadHead& out);
  std::optional<Stop> check(Check which, const ReadHead& head);
  std::optional<Stop> check_status(const ReadHead& head);
  std::optional<Stop> check_field(const FieldCheck& rules, std::string_view name,
                                  std::string_view expected, const ReadHead& head,
                                  std::string_view rule, DiagnosticId missing_id,
                                  DiagnosticId mismatch_id, bool presence_only);
  std::optional<Stop> check_subprotocol(const ReadHead& head);
  std::optional<Stop> check_extensions(const ReadHead& head);
  std::optional<Stop> check_deflate(const handshake::Extension& extension);
  std::vector<std::string> lines_of(const ReadHead& head, std::string_view name) const;
  std::string value_of(const std::vector<std::string>& lines, Lines how) const;

  const ClientProfile& m_profile;
  const http::Response& m_response;
  Offer m_offer;
  MessageValues m_values;
  std::optional<std::string> m_subprotocol;
  std::vector<std::string> m_extensions;
  // A failure after opening (a duplicate extension the client agreed to).
  std::optional<Stop> m_after_open;
};

Prediction Predictor::fail(const Stop& stop) {
  Prediction prediction;
  prediction.opens = false;
  prediction.rule = stop.rule;
  prediction.diagnostic = stop.diagnostic;
  prediction.waits = stop.waits;
  prediction.message =
      render_message(std::string(m_profile.prefix) + std::string(stop.reaction.message), m_values);
  return prediction;
}

std::vector<std::string> Predictor::lines_of(const ReadHead& head, std::string_view name) const {
  std::vector<std::string> lines;
  for (const ReadField& field : head.fields) {
    if (http::iequals(field.name, name)) {
      lines.push_back(field.value);
    }
  }
  return lines;
}

std::string Predictor::value_of(const std::vector<std::string>& lines, Lines how) const {
  if (lines.empty()) {
    return {};
  }
  switch (how) {
  case Lines::first:
    return lines.front();
  case Lines::last:
    return lines.back();
  case Lines::joined:
  case Lines::elements:
    return join(lines, ", ");
  }
  return {};
}

std::optional<Stop> Predictor::read_head(const http::Response& head, std::size_t base,
                                         ReadHead& out) {
  const StatusLineReading& status_rules = m_profile.status_line;
  const FieldLineReading& line_rules = m_profile.field_lines;
  const std::string_view input = head.input;
  const auto stop = [](Reaction reaction, std::string_view rule,
                       DiagnosticId id) -> std::optional<Stop> {
    if (reaction.action == Action::fail) {
      return Stop{reaction, rule, id, false};
    }
    return std::nullopt;
  };
  m_values.line = std::string(head.status_line);
  if (head.leading_empty_lines > 0) {
    if (auto s = stop(status_rules.leading_empty_line, "status-line.leading-empty-line",
                      DiagnosticId::response_leading_empty_line)) {
      return s;
    }
  }
  const std::size_t status_end = head.offset_of(head.status_line) + head.status_line.size();
  if (line_rules.line_not_utf8.action == Action::fail) {
    const std::string error = utf8_error(head.status_line);
    if (!error.empty()) {
      m_values.utf8 = error;
      return stop(line_rules.line_not_utf8, "status-line.not-utf8",
                  DiagnosticId::malformed_status_line);
    }
  }
  if (head.status_line_lf_only) {
    if (auto s = stop(status_rules.lf_only, "status-line.lf-only",
                      DiagnosticId::response_lf_line_endings)) {
      return s;
    }
  }
  if (line_rules.max_head_bytes != 0 && status_end > line_rules.max_head_bytes) {
    return stop(line_rules.head_too_large, "limits.head-size",
                DiagnosticId::response_header_block_too_large);
  }
  // The status line split at its first space, then (optionally past more spaces) at the next.
  const std::string_view text = head.status_line;
  const std::size_t first_space = text.find(' ');
  const std::string_view version = text.substr(0, first_space);
  std::size_t code_begin = first_space == std::string_view::npos ? text.size() : first_space + 1;
  if (status_rules.skips_extra_spaces) {
    while (code_begin < text.size() && text[code_begin] == ' ') {
      ++code_begin;
    }
  }
  const std::size_t code_end = std::min(text.find(' ', code_begin), text.size());
  const std::string_view code = text.substr(code_begin, code_end - code_begin);
  const bool has_reason_space = code_end < text.size();
  const std::string_view reason = has_reason_space ? text.substr(code_end + 1) : std::string_view{};
  m_values.version = std::string(version);
  m_values.code = std::string(code);
  m_values.reason = std::string(reason);
  m_values.has_reason = !http::trim_ows(reason).empty();
  const Reaction version_said = version_reaction(status_rules, version, out.version_1_0);
  const Reaction code_said = code_reaction(status_rules, code, out.status);
  m_values.status = std::to_string(out.status);
  const auto version_stop = [&] {
    return stop(version_said, "status-line.version", DiagnosticId::response_http_version);
  };
  const auto code_stop = [&] {
    return stop(code_said, "status-line.code", DiagnosticId::invalid_status_code);
  };
  if (status_rules.code_before_version) {
    if (auto s = code_stop()) {
      return s;
    }
    if (auto s = version_stop()) {
      return s;
    }
  } else {
    if (auto s = version_stop()) {
      return s;
    }
    if (auto s = code_stop()) {
      return s;
    }
  }
  if (!has_reason_space) {
    if (auto s = stop(status_rules.reason_missing, "status-line.reason-missing",
                      DiagnosticId::missing_space_before_reason)) {
      return s;
    }
  }
  if (!utf8_error(reason).empty()) {
    if (auto s = stop(status_rules.reason_not_utf8, "status-line.reason-not-utf8",
                      DiagnosticId::malformed_status_line)) {
      return s;
    }
  }
  std::size_t count = 0;
  for (const http::HeaderLine& line : head.lines) {
    const std::string_view line_text = input.substr(line.begin, line.end - line.begin);
    m_values.line = std::string(line_text);
    ++count;
    if (line_rules.line_not_utf8.action == Action::fail) {
      const std::string error = utf8_error(line_text);
      if (!error.empty()) {
        m_values.utf8 = error;
        return stop(line_rules.line_not_utf8, "field-line.not-utf8",
                    DiagnosticId::response_control_byte_in_value);
      }
    }
    if (line.lf_only) {
      if (auto s = stop(line_rules.field_line_lf_only, "field-line.lf-only",
                        DiagnosticId::response_lf_line_endings)) {
        return s;
      }
    }
    std::string_view rule;
    DiagnosticId id{};
    const bool previous_empty = out.fields.empty() || out.fields.back().value.empty();
    const Reaction said = line_reaction(line_rules, line, input, previous_empty, rule, id);
    if (said.action == Action::fail) {
      return Stop{said, rule, id, false};
    }
    const std::size_t line_bytes = line.end - line.begin + (line.lf_only ? 1 : 2);
    if (line_rules.max_line_bytes != 0 && line_bytes > line_rules.max_line_bytes) {
      return stop(line_rules.line_too_long, "limits.line-length",
                  DiagnosticId::response_header_block_too_large);
    }
    if (line_rules.max_head_bytes != 0 && line.end > line_rules.max_head_bytes) {
      return stop(line_rules.head_too_large, "limits.head-size",
                  DiagnosticId::response_header_block_too_large);
    }
    if (line_rules.max_fields != 0 && count > line_rules.max_fields) {
      return stop(line_rules.too_many_fields, "limits.field-count",
                  DiagnosticId::response_header_block_too_large);
    }
    const std::size_t colon = line_text.find(':');
    std::string_view value =
        colon == std::string_view::npos ? line_text : line_text.substr(colon + 1);
    while (!value.empty() && http::is_ows(value.front())) {
      value.remove_prefix(1);
    }
    if (line_rules.trims_trailing_whitespace) {
      value = http::trim_ows(value);
    }
    m_values.value = std::string(value);
    if (line_rules.max_value_bytes != 0 && value.size() > line_rules.max_value_bytes) {
      return stop(line_rules.value_too_long, "limits.value-length",
                  DiagnosticId::response_header_block_too_large);
    }
    switch (said.action) {
    case Action::skip:
    case Action::fail:
    case Action::accept_then_fail:
      continue;
    case Action::unfold:
      if (!out.fields.empty()) {
        std::string& previous = out.fields.back().value;
        previous += previous.empty() ? "" : " ";
        previous += std::string(http::trim_ows(value));
      }
      continue;
    case Action::trim_name:
    case Action::accept:
      break;
    }
    if (line.shape == http::LineShape::missing_colon) {
      continue;
    }
    const std::string_view raw_name = line_text.substr(0, colon);
    const std::string_view name =
        said.action == Action::trim_name ? http::trim_ows(raw_name) : raw_name;
    if (http::iequals(name, "Content-Length") &&
        (value.empty() ||
         !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
      if (auto s = stop(line_rules.invalid_content_length, "field-line.content-length",
                        DiagnosticId::content_length_on_101)) {
        return s;
      }
    }
    out.fields.push_back(ReadField{std::string(name), std::string(value)});
  }
  if (line_rules.drops_connection_close) {
    const auto names_close = [](const ReadField& field) {
      if (!http::iequals(field.name, "Connection")) {
        return false;
      }
      const std::vector<std::string> elements = split_elements(field.value);
      return std::any_of(elements.begin(), elements.end(),
                         [](const std::string& e) { return http::iequals(e, "close"); });
    };
    if (std::any_of(out.fields.begin(), out.fields.end(), names_close)) {
      std::erase_if(out.fields,
                    [](const ReadField& field) { return http::iequals(field.name, "Connection"); });
    }
  }
  if (head.empty_line_at < input.size() && input[head.empty_line_at] == '\n') {
    if (auto s = stop(line_rules.empty_line_lf_only, "field-line.lf-only",
                      DiagnosticId::response_lf_line_endings)) {
      return s;
    }
  }
  out.end = base + head.header_size;
  return std::nullopt;
}

std::optional<Stop> Predictor::check_status(const ReadHead& head) {
  const StatusHandling& rules = m_profile.status;
  if (head.status == 101) {
    return std::nullopt;
  }
  const bool redirect = std::find(rules.redirect_statuses.begin(), rules.redirect_statuses.end(),
                                  head.status) != rules.redirect_statuses.end();
  if (redirect) {
    const std::vector<std::string> location = lines_of(head, "Location");
    if (location.empty()) {
      if (!rules.redirect_without_location.empty()) {
        return Stop{fails(rules.redirect_without_location), "status.redirect", {}, false};
      }
    } else {
      const std::string& target = location.front();
      const std::size_t colon = target.find(':');
      const std::string scheme = colon == std::string::npos ? "" : target.substr(0, colon);
      const bool followed =
          std::any_of(rules.redirect_schemes.begin(), rules.redirect_schemes.end(),
                      [&](std::string_view s) { return http::iequals(s, scheme); });
      if (followed) {
        m_values.value = target;
        return Stop{Reaction{Action::skip, {}}, "status.redirect", DiagnosticId::status_not_101,
                    false};
      }
      if (!rules.redirect_bad_scheme.empty()) {
        return Stop{fails(rules.redirect_bad_scheme), "status.redirect",
                    DiagnosticId::status_not_101, false};
      }
    }
  }
  if (rules.own_status != 0 && head.status == rules.own_status) {
    return Stop{fails(rules.own_status_message), "status.not-101", DiagnosticId::status_not_101,
                false};
  }
  return Stop{fails(rules.not_101), "status.not-101", DiagnosticId::status_not_101, false};
}

std::optional<Stop> Predictor::check_field(const FieldCheck& rules, std::string_view name,
                                           std::string_view expected, const ReadHead& head,
                                           std::string_view rule, DiagnosticId missing_id,
                                           DiagnosticId mismatch_id, bool presence_only) {
  const std::vector<std::string> lines = lines_of(head, name);
  const auto failed = [&](std::string_view message, DiagnosticId id) -> std::optional<Stop> {
    return Stop{fails(message), rule, id, false};
  };
  m_values.value.clear();
  m_values.elements.clear();
  if (lines.empty()) {
    return failed(rules.missing, missing_id);
  }
  const std::string value = value_of(lines, rules.lines);
  m_values.value = value;
  if (presence_only) {
    if (http::trim_ows(value).empty()) {
      return failed(rules.empty.empty() ? rules.mismatch : rules.empty, mismatch_id);
    }
    return std::nullopt;
  }
  if (rules.one_line_only && lines.size() > 1) {
    return failed(rules.several, DiagnosticId::duplicate_accept);
  }
  std::vector<std::string> elements;
  if (rules.grammar == ListGrammar::split) {
    elements = split_elements(value);
  } else {
    const std::vector<std::string> parsed =
        rules.lines == Lines::elements ? lines : std::vector<std::string>{value};
    for (const std::string& each : parsed) {
      StrictList list = parse_strict_list(each, rules.grammar);
      if (!list.error.empty()) {
        m_values.syntax = list.error;
        return failed(rules.syntax_error, mismatch_id);
      }
      elements.insert(elements.end(), list.elements.begin(), list.elements.end());
    }
  }
  m_values.elements = join(elements, rules.element_separator);
  if (value.empty() && !rules.empty.empty()) {
    return failed(rules.empty, mismatch_id);
  }
  bool matched = false;
  switch (rules.match) {
  case Match::whole_value:
    matched = same(value, expected, rules.case_insensitive);
    break;
  case Match::any_element:
    matched = std::any_of(elements.begin(), elements.end(), [&](const std::string& e) {
      return same(e, expected, rules.case_insensitive);
    });
    break;
  case Match::only_element:
    if (elements.size() > 1) {
      return failed(rules.several, mismatch_id);
    }
    matched = elements.size() == 1 && same(elements.front(), expected, rules.case_insensitive);
    break;
  }
  if (!matched) {
    return failed(rules.mismatch, mismatch_id);
  }
  return std::nullopt;
}

std::optional<Stop> Predictor::check_subprotocol(const ReadHead& head) {
  const SubprotocolCheck& rules = m_profile.subprotocol;
  const std::vector<std::string>& offered = m_offer.subprotocols;
  const std::vector<std::string> lines = lines_of(head, "Sec-WebSocket-Protocol");
  const auto failed = [&](std::string_view message, DiagnosticId id) -> std::optional<Stop> {
    if (message.empty()) {
      return std::nullopt;
    }
    return Stop{fails(message), "subprotocol", id, false};
  };
  if (rules.only_when_offered && offered.empty()) {
    return std::nullopt;
  }
  const std::string value = value_of(lines, rules.lines);
  m_values.value = value;
  const bool present = !lines.empty();
  const bool counts_as_absent = !present || (rules.empty_is_absent && value.empty());
  if (rules.picks_first_offered) {
    for (const std::string& element : split_elements(value)) {
      if (std::find(offered.begin(), offered.end(), element) != offered.end()) {
        m_subprotocol = element;
        break;
      }
    }
    return std::nullopt;
  }
  if (counts_as_absent && !offered.empty()) {
    if (auto stop =
            failed(rules.absent_when_offered, DiagnosticId::server_selected_no_subprotocol)) {
      return stop;
    }
  }
  if (!present) {
    return std::nullopt;
  }
  std::vector<std::string> elements;
  if (rules.grammar == ListGrammar::split) {
    elements = rules.lines == Lines::elements ? std::vector<std::string>{} : split_elements(value);
    if (rules.lines == Lines::elements) {
      for (const std::string& line : lines) {
        for (std::string& element : split_elements(line)) {
          elements.push_back(std::move(element));
        }
      }
    }
  }
  m_values.elements = join(elements, ", ");
  if (offered.empty() && !rules.present_when_not_offered.empty()) {
    if (rules.lines == Lines::elements && !elements.empty()) {
      m_values.value = elements.front();
    }
    return failed(rules.present_when_not_offered, DiagnosticId::subprotocol_not_requested);
  }
  if (rules.grammar != ListGrammar::split) {
    for (const std::string& line : lines) {
      StrictList list = parse_strict_list(line, rules.grammar);
      if (!list.error.empty()) {
        m_values.syntax = list.error;
        return failed(rules.syntax_error, DiagnosticId::invalid_response_subprotocol);
      }
      elements.insert(elements.end(), list.elements.begin(), list.elements.end());
    }
    m_values.elements = join(elements, ", ");
  }
  if (rules.one_element_only && elements.size() > 1) {
    return failed(rules.several, DiagnosticId::invalid_response_subprotocol);
  }
  const std::string chosen =
      rules.one_element_only && elements.size() == 1 ? elements.front() : value;
  m_values.value = chosen;
  const bool known = std::any_of(offered.begin(), offered.end(), [&](const std::string& o) {
    return same(o, chosen, rules.case_insensitive);
  });
  if (!known && !rules.not_offered.empty()) {
    return failed(rules.not_offered, DiagnosticId::response_subprotocol_not_offered);
  }
  m_subprotocol = chosen;
  return std::nullopt;
}

// websockets' repr of a permessage-deflate element's parameters: [('name', 'value'), ...].
std::string python_params(const handshake::Extension& extension) {
  std::string out = "[";
  for (std::size_t i = 0; i < extension.parameters.size(); ++i) {
    const handshake::ExtensionParameter& parameter = extension.parameters[i];
    out += i > 0 ? ", (" : "(";
    out += python_repr(parameter.name);
    out += ", ";
    out += parameter.has_value ? python_repr(parameter.unquoted_value()) : std::string("None");
    out += ")";
  }
  return out + "]";
}

std::optional<Stop> Predictor::check_deflate(const handshake::Extension& extension) {
  const DeflateRules& rules = m_profile.extensions.deflate;
  const auto outcome = [&](Reaction reaction, std::string_view rule,
                           DiagnosticId id) -> std::optional<Stop> {
    if (reaction.action == Action::fail) {
      return Stop{reaction, rule, id, false};
    }
    return std::nullopt;
  };
  std::array<bool, 4> seen{};
  constexpr std::array<std::string_view, 4> k_names = {
      "server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits",
      "client_max_window_bits"};
  for (const handshake::ExtensionParameter& parameter : extension.parameters) {
    m_values.param = std::string(parameter.name);
    m_values.value = parameter.unquoted_value();
    const auto known = std::find(k_names.begin(), k_names.end(), parameter.name);
    if (known == k_names.end()) {
      if (auto s = outcome(rules.unknown_parameter, "extensions.deflate-unknown-parameter",
                           DiagnosticId::deflate_response_unknown_parameter)) {
        return s;
      }
      continue;
    }
    const auto index = static_cast<std::size_t>(known - k_names.begin());
    if (seen[index]) {
      if (auto s = outcome(rules.duplicate_parameter, "extensions.deflate-duplicate-parameter",
                           DiagnosticId::deflate_response_duplicate_parameter)) {
        return s;
      }
    }
    seen[index] = true;
    if (index < 2) {
      if (parameter.has_value) {
        if (auto s = outcome(rules.value_on_flag, "extensions.deflate-value",
                             DiagnosticId::deflate_response_invalid_value)) {
          return s;
        }
      }
      continue;
    }
    if (!parameter.has_value) {
      const Reaction bare = index == 3 ? rules.client_window_bare : rules.window_out_of_range;
      if (auto s = outcome(bare, "extensions.deflate-missing-value",
                           DiagnosticId::deflate_response_missing_value)) {
        return s;
      }
      continue;
    }
    if (parameter.quoted) {
      if (auto s = outcome(rules.window_quoted, "extensions.deflate-quoted",
                           DiagnosticId::deflate_response_invalid_value)) {
        return s;
      }
    }
    const std::string text = parameter.unquoted_value();
    const bool digits =
        !text.empty() && text.size() <= 4 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int bits = digits ? std::stoi(text) : 0;
    if (!digits || bits < 8 || bits > 15) {
      if (auto s = outcome(rules.window_out_of_range, "extensions.deflate-value",
                           DiagnosticId::deflate_response_invalid_value)) {
        return s;
      }
    } else if (text.front() == '0') {
      if (auto s = outcome(rules.window_leading_zero, "extensions.deflate-value",
                           DiagnosticId::deflate_response_invalid_value)) {
        return s;
      }
    }
  }
  if (rules.requires_no_context_takeover && (!seen[0] || !seen[1])) {
    return Stop{*rules.requires_no_context_takeover, "extensions.deflate-context-takeover",
                DiagnosticId::response_extension_not_offered, false};
  }
  if (rules.against_offer) {
    auto response = handshake::read_deflate_parameters(extension, handshake::DeflateRole::response);
    const handshake::DeflateParameters offer =
        m_offer.deflate.value_or(handshake::DeflateParameters{});
    if (response && !handshake::check_deflate_response(offer, *response).empty()) {
      return Stop{*rules.against_offer, "extensions.deflate-offer",
                  DiagnosticId::deflate_client_window_not_offered, false};
    }
  }
  return std::nullopt;
}

std::optional<Stop> Predictor::check_extensions(const ReadHead& head) {
  const ExtensionCheck& rules = m_profile.extensions;
  if (rules.ignored) {
    return std::nullopt;
  }
  const std::vector<std::string> lines = lines_of(head, "Sec-WebSocket-Extensions");
  if (lines.empty()) {
    return std::nullopt;
  }
  const std::string value = value_of(lines, rules.lines);
  m_values.value = value;
  const auto failed = [&](std::string_view message, std::string_view rule,
                          DiagnosticId id) -> std::optional<Stop> {
    return Stop{fails(message), rule, id, false};
  };
  if (!m_offer.deflate && !rules.not_requested.empty()) {
    return failed(rules.not_requested, "extensions.not-requested",
                  DiagnosticId::response_extension_not_offered);
  }
  if (http::trim_ows(value).empty()) {
    if (rules.empty_is_syntax_error) {
      m_values.syntax = fmt::format("expected token at 0 in {}", value);
      return failed(rules.syntax_error, "extensions.syntax",
                    DiagnosticId::invalid_response_extensions);
    }
    return std::nullopt;
  }
  if (rules.grammar == ExtensionGrammar::semicolon_pairs) {
    bool found = false;
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t semicolon = std::min(value.find(';', start), value.size());
      const std::string_view pair = std::string_view(value).substr(start, semicolon - start);
      found = found ||
              http::trim_ows(pair.substr(0, pair.find('='))) == handshake::k_permessage_deflate;
      start = semicolon + 1;
    }
    if (!found) {
      return failed(rules.unknown, "extensions.unknown",
                    DiagnosticId::response_extension_not_offered);
    }
    m_extensions.push_back(value);
    return std::nullopt;
  }
  std::vector<handshake::Extension> extensions;
  if (const auto error = handshake::parse_extension_list(value, extensions)) {
    if (rules.grammar != ExtensionGrammar::lenient_stop) {
      m_values.syntax = fmt::format("expected token at {} in {}", error->offset, value);
      return failed(rules.syntax_error, "extensions.syntax",
                    DiagnosticId::invalid_response_extensions);
    }
  }
  if (rules.names_before_parameters) {
    for (const handshake::Extension& extension : extensions) {
      if (extension.name != handshake::k_permessage_deflate) {
        m_values.name = std::string(extension.name);
        return failed(rules.unknown, "extensions.unknown",
                      DiagnosticId::response_extension_not_offered);
      }
    }
  }
  bool seen_deflate = false;
  for (const handshake::Extension& extension : extensions) {
    m_values.name = std::string(extension.name);
    m_values.params = python_params(extension);
    if (extension.name != handshake::k_permessage_deflate) {
      if (rules.ignores_other_names) {
        continue;
      }
      return failed(rules.unknown, "extensions.unknown",
                    DiagnosticId::response_extension_not_offered);
    }
    if (seen_deflate) {
      if (rules.duplicate == DuplicateDeflate::use_first) {
        if (auto s = check_deflate(extension)) {
          return s;
        }
        continue;
      }
      if (rules.duplicate == DuplicateDeflate::accept_then_fail) {
        m_after_open = Stop{opens_then_fails(rules.duplicate_deflate), "extensions.duplicate",
                            DiagnosticId::duplicate_deflate_response, false};
        m_extensions.push_back(handshake::format_extension(extension));
        continue;
      }
      return failed(rules.duplicate_deflate, "extensions.duplicate",
                    DiagnosticId::duplicate_deflate_response);
    }
    seen_deflate = true;
    if (auto s = check_deflate(extension)) {
      return s;
    }
    m_extensions.push_back(handshake::format_extension(extension));
  }
  return std::nullopt;
}

std::optional<Stop> Predictor::check(Check which, const ReadHead& head) {
  switch (which) {
  case Check::status:
    return check_status(head);
  case Check::version:
    if (head.version_1_0 && m_profile.status.version_1_0_after_status.action == Action::fail) {
      return Stop{m_profile.status.version_1_0_after_status, "status.version",
                  DiagnosticId::response_http_version, false};
    }
    return std::nullopt;
  case Check::upgrade_present:
  case Check::upgrade:
    return check_field(m_profile.upgrade, "Upgrade", "websocket", head, "upgrade",
                       DiagnosticId::response_missing_upgrade,
                       DiagnosticId::response_upgrade_not_websocket,
                       which == Check::upgrade_present);
  case Check::connection:
    return check_field(m_profile.connection, "Connection", "upgrade", head, "connection",
                       DiagnosticId::response_missing_connection_upgrade,
                       DiagnosticId::response_missing_connection_upgrade, false);
  case Check::accept:
    return check_field(m_profile.accept, "Sec-WebSocket-Accept", m_offer.expected_accept, head,
                       "accept", DiagnosticId::missing_accept, DiagnosticId::wrong_accept, false);
  case Check::subprotocol:
    return check_subprotocol(head);
  case Check::extensions:
    return check_extensions(head);
  }
  return std::nullopt;
}

Prediction Predictor::run() {
  ReadHead head;
  std::size_t start = 0;
  http::Response next;
  const http::Response* current = &m_response;
  while (true) {
    if (auto stop = read_head(*current, start, head)) {
      return fail(*stop);
    }
    const bool interim = head.status >= 100 && head.status < 200 && head.status != 101;
    if (!interim) {
      break;
    }
    const Reaction said =
        head.status == 100 ? m_profile.status.continue_100 : m_profile.status.other_1xx;
    if (said.action == Action::fail) {
      return fail(Stop{said, "status.interim", DiagnosticId::interim_response, false});
    }
    if (said.action != Action::skip) {
      break;
    }
    start = head.end;
    const std::string_view rest = m_response.input.substr(start);
    if (rest.empty() || http::parse_response_into(rest, http::ParseOptions{}, next)) {
      return fail(Stop{fails(m_profile.status.closed_while_waiting), "status.interim",
                       DiagnosticId::interim_response, true});
    }
    head = ReadHead{};
    current = &next;
  }
  for (const Check which : m_profile.order) {
    if (auto stop = check(which, head)) {
      if (stop->reaction.action == Action::skip) {
        Prediction followed;
        followed.claimed = false;
        followed.rule = stop->rule;
        followed.diagnostic = stop->diagnostic;
        followed.redirect_to = m_values.value;
        return followed;
      }
      return fail(*stop);
    }
  }
  Prediction opened;
  opened.opens = true;
  opened.subprotocol = m_subprotocol;
  opened.extensions = m_extensions;
  const std::string_view after =
      m_response.input.substr(std::min(head.end, m_response.input.size()));
  std::optional<Stop> later = m_after_open;
  const FrameReading& frames = m_profile.frames;
  if (!later && !after.empty() && !frames.reserved_opcode.empty()) {
    const unsigned opcode = static_cast<unsigned char>(after.front()) & 0x0FU;
    const bool data = opcode >= 3 && opcode <= 7;
    if (data || opcode >= 0x0B) {
      m_values.opcode = std::to_string(opcode);
      const std::string_view text = data && !frames.reserved_data_opcode.empty()
                                        ? frames.reserved_data_opcode
                                        : frames.reserved_opcode;
      const Stop stop{opens_then_fails(text), "frames.reserved-opcode",
                      DiagnosticId::frames_after_response, false};
      if (data && frames.fails_before_open) {
        return fail(stop);
      }
      later = stop;
    }
  }
  if (later) {
    const Prediction failed = fail(*later);
    opened.message = failed.message;
    opened.rule = failed.rule;
    opened.diagnostic = failed.diagnostic;
  }
  return opened;
}

} // namespace

Prediction predict(const ClientProfile& profile, const http::Request& request,
                   const http::Response& response, std::string_view url) {
  return Predictor(profile, request, response, url).run();
}

} // namespace wsh::clients
