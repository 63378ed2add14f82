#include "inputs/HeaderBlock.hpp"

#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <vector>

namespace wsh::inputs {

namespace {

bool is_blank(std::string_view text) {
  return http::trim_ows(text).empty();
}

// method SP request-target SP HTTP-version, loosely (RFC 9112 3).
bool is_request_line(std::string_view text) {
  const std::size_t first = text.find(' ');
  if (first == std::string_view::npos || first == 0 || !http::is_token(text.substr(0, first))) {
    return false;
  }
  const std::size_t second = text.find(' ', first + 1);
  return second != std::string_view::npos && text.substr(second + 1).starts_with("HTTP/");
}

// The path and query of an absolute URL (RFC 9112 3.2.1's origin-form), as an offset and size
// within `url`; "" when the URL has no path.
std::pair<std::size_t, std::size_t> origin_form_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    return {0, url.size()};
  }
  std::size_t path = url.find_first_of("/?#", scheme + 3);
  if (path == std::string_view::npos) {
    return {url.size(), 0};
  }
  std::size_t end = url.find('#', path);
  end = end == std::string_view::npos ? url.size() : end;
  return {path, end - path};
}

// One field of the block: name and value as spans of the original.
struct FieldSpan {
  std::string_view name;
  std::size_t name_offset = 0;
  std::string_view value;
  std::size_t value_offset = 0;
};

} // namespace

ReadResult read_header_block(const OriginalText& original, const HeaderBlockOptions& options) {
  ReadResult result;
  const std::string_view bytes = original.bytes();
  const std::vector<TextLine> lines = split_lines(bytes);
  std::size_t i = 0;
  while (i < lines.size() && is_blank(lines[i].text)) {
    ++i;
  }
  const std::size_t first_offset = i < lines.size() ? lines[i].offset : 0;
  RebuiltHandshake handshake;
  handshake.request = RebuiltBytes(original);
  RebuiltBytes& out = handshake.request;

  std::optional<TextLine> request_line;
  if (i < lines.size() && is_request_line(lines[i].text)) {
    request_line = lines[i];
    ++i;
  }
  std::vector<FieldSpan> fields;
  std::optional<FieldSpan> method;
  std::optional<FieldSpan> path;
  std::optional<FieldSpan> protocol;
  bool any_pseudo = false;
  for (; i < lines.size(); ++i) {
    const TextLine& line = lines[i];
    if (is_blank(line.text)) {
      std::size_t rest = 0;
      for (std::size_t k = i + 1; k < lines.size(); ++k) {
        rest += is_blank(lines[k].text) ? 0U : 1U;
      }
      if (rest > 0) {
        result.notes.push_back(
            {fmt::format("the block ends with the empty line at line {}; the {} line{} after it "
                         "are not read",
                         line.number, rest, rest == 1 ? "" : "s"),
             line.offset});
      }
      break;
    }
    std::string_view text = line.text;
    const bool pseudo = text.starts_with(':');
    const std::size_t colon = text.find(':', pseudo ? 1 : 0);
    const std::string_view raw_name =
        colon == std::string_view::npos ? std::string_view() : text.substr(0, colon);
    const std::string_view name = http::trim_ows(raw_name);
    // Empty for a line that is a colon alone: no name, so not a header line.
    const std::string_view name_token = pseudo && !name.empty() ? name.substr(1) : name;
    if (colon == std::string_view::npos || name_token.empty() || !http::is_token(name_token) ||
        (!pseudo && name.data() != text.data())) {
      result.notes.push_back({fmt::format("line {} is not a header line and is left out: {}",
                                          line.number, util::quote_input(text)),
                              line.offset, true});
      continue;
    }
    const std::string_view value = http::trim_ows(text.substr(colon + 1));
    FieldSpan field{name, line.offset + static_cast<std::size_t>(name.data() - text.data()), value,
                    line.offset + static_cast<std::size_t>(value.data() - text.data())};
    if (value.empty()) {
      field.value_offset = line.offset + colon + 1;
    }
    if (pseudo) {
      any_pseudo = true;
      if (name == ":method") {
        method = field;
      } else if (name == ":path") {
        path = field;
      } else if (name == ":protocol") {
        protocol = field;
      } else if (name == ":authority") {
        fields.push_back(field);
      } else if (name != ":scheme" && name != ":status") {
        result.notes.push_back(
            {fmt::format("line {}: {} is not an HTTP/2 request pseudo-header (RFC 9113 8.3.1) and "
                         "is left out",
                         line.number, util::quote_input(name)),
             line.offset, true});
      }
      continue;
    }
    fields.push_back(field);
  }

  // The request line: as pasted, from :method and :path, or assumed.
  if (request_line) {
    const std::string_view text = request_line->text;
    const std::size_t first = text.find(' ');
    const std::size_t second = text.find(' ', first + 1);
    const std::string_view target = text.substr(first + 1, second - first - 1);
    out.append_copy(text.substr(0, first + 1), request_line->offset);
    const std::size_t target_offset = request_line->offset + first + 1;
    if (target.find("://") != std::string_view::npos) {
      const auto [at, size] = origin_form_of(target);
      if (size == 0) {
        out.append_assumed("/", target_offset);
      } else {
        out.append_copy(target.substr(at, size), target_offset + at);
      }
      result.notes.push_back(
          {fmt::format(
               "line {}: the request line holds the absolute URL {}, as Chromium's "
               "\"Copy request headers\" writes it; on the wire the request-target was "
               "the path, so it is read as {}",
               request_line->number, util::quote_input(target),
               util::quote_input(size == 0 ? std::string_view("/") : target.substr(at, size))),
           target_offset, true});
    } else {
      out.append_copy(target, target_offset);
    }
    out.append_copy(text.substr(second), request_line->offset + second);
  } else if (method || path) {
    if (method) {
      out.append_copy(method->value, method->value_offset);
    } else {
      out.append_assumed("GET", path->name_offset);
    }
    out.append_assumed(" ",
                       method ? method->value_offset + method->value.size() : path->name_offset);
    if (path) {
      out.append_copy(path->value, path->value_offset);
    } else {
      out.append_assumed(options.target.value_or("/"), method->name_offset);
    }
    out.append_assumed(" HTTP/1.1",
                       path ? path->value_offset + path->value.size() : method->value_offset);
  } else {
    const std::string target = options.target.value_or("/");
    out.append_assumed(fmt::format("GET {} HTTP/1.1", target), first_offset);
    result.notes.push_back(
        {fmt::format("the block has no request line: `GET {} HTTP/1.1` is assumed{}", target,
                     options.target ? " (--target)" : "; --target PATH sets another path"),
         std::nullopt});
  }
  out.append_assumed("\r\n", first_offset);
  for (const FieldSpan& field : fields) {
    if (field.name == ":authority") {
      out.append_assumed("Host", field.name_offset);
    } else {
      out.append_copy(field.name, field.name_offset);
    }
    out.append_assumed(": ", field.value_offset);
    out.append_copy(field.value, field.value_offset);
    out.append_assumed("\r\n", field.value_offset + field.value.size());
  }
  out.append_assumed("\r\n", bytes.size());
  if (protocol) {
    handshake.extended_connect = true;
  }
  result.notes.push_back(
      {any_pseudo ? "read as a header block with HTTP/2 pseudo-headers (:authority is read as "
                    "Host); a pasted block keeps no line endings, field order or spacing of the "
                    "wire, so those are not judged"
                  : "read as a pasted header block: it keeps no line endings, field order or "
                    "spacing of the wire, so those are not judged",
       std::nullopt});
  result.handshakes.push_back(std::move(handshake));
  return result;
}

} // namespace wsh::inputs
