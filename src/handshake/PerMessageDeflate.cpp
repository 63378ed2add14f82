#include "handshake/PerMessageDeflate.hpp"

#include "http/Grammar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wsh::handshake {

namespace {

using Kind = DeflateParameterError::Kind;

constexpr std::string_view k_server_no_context_takeover = "server_no_context_takeover";
constexpr std::string_view k_client_no_context_takeover = "client_no_context_takeover";
constexpr std::string_view k_server_max_window_bits = "server_max_window_bits";
constexpr std::string_view k_client_max_window_bits = "client_max_window_bits";

// The window-bits value: 1*DIGIT without leading zeros, 8 to 15 (RFC 7692 7.1.2.1, 7.1.2.2).
std::optional<int> read_window_bits(std::string_view text) {
  if (text.empty() || text.size() > 2 || text.front() == '0') {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  if (value < 8 || value > 15) {
    return std::nullopt;
  }
  return value;
}

// The four parameter names, in the order of RFC 7692 7.1.
constexpr std::array<std::string_view, 4> k_known_parameters = {
    k_server_no_context_takeover, k_client_no_context_takeover, k_server_max_window_bits,
    k_client_max_window_bits};

// The index of `name` in k_known_parameters, or its size for any other name.
std::size_t known_parameter(std::string_view name) {
  std::size_t i = 0;
  while (i < k_known_parameters.size() && name != k_known_parameters[i]) {
    ++i;
  }
  return i;
}

DeflateParameterError parameter_error(Kind kind, std::size_t index, std::string message) {
  return DeflateParameterError{kind, index, std::move(message)};
}

} // namespace

util::Expected<DeflateParameters, DeflateParameterError>
read_deflate_parameters(const Extension& extension, DeflateRole role) {
  DeflateParameters parameters;
  // Bit i is set once k_known_parameters[i] has been read.
  unsigned seen = 0;
  for (std::size_t i = 0; i < extension.parameters.size(); ++i) {
    const ExtensionParameter& parameter = extension.parameters[i];
    const std::string_view name = parameter.name;
    const std::size_t known = known_parameter(name);
    if (known == k_known_parameters.size()) {
      return util::unexpected(parameter_error(
          Kind::unknown_parameter, i,
          fmt::format("{} is not a permessage-deflate parameter (RFC 7692 7.1)", name)));
    }
    if ((seen & (1U << known)) != 0) {
      return util::unexpected(parameter_error(Kind::duplicate_parameter, i,
                                              fmt::format("{} appears twice (RFC 7692 7)", name)));
    }
    seen |= 1U << known;
    if (known < 2) {
      if (parameter.has_value) {
        return util::unexpected(parameter_error(
            Kind::invalid_value, i, fmt::format("{} takes no value (RFC 7692 7.1.1)", name)));
      }
      (known == 0 ? parameters.server_no_context_takeover : parameters.client_no_context_takeover) =
          true;
      continue;
    }
    std::optional<int> bits;
    if (parameter.has_value) {
      bits = read_window_bits(parameter.unquoted_value());
      if (!bits) {
        return util::unexpected(parameter_error(
            Kind::invalid_value, i,
            fmt::format("{}={} is not a window size: 8 to 15, no leading zero (RFC 7692 7.1.2)",
                        name, parameter.unquoted_value())));
      }
    }
    if (known == 2) {
      if (!bits) {
        return util::unexpected(
            parameter_error(Kind::missing_value, i,
                            "server_max_window_bits needs a value, 8 to 15 (RFC 7692 7.1.2.1)"));
      }
      parameters.server_max_window_bits = bits;
    } else {
      if (!bits && role == DeflateRole::response) {
        return util::unexpected(parameter_error(
            Kind::missing_value, i,
            "client_max_window_bits in a response needs a value, 8 to 15 (RFC 7692 7.1.2.2)"));
      }
      parameters.has_client_max_window_bits = true;
      parameters.client_max_window_bits = bits;
    }
  }
  return parameters;
}

std::vector<DeflateViolation> check_deflate_response(const DeflateParameters& offer,
                                                     const DeflateParameters& response) {
  std::vector<DeflateViolation> violations;
  if (offer.server_no_context_takeover && !response.server_no_context_takeover) {
    violations.push_back(DeflateViolation::missing_server_no_context_takeover);
  }
  if (offer.server_max_window_bits &&
      (!response.server_max_window_bits ||
       *response.server_max_window_bits > *offer.server_max_window_bits)) {
    violations.push_back(DeflateViolation::server_window_missing_or_larger);
  }
  if (response.has_client_max_window_bits) {
    if (!offer.has_client_max_window_bits) {
      violations.push_back(DeflateViolation::client_window_not_offered);
    } else if (offer.client_max_window_bits && response.client_max_window_bits &&
               *response.client_max_window_bits > *offer.client_max_window_bits) {
      violations.push_back(DeflateViolation::client_window_larger);
    }
  }
  return violations;
}

util::Expected<DeflateSettings, std::string> parse_deflate_settings(std::string_view text) {
  DeflateSettings settings;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view item = http::trim_ows(text.substr(start, end - start));
    start = end + 1;
    if (item.empty()) {
      continue;
    }
    const std::size_t equals = item.find('=');
    const std::string_view name = http::trim_ows(item.substr(0, equals));
    if (name == k_server_no_context_takeover || name == k_client_no_context_takeover) {
      if (equals != std::string_view::npos) {
        return util::unexpected(fmt::format("{} takes no value", name));
      }
      (name == k_server_no_context_takeover ? settings.server_no_context_takeover
                                            : settings.client_no_context_takeover) = true;
      continue;
    }
    if (name == k_server_max_window_bits || name == k_client_max_window_bits) {
      const std::optional<int> bits =
          equals == std::string_view::npos
              ? std::nullopt
              : read_window_bits(http::trim_ows(item.substr(equals + 1)));
      if (!bits || *bits == 8) {
        return util::unexpected(
            fmt::format("{} needs a value from 9 to 15, as {}=10 (zlib cannot use an 8-bit window)",
                        name, name));
      }
      (name == k_server_max_window_bits ? settings.server_max_window_bits
                                        : settings.client_max_window_bits) = bits;
      continue;
    }
    return util::unexpected(fmt::format(
        "`{}` is not a permessage-deflate setting; use server_no_context_takeover, "
        "client_no_context_takeover, server_max_window_bits=N or client_max_window_bits=N",
        item));
  }
  return settings;
}

DeflateParameters answer_deflate_offer(const DeflateParameters& offer,
                                       const DeflateSettings& settings) {
  DeflateParameters response;
  response.server_no_context_takeover =
      offer.server_no_context_takeover || settings.server_no_context_takeover;
  response.client_no_context_takeover = settings.client_no_context_takeover;
  if (offer.server_max_window_bits || settings.server_max_window_bits) {
    response.server_max_window_bits = std::min(offer.server_max_window_bits.value_or(15),
                                               settings.server_max_window_bits.value_or(15));
  }
  const int client_bits = std::min(offer.client_max_window_bits.value_or(15),
                                   settings.client_max_window_bits.value_or(15));
  // A client window of 8 is left out rather than answered: zlib cannot use it (the offer's
  // own value still binds the client, RFC 7692 7.1.2.2).
  if (offer.has_client_max_window_bits && settings.client_max_window_bits && client_bits > 8) {
    response.has_client_max_window_bits = true;
    response.client_max_window_bits = client_bits;
  }
  return response;
}

std::string format_deflate(const DeflateParameters& parameters) {
  std::string out(k_permessage_deflate);
  if (parameters.server_no_context_takeover) {
    out += "; server_no_context_takeover";
  }
  if (parameters.client_no_context_takeover) {
    out += "; client_no_context_takeover";
  }
  if (parameters.server_max_window_bits) {
    out += fmt::format("; server_max_window_bits={}", *parameters.server_max_window_bits);
  }
  if (parameters.has_client_max_window_bits) {
    out += "; client_max_window_bits";
    if (parameters.client_max_window_bits) {
      out += fmt::format("={}", *parameters.client_max_window_bits);
    }
  }
  return out;
}

} // namespace wsh::handshake
