#include "http/RequestParser.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

using namespace wsh::http;
using wsh::diagnostics::DiagnosticId;
using wsh::test::ExactBuffer;

namespace {

// One raw request and what reading it must give: success, or the kind, rule and byte offset
// of the first problem.
struct ParseRow {
  std::string_view rule;
  std::string input;
  std::optional<ParseErrorKind> kind;
  DiagnosticId id{};
  std::size_t offset = 0;
};

const std::string k_valid = "GET /chat HTTP/1.1\r\n"
                            "Host: server.example.com\r\n"
                            "Upgrade: websocket\r\n"
                            "\r\n";

} // namespace

TEST_CASE("http::parse_request rejects each malformation at the offending byte") {
  using enum ParseErrorKind;
  const ParseRow rows[] = {
      {"valid", k_valid, std::nullopt},
      {"leading empty line skipped (RFC 9112 2.2)", "\r\n" + k_valid, std::nullopt},
      {"absolute-form target", "GET ws://h/chat HTTP/1.1\r\nHost: h\r\n\r\n", std::nullopt},
      {"empty input", "", incomplete, DiagnosticId::empty_input, 0},
      {"no empty line", "GET / HTTP/1.1\r\nHost: a\r\n", incomplete,
       DiagnosticId::incomplete_request, 25},
      {"cut inside a line", "GET / HTTP/1.1\r\nHo", incomplete, DiagnosticId::incomplete_request,
       18},
      {"bare CR in a value", "GET / HTTP/1.1\r\nA: x\ry\r\n\r\n", malformed, DiagnosticId::bare_cr,
       20},
      {"bare CR in the request line", "GET /\r HTTP/1.1\r\n\r\n", malformed, DiagnosticId::bare_cr,
       5},
      {"obs-fold", "GET / HTTP/1.1\r\nA: x\r\n y\r\n\r\n", malformed, DiagnosticId::obs_fold, 22},
      {"tab fold", "GET / HTTP/1.1\r\nA: x\r\n\ty\r\n\r\n", malformed, DiagnosticId::obs_fold, 22},
      {"space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", malformed,
       DiagnosticId::whitespace_before_colon, 20},
      {"no colon after a name and a space", "GET / HTTP/1.1\r\nHost a\r\n\r\n", malformed,
       DiagnosticId::missing_colon, 20},
      {"Content-Length 10", "GET / HTTP/1.1\r\nContent-Length 10\r\n\r\n", malformed,
       DiagnosticId::missing_colon, 30},
      {"no colon after a name and a tab", "GET / HTTP/1.1\r\nA\t1\r\n\r\n", malformed,
       DiagnosticId::missing_colon, 17},
      {"a space inside a name, a colon later", "GET / HTTP/1.1\r\nA b: c\r\n\r\n", malformed,
       DiagnosticId::invalid_field_name, 17},
      {"name only", "GET / HTTP/1.1\r\nHost\r\n\r\n", malformed, DiagnosticId::missing_colon, 16},
      {"empty name", "GET / HTTP/1.1\r\n: a\r\n\r\n", malformed, DiagnosticId::invalid_field_name,
       16},
      {"bad name byte", "GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", malformed,
       DiagnosticId::invalid_field_name, 18},
      {"NUL in value", std::string("GET / HTTP/1.1\r\nA: x\0y\r\n\r\n", 27), malformed,
       DiagnosticId::control_byte_in_value, 20},
      {"ESC in value", "GET / HTTP/1.1\r\nA: \x1b[31m\r\n\r\n", malformed,
       DiagnosticId::control_byte_in_value, 19},
      {"DEL in value", "GET / HTTP/1.1\r\nA: \x7f\r\n\r\n", malformed,
       DiagnosticId::control_byte_in_value, 19},
      {"bad method byte", "GE(T / HTTP/1.1\r\n\r\n", malformed, DiagnosticId::invalid_method, 2},
      {"tab after method", "GET\t/ HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 3},
      {"two spaces after method", "GET  / HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 4},
      {"no version (HTTP/0.9)", "GET /\r\n\r\n", malformed, DiagnosticId::malformed_request_line,
       5},
      {"method only", "GET\r\n\r\n", malformed, DiagnosticId::malformed_request_line, 3},
      {"space in target", "GET /a b HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"fragment in target", "GET /a#b HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"non-ASCII in target", "GET /\xc3\xa9 HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 5},
      {"asterisk-form, for the engine to refuse on a GET", "GET * HTTP/1.1\r\n\r\n", std::nullopt},
      {"asterisk-form of OPTIONS", "OPTIONS * HTTP/1.1\r\n\r\n", std::nullopt},
      {"HTTP/2 preface: the SM line is data after the headers", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
       std::nullopt},
      {"not quite the asterisk-form", "GET *x HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 4},
      {"authority-form on a GET", "GET host:80 HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::authority_form_target, 4},
      {"authority-form with an IP literal on a GET", "GET [::1]:80 HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::authority_form_target, 4},
      {"authority-form with an IPv4 address on a GET", "GET 127.0.0.1:80 HTTP/1.1\r\n\r\n",
       malformed, DiagnosticId::authority_form_target, 4},
      {"authority-form of CONNECT", "CONNECT host:443 HTTP/1.1\r\n\r\n", std::nullopt},
      {"authority-form of CONNECT, IP literal", "CONNECT [::1]:443 HTTP/1.1\r\n\r\n", std::nullopt},
      {"absolute-form with an IP literal", "GET ws://[::1]:80/chat?a=[] HTTP/1.1\r\n\r\n",
       malformed, DiagnosticId::invalid_request_target, 25},
      {"absolute-form with an IP literal and a query",
       "GET ws://[::1]:80/chat?a=1 HTTP/1.1\r\n\r\n", std::nullopt},
      {"absolute-form without authority", "GET urn:x:y HTTP/1.1\r\n\r\n", std::nullopt},
      {"userinfo in absolute-form", "GET ws://user:pass@h/chat HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::userinfo_in_target, 9},
      {"empty userinfo", "GET ws://@h/ HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::userinfo_in_target, 9},
      {"'@' in the path, not userinfo", "GET ws://h/a@b?c@d HTTP/1.1\r\n\r\n", std::nullopt},
      {"'[' in a path", "GET /a[0] HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"']' in the path of absolute-form", "GET ws://h/a] HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 12},
      {"every pchar, '/' and '?'", "GET /az-._~!$&'()*+,;=:@AZ09/?/?%41%7e HTTP/1.1\r\n\r\n",
       std::nullopt},
      {"'%' without hex digits", "GET /a%zz HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"'%' with one hex digit", "GET /a%4 HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"'%' at the end of the target", "GET /a% HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"'%' at the end of the line", "GET /a%\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 6},
      {"a space after the version", "GET / HTTP/1.1 \r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 14},
      {"a tab after the version", "GET / HTTP/1.1\t\r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 14},
      {"a space after HTTP/1.0", "GET / HTTP/1.0 \r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 14},
      {"two spaces before the version", "GET /  HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::malformed_request_line, 6},
      {"bare CR after the version, then a space", "GET /a HTTP/1.1\r X\r\n\r\n", malformed,
       DiagnosticId::bare_cr, 15},
      {"bare CR after the version", "GET /a HTTP/1.1\r\r\n\r\n", malformed, DiagnosticId::bare_cr,
       15},
      {"two bare CRs before the version", "GET /a\r\rHTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::bare_cr, 6},
      {"bare CR inside the version", "GET / HT\rTP/1.1\r\n\r\n", malformed, DiagnosticId::bare_cr,
       8},
      {"header block without its request line", "Host: a\r\nUpgrade: websocket\r\n\r\n", malformed,
       DiagnosticId::missing_request_line, 0},
      {"header block without its request line, after a blank line", "\r\nHost: a\r\n\r\n",
       malformed, DiagnosticId::missing_request_line, 2},
      {"header block without its request line, LF only", "Sec-WebSocket-Key: x\n\n", malformed,
       DiagnosticId::missing_request_line, 0},
      {"a colon right after the method is no header field", ":x / HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_method, 0},
      {"relative target", "GET chat HTTP/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_request_target, 4},
      {"lower-case version", "GET / http/1.1\r\n\r\n", malformed,
       DiagnosticId::invalid_http_version, 6},
      {"version without minor", "GET / HTTP/1\r\n\r\n", malformed,
       DiagnosticId::invalid_http_version, 12},
      {"version with two digits", "GET / HTTP/1.10\r\n\r\n", malformed,
       DiagnosticId::invalid_http_version, 14},
  };
  for (const ParseRow& row : rows) {
    CAPTURE(row.rule);
    CAPTURE(row.input);
    const ExactBuffer buffer(row.input);
    const auto result = parse_request(buffer.view(), ParseOptions{});
    if (!row.kind) {
      CHECK(result.has_value());
      continue;
    }
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == *row.kind);
    CHECK(result.error().id == row.id);
    CHECK(result.error().offset == row.offset);
    CHECK_FALSE(result.error().message.empty());
  }
}

TEST_CASE("http::parse_request refuses each byte RFC 3986 leaves out of a request target") {
  // Every byte that is neither pchar, '/', '?' nor the '%' of pct-encoded (RFC 3986 3.3, 3.4),
  // with its percent-encoding in the message (RFC 9112 3.2: a server should answer 400).
  for (const char c : std::string_view("\"\\|{}^`<>")) {
    const std::string input = std::string("GET /a") + c + "b HTTP/1.1\r\n\r\n";
    CAPTURE(input);
    const ExactBuffer buffer(input);
    const auto result = parse_request(buffer.view(), ParseOptions{});
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().id == DiagnosticId::invalid_request_target);
    CHECK(result.error().offset == 6);
    const std::string encoded = fmt::format("%{:02X}", static_cast<unsigned>(c));
    CHECK(result.error().message.find("percent-encode it as " + encoded) != std::string::npos);
  }
}

TEST_CASE("http::parse_request names the trailing space, the bare CR and the missing line") {
  const ExactBuffer trailing("GET /chat HTTP/1.1 \r\nHost: a\r\n\r\n");
  auto result = parse_request(trailing.view(), ParseOptions{});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message ==
        "a space after the HTTP version; the request line ends right after HTTP/1.1");

  const ExactBuffer pasted("Host: a\r\nUpgrade: websocket\r\n\r\n");
  result = parse_request(pasted.view(), ParseOptions{});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("(Host:)") != std::string::npos);

  const ExactBuffer no_colon("GET / HTTP/1.1\r\nContent-Length 10\r\n\r\n");
  result = parse_request(no_colon.view(), ParseOptions{});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().header == "Content-Length");
  CHECK(result.error().message ==
        "no colon after the field name `Content-Length`; expected `Content-Length: value`");

  const ExactBuffer authority("GET example.com:80 HTTP/1.1\r\n\r\n");
  result = parse_request(authority.view(), ParseOptions{});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("only CONNECT") != std::string::npos);
}

TEST_CASE("http::parse_request records where the empty line that ends the block begins") {
  struct EndRow {
    std::string input;
    std::size_t empty_line_at;
    std::size_t header_size;
  };
  const EndRow rows[] = {
      {"GET / HTTP/1.1\r\nHost: a\r\n\r\n", 25, 27},
      {"GET / HTTP/1.1\nHost: a\n\n", 23, 24},
      {"GET / HTTP/1.1\nHost: a\n\r\n", 23, 25},
      {"GET / HTTP/1.1\r\nHost: a\r\n\n", 25, 26},
      {"\r\n\nGET / HTTP/1.1\r\n\r\nbody\r\n\r\n", 19, 21},
      {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 16, 18},
  };
  for (const EndRow& row : rows) {
    CAPTURE(row.input);
    const ExactBuffer buffer(row.input);
    const auto result = parse_request(buffer.view(), ParseOptions{});
    REQUIRE(result.has_value());
    CHECK(result->empty_line_at == row.empty_line_at);
    CHECK(result->header_size == row.header_size);
  }
  ParseOptions truncated;
  truncated.allow_truncated = true;
  for (const std::string_view input : {"GET / HTTP/1.1\r\nHost: a\r\n", "GET / HTTP/1.1\r\nHost: a",
                                       "GET / HTTP/1.1\r\nHost: a\r"}) {
    CAPTURE(input);
    const ExactBuffer buffer(input);
    const auto result = parse_request(buffer.view(), truncated);
    REQUIRE(result.has_value());
    CHECK(result->empty_line_at == input.size());
    CHECK(result->header_size == input.size());
  }
}

TEST_CASE("http::parse_request reads a field line alike wherever it lies in the input") {
  // The usual lines are read sixteen bytes at a time and the others byte by byte; each line
  // here is tried at every offset from a chunk boundary and up to the end of the input.
  struct LineRow {
    std::string line;
    std::string_view value; // when it is read
    std::optional<DiagnosticId> id;
    std::size_t offset = 0; // of the error, from the start of the line
  };
  const LineRow rows[] = {
      {"Sec-WebSocket-Extensions: permessage-deflate", "permessage-deflate", std::nullopt},
      {"A-Field-Name-Of-More-Than-Thirty-Two-Bytes:x", "x", std::nullopt},
      {"A_b: c", "c", std::nullopt},
      {"A:  b  ", "b", std::nullopt},
      {"A: b\tc", "b\tc", std::nullopt},
      {"A: " + std::string(40, 'x') + ":", {}, std::nullopt},
      {"A: b\rc", {}, DiagnosticId::bare_cr, 4},
      {"A: " + std::string(40, 'x') + "\x01", {}, DiagnosticId::control_byte_in_value, 43},
      {"A: \x7f", {}, DiagnosticId::control_byte_in_value, 3},
      {"Ab\x80: c", {}, DiagnosticId::invalid_field_name, 2},
      {"A : c", {}, DiagnosticId::whitespace_before_colon, 1},
      {"A b: c", {}, DiagnosticId::invalid_field_name, 1},
      {": c", {}, DiagnosticId::invalid_field_name, 0},
      {"Abc", {}, DiagnosticId::missing_colon, 0},
  };
  for (const LineRow& row : rows) {
    for (std::size_t pad = 0; pad < 34; ++pad) {
      const std::string head = "GET / HTTP/1.1\r\nX: " + std::string(pad, 'p') + "\r\n";
      const ExactBuffer buffer(head + row.line + "\r\n\r\n");
      CAPTURE(row.line);
      CAPTURE(pad);
      const auto result = parse_request(buffer.view(), ParseOptions{});
      if (row.id) {
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().id == *row.id);
        CHECK(result.error().offset == head.size() + row.offset);
        continue;
      }
      REQUIRE(result.has_value());
      REQUIRE(result->fields.size() == 2);
      CHECK(result->fields[1].name == row.line.substr(0, row.line.find(':')));
      if (!row.value.empty()) {
        CHECK(result->fields[1].value == row.value);
      }
    }
  }
}

TEST_CASE("http::parse_request keeps every token as a view into the input") {
  const ExactBuffer buffer("GET /chat?x=1 HTTP/1.1\r\nHost:  a.example:80 \r\nX-Empty:\r\n\r\n");
  const auto result = parse_request(buffer.view(), ParseOptions{});
  REQUIRE(result.has_value());
  const Request& request = *result;
  CHECK(request.method == "GET");
  CHECK(request.target == "/chat?x=1");
  CHECK(request.version == "HTTP/1.1");
  CHECK(request.version_major() == 1);
  CHECK(request.version_minor() == 1);
  REQUIRE(request.fields.size() == 2);
  CHECK(request.fields[0].name == "Host");
  CHECK(request.fields[0].value == "a.example:80"); // OWS trimmed on both sides
  CHECK(request.offset_of(request.fields[0].value) == 31);
  CHECK(request.fields[1].value.empty());
  CHECK(request.header_size == buffer.view().size());
  CHECK(request.bytes_after_headers() == 0);
  CHECK(request.diagnostics.empty());
  for (const Field& field : request.fields) {
    CHECK(field.name.data() >= buffer.view().data());
    CHECK(field.value.data() + field.value.size() <= buffer.view().data() + buffer.view().size());
  }
}

TEST_CASE("http::parse_request accepts LF line endings with a warning") {
  const ExactBuffer buffer("GET / HTTP/1.1\nHost: a\n\n");
  const auto result = parse_request(buffer.view(), ParseOptions{});
  REQUIRE(result.has_value());
  REQUIRE(result->diagnostics.size() == 1);
  CHECK(result->diagnostics[0].id == DiagnosticId::lf_line_endings);
  CHECK(result->diagnostics[0].offset == 14);
  CHECK(result->fields.size() == 1);
}

TEST_CASE("http::parse_request counts bytes after the header block without parsing them") {
  const ExactBuffer buffer("GET / HTTP/1.1\r\nHost: a\r\n\r\n\x81\x80junk\r\n\r\n");
  ParseOptions options;
  const auto exact = parse_request(buffer.view(), options);
  REQUIRE(exact.has_value());
  CHECK(exact->bytes_after_headers() == 10);
  REQUIRE(exact->diagnostics.size() == 1);
  CHECK(exact->diagnostics[0].id == DiagnosticId::data_after_headers);
  CHECK(exact->diagnostics[0].offset == 27);
  CHECK(exact->diagnostics[0].message.starts_with("10 bytes"));
  options.more_input_unread = true;
  const auto lower_bound = parse_request(buffer.view(), options);
  CHECK(lower_bound->diagnostics[0].message.starts_with("at least 10 bytes"));
}

TEST_CASE("http::parse_request with allow_truncated treats the end as the end of the headers") {
  const ExactBuffer buffer("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket");
  ParseOptions options;
  options.allow_truncated = true;
  const auto result = parse_request(buffer.view(), options);
  REQUIRE(result.has_value());
  CHECK(result->fields.size() == 2);
  CHECK(result->fields[1].value == "websocket");
  REQUIRE(result->diagnostics.size() == 1);
  CHECK(result->diagnostics[0].id == DiagnosticId::truncated_request);
}

TEST_CASE("http::parse_request enforces its limits") {
  ParseOptions options;
  options.max_header_bytes = 64;
  const std::string big = "GET / HTTP/1.1\r\nA: " + std::string(100, 'x') + "\r\n\r\n";
  const ExactBuffer over(big);
  auto result = parse_request(over.view(), options);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == ParseErrorKind::too_large);
  CHECK(result.error().id == DiagnosticId::header_block_too_large);

  const ExactBuffer endless(std::string(200, 'x'));
  result = parse_request(endless.view(), options);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == ParseErrorKind::too_large);
  CHECK(result.error().offset == 64);

  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 257; ++i) {
    many += "A: b\r\n";
  }
  many += "\r\n";
  const ExactBuffer fields(many);
  result = parse_request(fields.view(), ParseOptions{});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == ParseErrorKind::too_large);
  CHECK(result.error().id == DiagnosticId::too_many_fields);
  CHECK(result.error().offset == 16 + 256 * 6);
}

TEST_CASE("http::parse_request decides the bytes at the class boundaries at every chunk offset") {
  // The SSE2 searches pass over sixteen bytes at a time and the table decides each candidate;
  // each byte at a class boundary is tried at every offset from the start of a line, up to the
  // end of the input (where the last sixteen bytes are loaded again, overlapping), in a field
  // value, a field name and the request target. WSH_SIMD=OFF runs the same rows byte by byte.
  struct BoundaryRow {
    char byte;
    std::optional<DiagnosticId> in_value; // nothing: accepted
    std::optional<DiagnosticId> in_name;
    std::optional<DiagnosticId> in_target;
  };
  using enum DiagnosticId;
  const BoundaryRow rows[] = {
      {'\x1f', control_byte_in_value, invalid_field_name, invalid_request_target},
      {'\x20', std::nullopt, invalid_field_name, invalid_request_target},
      {'\x7e', std::nullopt, std::nullopt, std::nullopt},
      {'\x7f', control_byte_in_value, invalid_field_name, invalid_request_target},
      {'\x80', std::nullopt, invalid_field_name, invalid_request_target},
      {'\xff', std::nullopt, invalid_field_name, invalid_request_target},
      {'\t', std::nullopt, invalid_field_name, invalid_request_target},
  };
  const auto check = [](const std::string& input, std::size_t offset,
                        std::optional<DiagnosticId> id) {
    const ExactBuffer buffer(input);
    const auto result = parse_request(buffer.view(), ParseOptions{});
    if (!id) {
      CHECK(result.has_value());
      return;
    }
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().id == *id);
    CHECK(result.error().offset == offset);
  };
  const std::string request_line = "GET / HTTP/1.1\r\n";
  for (const BoundaryRow& row : rows) {
    CAPTURE(static_cast<int>(static_cast<unsigned char>(row.byte)));
    for (std::size_t at = 0; at < 48; ++at) {
      CAPTURE(at);
      for (const std::string_view after :
           {"\r\n\r\n", "\r\nX-After: 0123456789abcdef0123\r\n\r\n"}) {
        CAPTURE(after);
        // "Va:" then `at` bytes of value before the byte, then two more.
        const std::string value = "Va:" + std::string(at, 'v') + row.byte + "vv";
        check(request_line + value + std::string(after), request_line.size() + 3 + at,
              row.in_value);
        // The byte inside a name of `at` + 1 letters before it.
        const std::string name = "N" + std::string(at, 'n') + row.byte + "n: v";
        check(request_line + name + std::string(after), request_line.size() + 1 + at, row.in_name);
        // The byte inside a path of `at` + 1 letters after the '/'.
        const std::string target =
            "GET /" + std::string(at, 't') + row.byte + "t HTTP/1.1" + std::string(after);
        check(target, 5 + at, row.in_target);
      }
    }
  }
}
