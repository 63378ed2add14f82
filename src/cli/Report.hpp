#pragma once

#include "cli/Options.hpp"
#include "clients/ClientProfile.hpp"
#include "clients/Prediction.hpp"
#include "handshake/ClientHandshake.hpp"
#include "handshake/Outcome.hpp"
#include "output/CiRenderer.hpp"
#include "output/JsonRenderer.hpp"
#include "output/Source.hpp"
#include "util/Expected.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::cli {

// Writes all of `bytes` to `fd`. False (errno set) when the write failed or the reader left.
bool write_all(int fd, std::string_view bytes);

// Prints `ws-handshake: error: MESSAGE` on standard error.
void print_error(std::string_view message);

// Whether standard error gets colour under --color and NO_COLOR.
bool use_color(ColorWhen when);

// Whether render_outcome prints line numbers of its source for `outcome`, so a batch counts
// the lines of its stream only for results that name one.
inline bool renders_lines(const handshake::Outcome& outcome, const Options& options) {
  return options.format != Format::http || options.verbose || !outcome.diagnostics.empty();
}

// The exit status one outcome gives under --fail-on: 3 when the input could not be read
// (empty, incomplete, too large), 1 when a diagnostic is at least as severe as --fail-on, else
// 0 (with the default, 1 exactly when the handshake is refused).
int exit_status_of(const handshake::Outcome& outcome, const Options& options);

// With --server, the servers decide: 0 when every named server opens the connection, else 1;
// 3 still when the input could not be read. Without, exit_status_of.
int exit_status_with_servers(const handshake::Outcome& outcome, const Options& options,
                             std::span<const output::ServerVerdict> servers);

// `diagnostics` without those below --min-severity.
std::vector<diagnostics::Diagnostic>
shown_diagnostics(const std::vector<diagnostics::Diagnostic>& diagnostics, const Options& options);

// Appends one outcome in the chosen format: the result to `out` (standard output) and the
// diagnostics to `err` (standard error). `position` marks a result of a batch; `sarif` is the
// log a -f sarif run adds its results to (drained into `out`); `servers`, the verdicts of
// --server, go after the diagnostics in text and into the JSON result; `response`, a response
// the capture holds, judged, becomes the JSON result's `verify`. Diagnostics below
// --min-severity are left out of every format.
void render_outcome(const handshake::Outcome& outcome, const output::Source& source,
                    const Options& options, bool color, std::string& out, std::string& err,
                    const output::BatchPosition* position = nullptr,
                    output::SarifLog* sarif = nullptr,
                    std::span<const output::ServerVerdict> servers = {},
                    const output::ResponseJudgement* response = nullptr);

// A request under --redact: its bytes with each credential replaced by a same-length
// placeholder (output/Redaction), and the choices with any that named a credential (a JWT
// chosen with -p) redacted alike, so the engine can answer the redacted bytes.
struct RedactedRequest {
  std::string bytes;
  handshake::ServerChoices choices;
};

// Redacts `input` and checks that the engine gives the redacted bytes the same verdict and the
// same diagnostics at the same places as the original; otherwise a message saying so.
util::Expected<RedactedRequest, std::string> redact_request(std::string_view input,
                                                            const Options& options);

// What `profile`'s client does with the response of `outcome`; unclaimed when the request or
// the response could not be read, so there is nothing to predict from.
clients::Prediction predict_client(const clients::ClientProfile& profile,
                                   const handshake::ClientOutcome& outcome);

// A request and the response it got, under --redact: both with each credential replaced (a
// Set-Cookie too).
struct RedactedExchange {
  std::string request;
  std::string response;
};

// Both heads with each credential replaced and, under --redact=key, the response's
// Sec-WebSocket-Accept with them (output::redact_accept); `response` may be empty.
RedactedExchange redact_heads(std::string_view request, std::string_view response,
                              const Options& options);

// redact_heads, checked: the client-side check (handshake::verify_response) must give the
// redacted pair the same verdict and the same findings at the same places as the original;
// otherwise a message saying so.
util::Expected<RedactedExchange, std::string>
redact_exchange(std::string_view request, std::string_view response, const Options& options);

} // namespace wsh::cli
