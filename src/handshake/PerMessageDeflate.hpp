#pragma once

#include "handshake/ExtensionList.hpp"
#include "util/Expected.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// The registered name of the extension RFC 7692 defines.
inline constexpr std::string_view k_permessage_deflate = "permessage-deflate";

// The four parameters of permessage-deflate (RFC 7692 7.1), read from an offer or a response.
struct DeflateParameters {
  bool server_no_context_takeover = false;
  bool client_no_context_takeover = false;
  // server_max_window_bits=N: the largest LZ77 window the server may use (RFC 7692 7.1.2.1).
  std::optional<int> server_max_window_bits;
  // client_max_window_bits, with or without a value (RFC 7692 7.1.2.2).
  bool has_client_max_window_bits = false;
  std::optional<int> client_max_window_bits;
};

// Which side wrote the parameters: an offer may carry client_max_window_bits without a value,
// a response may not.
enum class DeflateRole { offer, response };

// Why parameters are not valid permessage-deflate parameters (RFC 7692 7.1): what, and which
// parameter (its index in Extension::parameters, or npos for the extension as a whole).
struct DeflateParameterError {
  enum class Kind { unknown_parameter, duplicate_parameter, invalid_value, missing_value };
  Kind kind = Kind::unknown_parameter;
  std::size_t parameter = std::string_view::npos;
  std::string message;
};

// Reads the parameters of one permessage-deflate element. Reading is separate from answering:
// an offer that fails here is one the server must decline, not a reason to fail (RFC 7692 5).
util::Expected<DeflateParameters, DeflateParameterError>
read_deflate_parameters(const Extension& extension, DeflateRole role);

// A rule of RFC 7692 7.1.1/7.1.2 that a response breaks for a given offer.
enum class DeflateViolation {
  missing_server_no_context_takeover, // 7.1.1.1: offered, so the response must carry it
  server_window_missing_or_larger,    // 7.1.2.1: offered =N, the response needs a value <= N
  client_window_not_offered,          // 7.1.2.2: not offered, so the response must not carry it
  client_window_larger,               // 7.1.2.2: larger than the offered value
};

// Every rule the response breaks as an answer to the offer (empty when it is a valid answer).
std::vector<DeflateViolation> check_deflate_response(const DeflateParameters& offer,
                                                     const DeflateParameters& response);

// The server side of --negotiate-deflate: what the server is willing to do.
struct DeflateSettings {
  bool server_no_context_takeover = false;
  bool client_no_context_takeover = false;
  std::optional<int> server_max_window_bits;
  std::optional<int> client_max_window_bits;
};

// Reads SETTINGS: a comma-separated list of the four parameter names, window sizes as `=N`
// (e.g. `server_max_window_bits=10,client_no_context_takeover`). Empty means defaults.
util::Expected<DeflateSettings, std::string> parse_deflate_settings(std::string_view text);

// The response parameters that accept `offer` under `settings` (RFC 7692 7.1): echo
// server_no_context_takeover, answer server_max_window_bits with min(offer, setting), and limit
// the client's window only where the offer allows it.
DeflateParameters answer_deflate_offer(const DeflateParameters& offer,
                                       const DeflateSettings& settings);

// The parameters written as a Sec-WebSocket-Extensions element, in RFC 7692's order.
std::string format_deflate(const DeflateParameters& parameters);

} // namespace wsh::handshake
