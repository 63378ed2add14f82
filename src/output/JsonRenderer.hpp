#pragma once

#include "handshake/Outcome.hpp"
#include "output/JsonWriter.hpp"
#include "output/ServersRenderer.hpp"
#include "output/Source.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace wsh::output {

struct ResponseJudgement; // output/VerifyRenderer.hpp

// Version of the JSON schema below; raised only when a field changes meaning or goes away.
inline constexpr int k_json_schema_version = 1;

// Where one result sits in a batch (--batch, --har): its number from 1, the byte offset of
// the request in the stream, and for a HAR entry its URL and start time.
struct BatchPosition {
  std::size_t index = 1;
  std::uint64_t offset = 0;
  std::string_view url;
  std::string_view started;
  // For a HAR: the entry's index in log.entries (then `offset` means nothing).
  std::optional<std::size_t> har_entry;
};

// One diagnostic as a JSON object: id, severity, message, line, column, offset, header,
// reference, consequence, hint (the members every JSON result uses).
void write_diagnostic_json(JsonWriter& json, const diagnostics::Diagnostic& diagnostic,
                           const Source& source);

// The request as read, as a JSON object: method, target, version, header_bytes,
// bytes_after_headers, and its fields with their lines.
void write_request_json(JsonWriter& json, const http::Request& request, const Source& source);

// One JSON object describing the outcome (schema in man/ws-handshake.1, JSON OUTPUT), followed
// by a newline; in a batch it starts with the result's position; with --server it ends with the
// servers' verdicts, and with `response` (a capture that holds the server's response) with that
// response judged, as `verify`. Bytes from the input that are not valid UTF-8 become U+FFFD.
std::string render_json(const handshake::Outcome& outcome, const Source& source,
                        JsonLayout layout = JsonLayout::pretty,
                        const BatchPosition* position = nullptr,
                        std::span<const ServerVerdict> servers = {},
                        const ResponseJudgement* response = nullptr);

// The same, appended to `out`, as a batch writes its output block.
void render_json_to(std::string& out, const handshake::Outcome& outcome, const Source& source,
                    JsonLayout layout = JsonLayout::pretty, const BatchPosition* position = nullptr,
                    std::span<const ServerVerdict> servers = {},
                    const ResponseJudgement* response = nullptr);

} // namespace wsh::output
