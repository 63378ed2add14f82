#include "servers/Reading.hpp"

#include "http/Grammar.hpp"
#include "http/RequestParser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace wsh::servers {

namespace {

using diagnostics::DiagnosticId;

constexpr std::size_t k_npos = std::string_view::npos;
// Enough repairs for any head a server reads (one per faulty line).
constexpr int k_max_repairs = 512;
// The request line the field reader is given: the server's own split is kept aside.
constexpr std::string_view k_canonical_request_line = "GET / HTTP/1.1\r\n";

constexpr std::array<DiagnosticId, 4> k_request_line_ids = {
    DiagnosticId::malformed_request_line, DiagnosticId::invalid_request_target,
    DiagnosticId::invalid_http_version, DiagnosticId::invalid_method};
constexpr std::array<DiagnosticId, 1> k_lf_ids = {DiagnosticId::lf_line_endings};
constexpr std::array<DiagnosticId, 1> k_bare_cr_ids = {DiagnosticId::bare_cr};
constexpr std::array<DiagnosticId, 1> k_obs_fold_ids = {DiagnosticId::obs_fold};
constexpr std::array<DiagnosticId, 1> k_colon_ids = {DiagnosticId::whitespace_before_colon};
constexpr std::array<DiagnosticId, 2> k_missing_colon_ids = {DiagnosticId::missing_colon,
                                                             DiagnosticId::invalid_field_name};
constexpr std::array<DiagnosticId, 1> k_name_ids = {DiagnosticId::invalid_field_name};
constexpr std::array<DiagnosticId, 1> k_value_ids = {DiagnosticId::control_byte_in_value};
constexpr std::array<DiagnosticId, 1> k_incomplete_ids = {DiagnosticId::incomplete_request};

// One fault of a field line, as the engine's parser found it and its byte classifies it.
enum class Fault : std::uint8_t {
  bare_cr,
  obs_fold,
  obs_fold_first,
  space_before_colon,
  space_before_colon_special,
  tab_before_colon,
  missing_colon,
  empty_name,
  space_in_name,
  nul_in_name,
  ctl_in_name,
  non_ascii_name,
  other_in_name,
  nul_in_value,
  ctl_in_value,
  del_in_value,
  unknown,
};

const Reaction& reaction_for(const FieldLineReading& fields, Fault fault) {
  static const Reaction k_accept = accepts();
  switch (fault) {
  case Fault::bare_cr:
    return fields.bare_cr;
  case Fault::obs_fold:
    return fields.obs_fold;
  case Fault::obs_fold_first:
    return fields.obs_fold_first;
  case Fault::space_before_colon:
    return fields.space_before_colon;
  case Fault::space_before_colon_special:
    return fields.space_before_colon_special;
  case Fault::tab_before_colon:
    return fields.tab_before_colon;
  case Fault::missing_colon:
    return fields.missing_colon;
  case Fault::empty_name:
    return fields.empty_name;
  case Fault::space_in_name:
    return fields.space_in_name;
  case Fault::nul_in_name:
    return fields.nul_in_name;
  case Fault::ctl_in_name:
    return fields.ctl_in_name;
  case Fault::non_ascii_name:
    return fields.non_ascii_name;
  case Fault::other_in_name:
    return fields.other_in_name;
  case Fault::nul_in_value:
    return fields.nul_in_value;
  case Fault::ctl_in_value:
    return fields.ctl_in_value;
  case Fault::del_in_value:
    return fields.del_in_value;
  case Fault::unknown:
    break;
  }
  return k_accept;
}

// The server's rule name and the engine's ids for a fault.
struct FaultCause {
  std::string_view cause;
  std::span<const DiagnosticId> rfc;
};

FaultCause cause_of(Fault fault) {
  switch (fault) {
  case Fault::bare_cr:
    return {"bare-cr", k_bare_cr_ids};
  case Fault::obs_fold:
  case Fault::obs_fold_first:
    return {"obs-fold", k_obs_fold_ids};
  case Fault::space_before_colon:
  case Fault::space_before_colon_special:
  case Fault::tab_before_colon:
    return {"whitespace-before-colon", k_colon_ids};
  case Fault::missing_colon:
    return {"missing-colon", k_missing_colon_ids};
  case Fault::empty_name:
  case Fault::space_in_name:
  case Fault::nul_in_name:
  case Fault::ctl_in_name:
  case Fault::non_ascii_name:
  case Fault::other_in_name:
    return {"invalid-field-name", k_name_ids};
  case Fault::nul_in_value:
  case Fault::ctl_in_value:
  case Fault::del_in_value:
    return {"control-byte-in-value", k_value_ids};
  case Fault::unknown:
    break;
  }
  return {"unmodeled-syntax", {}};
}

// The action `accept` stands for with each fault: what RFC 9112's lenient reader does.
Action lenient_action(Fault fault) {
  switch (fault) {
  case Fault::obs_fold:
  case Fault::obs_fold_first:
    return Action::unfold;
  case Fault::bare_cr:
  case Fault::nul_in_value:
  case Fault::ctl_in_value:
  case Fault::del_in_value:
    return Action::keep_byte;
  default:
    return Action::drop_line;
  }
}

bool iequals_any(std::string_view name, std::span<const std::string_view> names) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view candidate) { return http::iequals(name, candidate); });
}

// [begin, end) of the line holding `offset` in `text`, `end` at its LF (or the text's end).
struct LineBounds {
  std::size_t begin = 0;
  std::size_t end = 0;         // the LF, or text.size()
  std::size_t content_end = 0; // before a CR that precedes the LF
};

LineBounds line_at(std::string_view text, std::size_t offset) {
  LineBounds line;
  const std::size_t previous = offset == 0 ? k_npos : text.rfind('\n', offset - 1);
  line.begin = previous == k_npos ? 0 : previous + 1;
  const std::size_t lf = text.find('\n', offset);
  line.end = lf == k_npos ? text.size() : lf;
  line.content_end = line.end;
  if (line.content_end > line.begin && text[line.content_end - 1] == '\r') {
    --line.content_end;
  }
  return line;
}

Fault classify(const http::ParseError& error, std::string_view work,
               const FieldLineReading& fields) {
  const std::size_t at = std::min(error.offset, work.size() - 1);
  const char byte = work[at];
  const LineBounds line = line_at(work, at);
  switch (error.id) {
  case DiagnosticId::bare_cr:
    return Fault::bare_cr;
  case DiagnosticId::obs_fold:
    return line.begin == k_canonical_request_line.size() ? Fault::obs_fold_first : Fault::obs_fold;
  case DiagnosticId::whitespace_before_colon:
    if (byte == '\t') {
      return Fault::tab_before_colon;
    }
    return iequals_any(error.header, fields.special_names) ? Fault::space_before_colon_special
                                                           : Fault::space_before_colon;
  case DiagnosticId::missing_colon:
    return Fault::missing_colon;
  case DiagnosticId::invalid_field_name: {
    const auto value = static_cast<unsigned char>(byte);
    if (byte == ':') {
      return Fault::empty_name;
    }
    if (byte == ' ' || byte == '\t') {
      const std::size_t colon = work.find(':', at);
      return colon != k_npos && colon < line.end ? Fault::space_in_name : Fault::missing_colon;
    }
    if (value == 0) {
      return Fault::nul_in_name;
    }
    if (value < 0x20 || value == 0x7f) {
      return Fault::ctl_in_name;
    }
    if (value >= 0x80) {
      return Fault::non_ascii_name;
    }
    return Fault::other_in_name;
  }
  case DiagnosticId::control_byte_in_value:
    if (byte == '\0') {
      return Fault::nul_in_value;
    }
    return static_cast<unsigned char>(byte) == 0x7f ? Fault::del_in_value : Fault::ctl_in_value;
  default:
    return Fault::unknown;
  }
}

// Changes `work` the way the server reads the fault at `offset`; false when it found nothing
// to change (the predictor then stops repairing).
bool repair(std::string& work, std::size_t offset, Action action,
            std::vector<std::size_t>& leading_space_at) {
  const LineBounds line = line_at(work, offset);
  const std::size_t next = line.end < work.size() ? line.end + 1 : work.size();
  switch (action) {
  case Action::unfold:
  case Action::unfold_after_strip: {
    if (line.begin == 0) {
      return false;
    }
    std::size_t previous_end = line.begin - 1; // the LF ending the line before
    if (previous_end > 0 && work[previous_end - 1] == '\r') {
      --previous_end;
    }
    if (action == Action::unfold_after_strip) {
      const LineBounds previous = line_at(work, previous_end);
      const std::size_t colon = work.find(':', previous.begin);
      if (colon < previous_end &&
          http::trim_ows(std::string_view(work).substr(colon + 1, previous_end - colon - 1))
              .empty()) {
        leading_space_at.push_back(colon);
      }
    }
    std::size_t first = line.begin;
    while (first < line.end && http::is_ows(work[first])) {
      ++first;
    }
    work.replace(previous_end, first - previous_end, " ");
    return true;
  }
  case Action::separate: {
    std::size_t first = line.begin;
    while (first < line.end && http::is_ows(work[first])) {
      ++first;
    }
    work.erase(line.begin, first - line.begin);
    return first != line.begin;
  }
  case Action::trim_name: {
    std::size_t last = offset;
    while (last < line.end && http::is_ows(work[last])) {
      ++last;
    }
    work.erase(offset, last - offset);
    return last != offset;
  }
  case Action::drop_line:
    work.erase(line.begin, next - line.begin);
    return true;
  case Action::keep_byte:
    work[offset] = ' ';
    return true;
  case Action::split_at_cr:
    work[offset] = '\n';
    return true;
  case Action::swallow_to_colon: {
    const std::size_t colon = work.find(':', line.begin);
    if (colon == k_npos) {
      return false;
    }
    work.replace(line.begin, colon - line.begin, "x-swallowed");
    return true;
  }
  case Action::accept:
  case Action::refuse:
    break;
  }
  return false;
}

// Where the head ends for the server, or npos when it never ends in `input`.
std::size_t find_head_end(std::string_view input, HeadEnd head_end) {
  if (head_end == HeadEnd::crlf_crlf) {
    const std::size_t at = input.find("\r\n\r\n");
    return at == k_npos ? k_npos : at + 4;
  }
  if (head_end == HeadEnd::first_blank) {
    for (std::size_t i = input.find('\n'); i < input.size(); i = input.find('\n', i + 1)) {
      std::size_t next = i + 1;
      if (next < input.size() && input[next] == '\r') {
        ++next;
      }
      if (next < input.size() && input[next] == '\n') {
        return next + 1;
      }
    }
    return k_npos;
  }
  std::size_t pos = 0;
  bool leading = true;
  while (pos < input.size()) {
    const std::size_t lf = input.find('\n', pos);
    if (lf == k_npos) {
      return k_npos;
    }
    std::size_t content_end = lf;
    if (content_end > pos && input[content_end - 1] == '\r') {
      --content_end;
    }
    const bool empty = content_end == pos;
    if (empty && !leading) {
      return lf + 1;
    }
    if (!empty) {
      leading = false;
    }
    pos = lf + 1;
  }
  return k_npos;
}

// The lines of the head, without their line ends, and each line's size with its end.
struct HeadLines {
  std::vector<std::string_view> lines;
  std::vector<std::size_t> sizes;
};

HeadLines split_head(std::string_view head) {
  HeadLines out;
  std::size_t pos = 0;
  while (pos < head.size()) {
    const std::size_t lf = head.find('\n', pos);
    const std::size_t end = lf == k_npos ? head.size() : lf;
    std::size_t content_end = end;
    if (content_end > pos && head[content_end - 1] == '\r') {
      --content_end;
    }
    out.lines.push_back(head.substr(pos, content_end - pos));
    out.sizes.push_back((lf == k_npos ? end : lf + 1) - pos);
    pos = lf == k_npos ? head.size() : lf + 1;
  }
  return out;
}

// The parts of a request line split on runs of spaces.
std::vector<std::string_view> split_on_spaces(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && line[pos] == ' ') {
      ++pos;
    }
    if (pos == line.size()) {
      break;
    }
    const std::size_t end = std::min(line.find(' ', pos), line.size());
    parts.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return parts;
}

// A field line's name and trimmed value, split at its first colon.
std::pair<std::string_view, std::string_view> name_and_value(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == k_npos) {
    return {line, {}};
  }
  return {line.substr(0, colon), http::trim_ows(line.substr(colon + 1))};
}

// The size `measure` counts in the head, and the text a message about it quotes.
struct Count {
  std::size_t size = 0;
  std::string_view text;
};

Count measure(std::string_view head, const HeadLines& split, Measure what) {
  const std::string_view request_line = split.lines.empty() ? std::string_view{} : split.lines[0];
  const std::vector<std::string_view> parts = split_on_spaces(request_line);
  const std::string_view target = parts.size() > 1 ? parts[1] : std::string_view{};
  Count count;
  // The field lines: after the request line, before the empty line.
  const std::size_t last = split.lines.empty() ? 0 : split.lines.size() - 1;
  switch (what) {
  case Measure::head_bytes:
    return {head.size(), {}};
  case Measure::line_bytes:
    for (std::size_t i = 0; i < split.lines.size(); ++i) {
      if (split.sizes[i] > count.size) {
        count = {split.sizes[i], split.lines[i]};
      }
    }
    return count;
  case Measure::field_line_bytes:
    for (std::size_t i = 1; i < last; ++i) {
      if (split.lines[i].size() > count.size) {
        count = {split.lines[i].size(), name_and_value(split.lines[i]).second};
      }
    }
    return count;
  case Measure::request_line_bytes:
    return {request_line.size(), target};
  case Measure::target_bytes:
    return {target.size(), target};
  case Measure::value_bytes:
    for (std::size_t i = 1; i < last; ++i) {
      const std::string_view value = name_and_value(split.lines[i]).second;
      if (value.size() > count.size) {
        count = {value.size(), value};
      }
    }
    return count;
  case Measure::field_count:
    return {last > 1 ? last - 1 : 0, {}};
  case Measure::target_names_values:
    count.size = target.size();
    for (std::size_t i = 1; i < last; ++i) {
      const auto [name, value] = name_and_value(split.lines[i]);
      count.size += name.size() + value.size();
    }
    return count;
  case Measure::lines_plus_three:
    for (const std::string_view line : split.lines) {
      count.size += line.size() + 3;
    }
    return count;
  case Measure::beast_buffer: {
    constexpr std::size_t k_buffer = 1536;
    const std::size_t request_line_size = split.sizes.empty() ? 0 : split.sizes[0];
    if (request_line_size > k_buffer) {
      return {request_line_size, target};
    }
    const std::size_t last_crlf = head.substr(0, k_buffer).rfind("\r\n");
    const std::size_t consumed = last_crlf == k_npos ? 0 : last_crlf + 2;
    return {head.size() - consumed, {}};
  }
  }
  return count;
}

// Python's str.split() on whitespace (the bytes read as latin-1).
bool is_python_space(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return c == ' ' || (byte >= 0x09 && byte <= 0x0d) || (byte >= 0x1c && byte <= 0x1f) ||
         byte == 0x85 || byte == 0xa0;
}

std::vector<std::string_view> split_python_whitespace(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && is_python_space(line[pos])) {
      ++pos;
    }
    if (pos == line.size()) {
      break;
    }
    std::size_t end = pos;
    while (end < line.size() && !is_python_space(line[end])) {
      ++end;
    }
    parts.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return parts;
}

ReadRefusal refusal_of(const Reaction& reaction, MessageValues values, std::string_view cause,
                       std::span<const DiagnosticId> rfc) {
  return ReadRefusal{reaction.refusal, std::move(values), cause, rfc, true};
}

// A byte as Jetty and the messages here name it: 0x1b.
std::string hex_byte(char c) {
  return fmt::format("0x{:x}", static_cast<unsigned char>(c));
}

} // namespace

std::string_view target_form(std::string_view target) {
  if (target == "*") {
    return "asterisk";
  }
  if (!target.empty() && target.front() == '/') {
    return "origin";
  }
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )                (RFC 3986 3.1)
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t i = 0;
  if (i < target.size() && is_alpha(target[i])) {
    ++i;
    while (i < target.size() && (is_alpha(target[i]) || (target[i] >= '0' && target[i] <= '9') ||
                                 target[i] == '+' || target[i] == '-' || target[i] == '.')) {
      ++i;
    }
    if (target.substr(i, 3) == "://") {
      return "absolute";
    }
  }
  if (target.find(':') != k_npos && target.find('/') == k_npos) {
    return "authority";
  }
  return "relative";
}

std::variant<ServerRequest, ReadRefusal> read_request(const HttpReading& http,
                                                      std::string_view input) {
  MessageValues values;
  const std::size_t head_end = find_head_end(input, http.head_end);
  if (head_end == k_npos) {
    return ReadRefusal{waits(), values, "incomplete-request", k_incomplete_ids, true};
  }
  ServerRequest request;
  request.head = input.substr(0, head_end);
  request.after = input.substr(head_end);

  const HeadLines split = split_head(request.head);
  for (const Limit& limit : http.limits) {
    const Count count = measure(request.head, split, limit.measure);
    if (count.size > limit.largest) {
      values.value = std::string(count.text);
      return ReadRefusal{limit.refusal, values, limit.cause, {}, true};
    }
  }

  // Empty lines before the request line (RFC 9112 2.2: a server SHOULD ignore them).
  std::size_t start = 0;
  while (start < request.head.size() &&
         (request.head[start] == '\n' ||
          (request.head[start] == '\r' && start + 1 < request.head.size() &&
           request.head[start + 1] == '\n'))) {
    start += request.head[start] == '\r' ? 2U : 1U;
  }
  if (start > 0 && http.leading_empty_line.action == Action::refuse) {
    return refusal_of(http.leading_empty_line, values, "leading-empty-line", {});
  }
  const std::string_view head = request.head.substr(start);

  // Lines ending in LF alone (RFC 9112 2.2: a recipient MAY accept them).
  if (http.line_end == LineEnd::crlf_or_lf) {
    for (std::size_t i = 0; i < head.size(); ++i) {
      if (head[i] != '\n' || (i > 0 && head[i - 1] == '\r')) {
        continue;
      }
      const LineBounds line = line_at(head, i);
      const bool first_line = line.begin == 0;
      const bool empty_line = line.begin == line.content_end;
      const Reaction& reaction = first_line   ? http.fields.lf_request_line
                                 : empty_line ? http.fields.lf_empty_line
                                              : http.fields.lf_field_line;
      if (reaction.action == Action::refuse) {
        values.line = std::string(head.substr(line.begin, line.content_end - line.begin));
        return refusal_of(reaction, values, "lf-line-endings", k_lf_ids);
      }
      break;
    }
  }

  // The request line, cut at the line end the server recognises.
  std::size_t line_end = 0;
  std::size_t rest = 0;
  if (http.line_end == LineEnd::crlf_only) {
    line_end = head.find("\r\n");
    rest = line_end + 2;
  } else {
    const std::size_t lf = head.find('\n');
    line_end = lf;
    rest = lf + 1;
    if (http.line_end == LineEnd::any_break) {
      const std::size_t cr = head.find('\r');
      if (cr < line_end) {
        line_end = cr;
        rest = head[cr + 1] == '\n' ? cr + 2 : cr + 1;
      }
    }
    if (line_end > 0 && head[line_end - 1] == '\r') {
      --line_end;
    }
  }
  const std::string_view request_line = head.substr(0, line_end);
  request.request_line = std::string(request_line);
  values.request_line = request.request_line;

  std::vector<std::string_view> parts;
  const RequestLineReading& reading = http.request_line;
  const auto shape_refusal = [&](const Reaction& reaction) -> std::optional<ReadRefusal> {
    if (reaction.action == Action::refuse) {
      return refusal_of(reaction, values, "malformed-request-line", k_request_line_ids);
    }
    return std::nullopt;
  };
  switch (reading.split) {
  case RequestLineSplit::parser: {
    std::string_view line = request_line;
    if (line.find('\t') != k_npos) {
      if (auto refused = shape_refusal(reading.tabs)) {
        return *refused;
      }
    }
    std::string spaced(line);
    std::replace(spaced.begin(), spaced.end(), '\t', ' ');
    const bool trailing = !spaced.empty() && spaced.back() == ' ';
    parts = split_on_spaces(line);
    if (trailing) {
      if (auto refused = shape_refusal(reading.trailing_space)) {
        return *refused;
      }
    }
    const std::vector<std::string_view> spaced_parts = split_on_spaces(spaced);
    if (spaced_parts.size() > 3) {
      if (auto refused = shape_refusal(reading.raw_space)) {
        return *refused;
      }
    } else if (spaced_parts.size() < 3) {
      if (auto refused = shape_refusal(reading.missing_version)) {
        return *refused;
      }
    } else if (spaced.find("  ") != k_npos && !trailing) {
      if (auto refused = shape_refusal(reading.extra_spaces)) {
        return *refused;
      }
    }
    parts.clear();
    // The parts as the lenient reader takes them: tabs read as spaces.
    for (const std::string_view part : spaced_parts) {
      parts.push_back(
          line.substr(static_cast<std::size_t>(part.data() - spaced.data()), part.size()));
    }
    if (parts.size() > 3) {
      // A space inside the target: the target runs to the last part.
      const std::string_view target_begin = parts[1];
      const std::string_view last_part = parts.back();
      const auto begin = static_cast<std::size_t>(target_begin.data() - line.data());
      const auto end = static_cast<std::size_t>(last_part.data() - line.data());
      parts = {parts[0], http::trim_ows(line.substr(begin, end - begin)), last_part};
    }
    break;
  }
  case RequestLineSplit::at_spaces: {
    const std::size_t first = request_line.find(' ');
    const std::size_t second = first == k_npos ? k_npos : request_line.find(' ', first + 1);
    if (second == k_npos) {
      values.parts = first == k_npos ? "1" : "2";
      if (auto refused = shape_refusal(reading.split_failed)) {
        return *refused;
      }
    } else {
      parts = {request_line.substr(0, first), request_line.substr(first + 1, second - first - 1),
               request_line.substr(second + 1)};
    }
    break;
  }
  case RequestLineSplit::exactly_three: {
    const std::size_t spaces =
        static_cast<std::size_t>(std::count(request_line.begin(), request_line.end(), ' '));
    if (spaces != 2) {
      values.parts = std::to_string(spaces + 1);
      if (auto refused = shape_refusal(reading.split_failed)) {
        return *refused;
      }
    } else {
      const std::size_t first = request_line.find(' ');
      const std::size_t second = request_line.find(' ', first + 1);
      parts = {request_line.substr(0, first), request_line.substr(first + 1, second - first - 1),
               request_line.substr(second + 1)};
    }
    break;
  }
  case RequestLineSplit::whitespace:
    parts = split_python_whitespace(request_line);
    if (parts.size() != 3) {
      values.parts = std::to_string(parts.size());
      if (auto refused = shape_refusal(reading.split_failed)) {
        return *refused;
      }
    }
    break;
  }
  if (parts.size() >= 1) {
    request.method = std::string(parts[0]);
  }
  if (parts.size() >= 2) {
    request.target = std::string(parts[1]);
  }
  if (parts.size() >= 3) {
    request.version = std::string(parts[2]);
  }

  // The field lines, read by the engine's parser after a canonical request line; each fault
  // it stops at is repaired as the server reads it, or refused.
  std::string work(k_canonical_request_line);
  work += head.substr(std::min(rest, head.size()));
  for (std::size_t i = k_canonical_request_line.size(); i < work.size(); ++i) {
    const char c = work[i];
    const bool lone_lf = c == '\n' && work[i - 1] != '\r';
    const bool lone_cr = c == '\r' && (i + 1 == work.size() || work[i + 1] != '\n');
    if (http.line_end == LineEnd::crlf_only && lone_lf) {
      work[i] = ' ';
    }
    if (http.line_end == LineEnd::any_break) {
      const auto byte = static_cast<unsigned char>(c);
      if (lone_cr || c == '\x0b' || c == '\x0c' || (byte >= 0x1c && byte <= 0x1e) || byte == 0x85) {
        work[i] = '\n';
      }
    }
  }

  http::ParseOptions options;
  options.max_header_bytes = work.size() + 16;
  options.max_fields = work.size() + 16;
  http::Request parsed;
  bool claimed = true;
  std::vector<std::size_t> leading_space_at;
  for (int attempt = 0;; ++attempt) {
    const std::optional<http::ParseError> error = http::parse_request_into(work, options, parsed);
    if (!error) {
      break;
    }
    if (error->id == DiagnosticId::incomplete_request || attempt == k_max_repairs) {
      return ReadRefusal{waits(), values, "incomplete-request", k_incomplete_ids, true};
    }
    const Fault fault = classify(*error, work, http.fields);
    const Reaction& reaction = reaction_for(http.fields, fault);
    const FaultCause cause = cause_of(fault);
    const std::size_t at = std::min(error->offset, work.size() - 1);
    const LineBounds line = line_at(work, at);
    values.line = work.substr(line.begin, line.content_end - line.begin);
    values.byte = hex_byte(work[at]);
    const std::size_t colon = work.find(':', line.begin);
    values.name =
        work.substr(line.begin, (colon < line.end ? colon : line.content_end) - line.begin);
    if (reaction.action == Action::refuse) {
      return ReadRefusal{reaction.refusal, values, cause.cause, cause.rfc, true};
    }
    if (fault == Fault::unknown) {
      claimed = false;
    }
    const Action action =
        reaction.action == Action::accept ? lenient_action(fault) : reaction.action;
    if (!repair(work, at, action, leading_space_at)) {
      if (action == Action::swallow_to_colon) {
        return ReadRefusal{waits(), values, cause.cause, cause.rfc, true};
      }
      claimed = false;
      if (!repair(work, at, Action::drop_line, leading_space_at)) {
        return ReadRefusal{waits(), values, cause.cause, cause.rfc, false};
      }
    }
  }
  request.claimed = claimed;

  for (const http::Field& field : parsed.fields) {
    const std::size_t colon = parsed.offset_of(field.name) + field.name.size();
    const LineBounds line = line_at(work, colon);
    std::size_t begin = colon + 1;
    std::size_t end = line.content_end;
    if (http.fields.leading_strip == LeadingStrip::ows) {
      while (begin < end && http::is_ows(work[begin])) {
        ++begin;
      }
    } else {
      while (begin < end && work[begin] == ' ') {
        ++begin;
      }
    }
    if (!http.fields.keeps_trailing_whitespace) {
      while (end > begin && http::is_ows(work[end - 1])) {
        --end;
      }
    }
    std::string value = work.substr(begin, end - begin);
    if (std::find(leading_space_at.begin(), leading_space_at.end(), colon) !=
        leading_space_at.end()) {
      value.insert(0, 1, ' ');
    }
    request.fields.push_back(ServerField{std::string(field.name), std::move(value)});
  }
  return request;
}

} // namespace wsh::servers
