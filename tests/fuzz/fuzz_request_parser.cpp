// libFuzzer target: http::parse_request on arbitrary bytes, under the default options and under
// lenient and tiny ones, so raw captures (samples/) serve as seeds without an options prefix.
// Invariants: every view lies inside the input, a request that was read has the shape the
// grammar promises, an error names a position inside the input and the right kind, the header
// block ends where find_header_end says with its empty line where the request records it, and
// parse_request_into on a Request left over from another request (as a batch reuses it) reads
// exactly what a fresh parse reads.

#include "FuzzCheck.hpp"

#include "http/Grammar.hpp"
#include "http/RequestParser.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace {

using namespace wsh;
using diagnostics::DiagnosticId;

// Defaults; --allow-truncated; tiny limits with truncation; tiny limits without.
// A request that fills every vector of a reused Request before the input is read into it.
constexpr std::string_view k_previous_request =
    "GET /previous HTTP/1.1\nHost: previous.example\nUpgrade: websocket\nConnection: Upgrade\n"
    "Sec-WebSocket-Protocol: a, b\nX-1: 1\nX-2: 2\nX-3: 3\nX-4: 4\nX-5: 5\nX-6: 6\n\ntrailing";

const std::array<http::ParseOptions, 4> k_option_sets{{
    {65536, 256, false, false},
    {65536, 256, true, false},
    {128, 8, true, true},
    {128, 8, false, false},
}};

// The ids a malformed request is reported with (RFC 9112 grammar), none of the others.
bool is_malformed_id(DiagnosticId id) {
  switch (id) {
  case DiagnosticId::bare_cr:
  case DiagnosticId::malformed_request_line:
  case DiagnosticId::invalid_method:
  case DiagnosticId::invalid_request_target:
  case DiagnosticId::invalid_http_version:
  case DiagnosticId::obs_fold:
  case DiagnosticId::whitespace_before_colon:
  case DiagnosticId::missing_colon:
  case DiagnosticId::invalid_field_name:
  case DiagnosticId::control_byte_in_value:
  case DiagnosticId::missing_request_line:
  case DiagnosticId::authority_form_target:
  case DiagnosticId::userinfo_in_target:
    return true;
  default:
    return false;
  }
}

void check_request(std::string_view input, const http::ParseOptions& options,
                   const http::Request& request) {
  WSH_FUZZ_CHECK(request.input.data() == input.data() && request.input.size() == input.size());
  WSH_FUZZ_CHECK(fuzz::request_lies_inside(input.substr(0, request.header_size), request));
  WSH_FUZZ_CHECK(http::is_token(request.method));
  WSH_FUZZ_CHECK(!request.target.empty());
  WSH_FUZZ_CHECK(request.version.size() == 8 && request.version.starts_with("HTTP/") &&
                 request.version_major() >= 0 && request.version_major() <= 9 &&
                 request.version_minor() >= 0 && request.version_minor() <= 9);
  WSH_FUZZ_CHECK(request.header_size <= input.size());
  WSH_FUZZ_CHECK(request.header_size <= options.max_header_bytes);
  WSH_FUZZ_CHECK(request.fields.size() <= options.max_fields);
  WSH_FUZZ_CHECK(request.bytes_after_headers() == input.size() - request.header_size);
  const std::size_t header_end = http::find_header_end(input);
  if (header_end != std::string_view::npos) {
    WSH_FUZZ_CHECK(request.header_size == header_end);
    const std::string_view empty_line =
        input.substr(request.empty_line_at, request.header_size - request.empty_line_at);
    WSH_FUZZ_CHECK(empty_line == "\r\n" || empty_line == "\n");
  } else {
    WSH_FUZZ_CHECK(options.allow_truncated && request.header_size == input.size());
    WSH_FUZZ_CHECK(request.empty_line_at == input.size());
  }
  for (const http::Field& field : request.fields) {
    WSH_FUZZ_CHECK(http::is_token(field.name));
    WSH_FUZZ_CHECK(field.value == http::trim_ows(field.value));
    for (const char c : field.value) {
      const auto byte = static_cast<unsigned char>(c);
      WSH_FUZZ_CHECK((byte >= 0x20 || c == '\t') && byte != 0x7f);
    }
  }
  for (const diagnostics::Diagnostic& diagnostic : request.diagnostics) {
    WSH_FUZZ_CHECK(diagnostic.offset <= input.size());
    WSH_FUZZ_CHECK(diagnostic.severity != diagnostics::Severity::error);
    WSH_FUZZ_CHECK(!diagnostic.message.empty());
  }
}

void check_error(std::string_view input, const http::ParseError& error) {
  WSH_FUZZ_CHECK(error.offset <= input.size());
  WSH_FUZZ_CHECK(!error.message.empty());
  WSH_FUZZ_CHECK(error.header.empty() || fuzz::lies_inside(input, error.header));
  switch (error.kind) {
  case http::ParseErrorKind::incomplete:
    WSH_FUZZ_CHECK(error.id == DiagnosticId::empty_input ||
                   error.id == DiagnosticId::incomplete_request);
    WSH_FUZZ_CHECK((error.id == DiagnosticId::empty_input) == input.empty());
    break;
  case http::ParseErrorKind::too_large:
    WSH_FUZZ_CHECK(error.id == DiagnosticId::header_block_too_large ||
                   error.id == DiagnosticId::too_many_fields);
    break;
  case http::ParseErrorKind::malformed:
    WSH_FUZZ_CHECK(is_malformed_id(error.id));
    break;
  }
}

// parse_request_into over a reused Request agrees with a fresh parse, field by field.
void check_reuse(std::string_view input, const http::ParseOptions& options,
                 const util::Expected<http::Request, http::ParseError>& fresh) {
  http::Request reused;
  WSH_FUZZ_CHECK(!http::parse_request_into(k_previous_request, k_option_sets[1], reused));
  const std::optional<http::ParseError> error = http::parse_request_into(input, options, reused);
  WSH_FUZZ_CHECK(error.has_value() == !fresh.has_value());
  if (error) {
    const http::ParseError& expected = fresh.error();
    WSH_FUZZ_CHECK(error->kind == expected.kind && error->id == expected.id &&
                   error->offset == expected.offset && error->message == expected.message &&
                   error->header == expected.header);
    return;
  }
  const http::Request& expected = *fresh;
  WSH_FUZZ_CHECK(reused.input.data() == input.data() && reused.input.size() == input.size());
  WSH_FUZZ_CHECK(reused.method.data() == expected.method.data() &&
                 reused.method == expected.method && reused.target == expected.target &&
                 reused.version == expected.version);
  WSH_FUZZ_CHECK(reused.header_size == expected.header_size &&
                 reused.empty_line_at == expected.empty_line_at);
  WSH_FUZZ_CHECK(reused.fields.size() == expected.fields.size());
  for (std::size_t i = 0; i < reused.fields.size(); ++i) {
    WSH_FUZZ_CHECK(reused.fields[i].name.data() == expected.fields[i].name.data() &&
                   reused.fields[i].name == expected.fields[i].name);
    WSH_FUZZ_CHECK(reused.fields[i].value.data() == expected.fields[i].value.data() &&
                   reused.fields[i].value == expected.fields[i].value);
  }
  WSH_FUZZ_CHECK(reused.diagnostics.size() == expected.diagnostics.size());
  for (std::size_t i = 0; i < reused.diagnostics.size(); ++i) {
    WSH_FUZZ_CHECK(reused.diagnostics[i].id == expected.diagnostics[i].id &&
                   reused.diagnostics[i].offset == expected.diagnostics[i].offset &&
                   reused.diagnostics[i].message == expected.diagnostics[i].message);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t i = 0; i < k_option_sets.size(); ++i) {
    const http::ParseOptions& options = k_option_sets[i];
    const auto result = http::parse_request(input, options);
    if (result) {
      check_request(input, options, *result);
    } else {
      check_error(input, result.error());
    }
    // Reuse under the strict defaults and the lenient tiny limits: half the cost, both paths.
    if (i % 2 == 0) {
      check_reuse(input, options, result);
    }
  }
  return 0;
}
