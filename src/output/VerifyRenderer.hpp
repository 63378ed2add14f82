#pragma once

#include "clients/Prediction.hpp"
#include "handshake/ClientHandshake.hpp"
#include "output/JsonWriter.hpp"
#include "output/Source.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wsh::output {

// One client's verdict for `verify`: RFC 6455's own (`rfc`, no prediction) or a real client's.
struct ClientVerdict {
  std::string_view name;
  // Absent for `rfc`, whose verdict is the outcome's.
  const clients::Prediction* prediction = nullptr;
};

// The two inputs of `verify`.
struct VerifySources {
  Source request;
  Source response;
};

// Whether `verdict` says the connection opens: the RFC's verdict for `rfc`, else the
// prediction's.
bool opens(const ClientVerdict& verdict, const handshake::ClientOutcome& outcome);

// For standard error: the response's diagnostics, then (when the status is not 101, or the
// request itself breaks a rule) the request's as a server reads it, so the person sees whether
// the request explains a refusal; then a one-line summary. Bytes from the inputs are escaped.
std::string render_verify_diagnostics(const handshake::ClientOutcome& outcome,
                                      const VerifySources& sources,
                                      const std::vector<ClientVerdict>& verdicts, bool color);

// For standard output: one line per client, `NAME: opens` or `NAME: fails: MESSAGE`, the
// message as that client prints it (valid UTF-8 kept, controls escaped).
std::string render_verify_clients(const handshake::ClientOutcome& outcome,
                                  const std::vector<ClientVerdict>& verdicts);

// A response judged against its request with every client's verdict: what `verify` prints, and
// what a server-side result carries as `verify` when its capture (HAR, curl, pcap) holds the
// response.
struct ResponseJudgement {
  const handshake::ClientOutcome& outcome;
  VerifySources sources;
  const std::vector<ClientVerdict>& verdicts;
};

// The members of render_verify_json's object but schema_version and command, which name a verify
// result, into the object `json` has open.
void write_verify_members(JsonWriter& json, const ResponseJudgement& judged);

// One JSON object (schema in man/ws-handshake.1, JSON OUTPUT, and the published schema):
// the verdicts, the response and the request as read, both lists of diagnostics, and a
// `clients` object.
std::string render_verify_json(const handshake::ClientOutcome& outcome,
                               const VerifySources& sources,
                               const std::vector<ClientVerdict>& verdicts);

// The request's diagnostics that are about the request itself (reading it and RFC 6455
// 4.2.1), not about the server's choices, which verify does not make.
std::vector<diagnostics::Diagnostic> request_rule_diagnostics(const handshake::Outcome& request);

} // namespace wsh::output
