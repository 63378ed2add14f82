#pragma once

#include "diagnostics/Catalogue.hpp"
#include "servers/MessageTemplate.hpp"
#include "servers/ServerProfile.hpp"

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wsh::servers {

// One field line as the server kept it: the name as written, the value stripped as its reader
// strips values.
struct ServerField {
  std::string name;
  std::string value;
};

// The request as one server's HTTP layer read it: the request line split its way, the fields
// after its repairs, and where the head ends for it.
struct ServerRequest {
  std::string request_line;
  std::string method;
  std::string target;
  std::string version;
  std::vector<ServerField> fields;
  // The head in the input, as the server delimits it, and the bytes that came after it.
  std::string_view head;
  std::string_view after;
  // False when the reader met a fault the profile does not model.
  bool claimed = true;
};

// A refusal decided while reading: the answer, the values its templates name, the server's rule
// (used when the RFC allows the request) and the engine diagnostics that mean the RFC refuses it
// for the same reason.
struct ReadRefusal {
  Refusal refusal;
  MessageValues values;
  std::string_view cause;
  std::span<const diagnostics::DiagnosticId> rfc{};
  bool claimed = true;
};

// Reads `input` as `http` reads a request: finds the end of the head, applies the size limits,
// splits the request line, then reads the field lines with the engine's parser, repairing each
// fault the way the server does (unfold, trim a name, keep a byte, drop a line) or refusing.
std::variant<ServerRequest, ReadRefusal> read_request(const HttpReading& http,
                                                      std::string_view input);

// The form of a request-target (RFC 9112 3.2): origin, absolute, authority, asterisk, or
// relative (none of these: `ws`).
std::string_view target_form(std::string_view target);

} // namespace wsh::servers
