#include "handshake/MessageFraming.hpp"

#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>

namespace wsh::handshake {

using diagnostics::DiagnosticId;

namespace {

// The value of Content-Length (RFC 9110 8.6), read from every line and list element.
struct ContentLength {
  bool present = false;
  bool valid = true;
  std::uint64_t length = 0;
};

// Content-Length = 1*DIGIT. A list of identical values, on one line or several, may be taken
// as one (RFC 9110 8.6); anything else is an invalid length (RFC 9112 6.3 item 5).
ContentLength read_content_length(const FieldList& lines, Findings& findings) {
  ContentLength result;
  std::optional<std::uint64_t> first;
  std::size_t elements = 0;
  for (const http::Field* line : lines) {
    result.present = true;
    const std::string_view value = line->value;
    std::size_t start = 0;
    while (result.valid && start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string_view element = http::trim_ows(value.substr(start, comma - start));
      const std::size_t at = findings.offset_of(element.empty() ? value.substr(start) : element);
      start = comma + 1;
      ++elements;
      if (element.empty()) {
        findings.add(DiagnosticId::invalid_content_length, at,
                     value.empty() ? std::string("Content-Length is empty; it must be a decimal "
                                                 "number of bytes")
                                   : fmt::format("Content-Length `{}` has an empty list "
                                                 "element; it must be one decimal number",
                                                 value),
                     line->name);
        result.valid = false;
        break;
      }
      std::uint64_t length = 0;
      for (std::size_t i = 0; i < element.size(); ++i) {
        const char c = element[i];
        if (c < '0' || c > '9') {
          findings.add(DiagnosticId::invalid_content_length, at + i,
                       fmt::format("{} in Content-Length `{}`; it must be digits only (no sign, "
                                   "space or unit)",
                                   util::describe_byte(c), value),
                       line->name);
          result.valid = false;
          break;
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (length > (UINT64_MAX - digit) / 10) {
          findings.add(
              DiagnosticId::invalid_content_length, at,
              fmt::format("Content-Length `{}` is too large for any server to read", element),
              line->name);
          result.valid = false;
          break;
        }
        length = length * 10 + digit;
      }
      if (!result.valid) {
        break;
      }
      if (first && *first != length) {
        findings.add(DiagnosticId::invalid_content_length, at,
                     fmt::format("Content-Length says both {} and {}; one request has one length",
                                 *first, length),
                     line->name);
        result.valid = false;
        break;
      }
      first = length;
    }
    if (!result.valid) {
      return result;
    }
  }
  if (elements > 1) {
    findings.add(DiagnosticId::repeated_content_length, findings.offset_of(lines[0]->value),
                 fmt::format("Content-Length is given {} times, each {}; RFC 9110 8.6 lets a "
                             "server take it once, or refuse it",
                             elements, *first),
                 lines[0]->name);
  }
  result.length = first.value_or(0);
  return result;
}

// The transfer codings registered for HTTP/1.1 (RFC 9112 7, RFC 9110 8.4.1) and their
// deprecated aliases; a server answers others with 501 (RFC 9112 6.1).
bool is_known_coding(std::string_view coding) {
  constexpr std::array<std::string_view, 6> k_known = {"chunked", "compress",   "deflate",
                                                       "gzip",    "x-compress", "x-gzip"};
  for (const std::string_view known : k_known) {
    if (http::iequals(coding, known)) {
      return true;
    }
  }
  return false;
}

// What Transfer-Encoding said, all its lines together (RFC 9112 6.1).
struct TransferEncoding {
  bool present = false;
  bool valid = true;
  bool chunked_last = false;
};

// Transfer-Encoding = #transfer-coding; the codings are tokens, chunked at most once and
// last. An empty element, a parameter or a byte that is no token is where parsers disagree.
TransferEncoding read_transfer_encoding(const FieldList& lines, Findings& findings) {
  TransferEncoding result;
  std::string_view last;
  std::size_t chunked_count = 0;
  const http::Field* last_line = nullptr;
  for (const http::Field* line : lines) {
    result.present = true;
    last_line = line;
    const std::string_view value = line->value;
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string_view coding = http::trim_ows(value.substr(start, comma - start));
      const std::size_t at = findings.offset_of(coding.empty() ? value.substr(start) : coding);
      start = comma + 1;
      if (coding.empty()) {
        findings.add(DiagnosticId::invalid_transfer_encoding, at,
                     value.empty() ? std::string("Transfer-Encoding is empty")
                                   : fmt::format("an empty element in Transfer-Encoding `{}`: "
                                                 "parsers disagree on which coding is last",
                                                 value),
                     line->name);
        result.valid = false;
        continue;
      }
      const auto bad =
          std::find_if(coding.begin(), coding.end(), [](char c) { return !http::is_tchar(c); });
      if (bad != coding.end()) {
        findings.add(DiagnosticId::invalid_transfer_encoding,
                     at + static_cast<std::size_t>(bad - coding.begin()),
                     *bad == ';'
                         ? fmt::format("a parameter on the transfer coding `{}`; no coding a "
                                       "server knows takes one",
                                       coding)
                         : fmt::format("{} in the transfer coding `{}`, which must be a token",
                                       util::describe_byte(*bad), coding),
                     line->name);
        result.valid = false;
        continue;
      }
      if (!is_known_coding(coding)) {
        findings.add(DiagnosticId::unknown_transfer_coding, at,
                     fmt::format("`{}` is not a transfer coding: the registered ones are "
                                 "chunked, gzip, deflate and compress",
                                 coding),
                     line->name);
        result.valid = false;
      }
      if (http::iequals(coding, "chunked")) {
        ++chunked_count;
      }
      last = coding;
    }
  }
  if (!result.present || !result.valid) {
    return result;
  }
  if (!http::iequals(last, "chunked")) {
    findings.add(DiagnosticId::transfer_encoding_not_chunked, findings.offset_of(last),
                 fmt::format("the last transfer coding is `{}`, not chunked: the request's end "
                             "cannot be known",
                             last),
                 last_line->name);
    result.valid = false;
  } else if (chunked_count > 1) {
    findings.add(DiagnosticId::invalid_transfer_encoding, findings.offset_of(last),
                 "chunked is applied more than once; RFC 9112 7 allows it once, last",
                 last_line->name);
    result.valid = false;
  }
  result.chunked_last = result.valid;
  return result;
}

} // namespace

void check_message_framing(const http::Request& request, const HandshakeFields& fields,
                           Findings& findings) {
  if (fields.content_length.empty() && fields.transfer_encoding.empty()) {
    return;
  }
  const ContentLength length = read_content_length(fields.content_length, findings);
  const TransferEncoding coding = read_transfer_encoding(fields.transfer_encoding, findings);
  if (coding.present) {
    const http::Field* line = fields.transfer_encoding.front();
    if (length.present) {
      findings.add(DiagnosticId::transfer_encoding_with_content_length,
                   findings.offset_of(line->name),
                   fmt::format("Transfer-Encoding together with Content-Length `{}`: a server "
                               "must close the connection after answering, so no 101 can follow",
                               fields.content_length.front()->value),
                   line->name);
    }
    if (request.version_major() == 1 && request.version_minor() == 0) {
      findings.add(DiagnosticId::transfer_encoding_in_http_1_0, findings.offset_of(line->name),
                   "Transfer-Encoding in an HTTP/1.0 request: HTTP/1.0 has no transfer codings, "
                   "so the framing is faulty",
                   line->name);
    }
    if (coding.chunked_last && !length.present) {
      findings.add(DiagnosticId::body_on_upgrade, findings.offset_of(line->value),
                   "Transfer-Encoding: chunked announces a body on the upgrade request; a server "
                   "that switches protocols after the header block reads it as WebSocket frames",
                   line->name);
    }
    return;
  }
  if (length.valid && length.length > 0) {
    const http::Field* line = fields.content_length.front();
    findings.add(DiagnosticId::body_on_upgrade, findings.offset_of(line->value),
                 fmt::format("Content-Length: {} announces a body on the upgrade request; a "
                             "server that switches protocols after the header block reads those "
                             "bytes as WebSocket frames",
                             length.length),
                 line->name);
  }
}

} // namespace wsh::handshake
