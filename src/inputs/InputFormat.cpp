#include "inputs/InputFormat.hpp"

#include "http/Grammar.hpp"

#include <array>
#include <utility>

namespace wsh::inputs {

namespace {

// The first line of `text` after blank lines, without its line ending, and where it starts.
std::pair<std::string_view, std::size_t> first_line(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() &&
         (text[at] == '\r' || text[at] == '\n' || text[at] == ' ' || text[at] == '\t')) {
    ++at;
  }
  std::size_t end = text.find('\n', at);
  end = end == std::string_view::npos ? text.size() : end;
  std::string_view line = text.substr(at, end - at);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return {line, at};
}

// method SP request-target SP HTTP-version (RFC 9112 3), loosely: a token, a space, anything
// without a space, a space, "HTTP/".
bool looks_like_request_line(std::string_view line) {
  const std::size_t first = line.find(' ');
  if (first == std::string_view::npos || first == 0 || !http::is_token(line.substr(0, first))) {
    return false;
  }
  const std::size_t second = line.find(' ', first + 1);
  return second != std::string_view::npos && second > first + 1 &&
         line.substr(second + 1).starts_with("HTTP/");
}

// field-name ":" (RFC 9110 5.1), or a pseudo-header ":name:" as HTTP/2 devtools show them.
bool looks_like_field_line(std::string_view line) {
  if (line.starts_with(':')) {
    line.remove_prefix(1);
  }
  const std::size_t colon = line.find(':');
  return colon != std::string_view::npos && colon > 0 && http::is_token(line.substr(0, colon));
}

bool starts_with_word(std::string_view line, std::string_view word) {
  return line.starts_with(word) &&
         (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t' ||
          line[word.size()] == '\\' || line[word.size()] == '^');
}

// A line curl -v or --trace-ascii writes.
bool is_curl_trace_line(std::string_view line) {
  return line.starts_with("> ") || line.starts_with("< ") || line.starts_with("* ") ||
         line.starts_with("*   ") || line.starts_with("== Info:") ||
         line.starts_with("=> Send header") || line.starts_with("<= Recv header");
}

} // namespace

std::string_view to_string(InputFormat format) {
  switch (format) {
  case InputFormat::raw:
    return "raw";
  case InputFormat::headers:
    return "headers";
  case InputFormat::curl:
    return "curl";
  case InputFormat::har:
    return "har";
  case InputFormat::pcap:
    return "pcap";
  }
  return "raw";
}

std::optional<InputFormat> input_format_named(std::string_view name) {
  constexpr std::array k_formats{InputFormat::raw, InputFormat::headers, InputFormat::curl,
                                 InputFormat::har, InputFormat::pcap};
  for (const InputFormat format : k_formats) {
    if (to_string(format) == name) {
      return format;
    }
  }
  return std::nullopt;
}

Detection detect_format(std::string_view start) {
  if (start.size() >= 4) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(start[i]); };
    const std::array<unsigned char, 4> head{byte(0), byte(1), byte(2), byte(3)};
    constexpr std::array<std::array<unsigned char, 4>, 5> k_magics{{
        {0xa1, 0xb2, 0xc3, 0xd4}, // pcap, microseconds, big-endian
        {0xd4, 0xc3, 0xb2, 0xa1}, // pcap, microseconds, little-endian
        {0xa1, 0xb2, 0x3c, 0x4d}, // pcap, nanoseconds, big-endian
        {0x4d, 0x3c, 0xb2, 0xa1}, // pcap, nanoseconds, little-endian
        {0x0a, 0x0d, 0x0d, 0x0a}, // pcapng Section Header Block
    }};
    for (const auto& magic : k_magics) {
      if (head == magic) {
        return {InputFormat::pcap, "a packet capture (pcap or pcapng magic number)"};
      }
    }
  }
  std::string_view text = start;
  if (text.starts_with("\xef\xbb\xbf")) {
    text.remove_prefix(3);
  }
  const auto [line, at] = first_line(text);
  if (line.starts_with('{')) {
    return {InputFormat::har, "a HAR file (JSON)"};
  }
  if (looks_like_request_line(line)) {
    // Firefox's "Copy Request Headers": LF line endings, no empty line, no final newline.
    const std::string_view rest = text.substr(at);
    const bool has_cr = rest.find('\r') != std::string_view::npos;
    const bool has_end = rest.find("\n\n") != std::string_view::npos;
    const std::string_view target = line.substr(line.find(' ') + 1);
    const bool absolute = target.starts_with("ws://") || target.starts_with("wss://") ||
                          target.starts_with("http://") || target.starts_with("https://");
    const bool crlf_end = rest.find("\r\n\r\n") != std::string_view::npos;
    if (!has_end && !crlf_end && rest.find('\n') != std::string_view::npos &&
        (!has_cr || absolute)) {
      return {InputFormat::headers, absolute ? "a header block copied from devtools (an absolute "
                                               "URL in the request line and no empty line)"
                                             : "a header block copied from devtools (LF line "
                                               "endings and no empty line)"};
    }
    return {InputFormat::raw, "raw HTTP bytes"};
  }
  // After the request line: any token is a method, `curl` and `*` too (RFC 9110 9.1).
  if (starts_with_word(line, "curl") || starts_with_word(line, "curl.exe") ||
      starts_with_word(line, "$ curl")) {
    return {InputFormat::curl, "a curl command line"};
  }
  if (is_curl_trace_line(line)) {
    return {InputFormat::curl, "a curl -v or --trace-ascii transcript"};
  }
  if (looks_like_field_line(line)) {
    return {InputFormat::headers, "a header block with no request line"};
  }
  return {InputFormat::raw, "raw HTTP bytes"};
}

} // namespace wsh::inputs
