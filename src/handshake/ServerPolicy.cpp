#include "handshake/ServerPolicy.hpp"

#include "handshake/ExtensionList.hpp"
#include "http/Host.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

namespace {

ExtensionChoice read_extension_choice(const std::string& given) {
  ExtensionChoice choice;
  choice.given = given;
  std::vector<Extension> parsed;
  if (const auto error = parse_extension_list(given, parsed)) {
    choice.error = fmt::format("the chosen extension `{}`: {}", given, error->message);
    return choice;
  }
  if (parsed.size() != 1) {
    choice.error =
        fmt::format("`{}` names {} extensions; give each its own -e", given, parsed.size());
    return choice;
  }
  const Extension& extension = parsed.front();
  choice.name = std::string(extension.name);
  choice.element = std::string(extension.text);
  choice.canonical = format_extension(extension);
  if (extension.name == k_permessage_deflate) {
    choice.deflate = read_deflate_parameters(extension, DeflateRole::response);
  }
  return choice;
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

} // namespace

std::optional<unsigned long> port_number(std::string_view digits) {
  if (digits.empty()) {
    return std::nullopt;
  }
  constexpr unsigned long k_saturated = 1000000;
  unsigned long port = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') {
      return k_saturated;
    }
    port = std::min(port * 10 + static_cast<unsigned long>(c - '0'), k_saturated);
  }
  return port;
}

std::string origin_key(std::string_view origin) {
  std::string key = lowercase(origin);
  if (!key.empty() && key.back() == '/') {
    key.pop_back();
  }
  const std::size_t scheme_end = key.find("://");
  if (scheme_end == std::string::npos) {
    return key; // `null`, or something no browser sends: compared as written
  }
  const std::string_view scheme = std::string_view(key).substr(0, scheme_end);
  const http::Authority authority =
      http::split_authority(std::string_view(key).substr(scheme_end + 3));
  const std::optional<unsigned long> port =
      authority.port ? port_number(*authority.port) : std::nullopt;
  const bool secure = scheme == "https" || scheme == "wss";
  const bool plain = scheme == "http" || scheme == "ws";
  if (authority.port && (!port || (secure && *port == 443) || (plain && *port == 80))) {
    key.resize(scheme_end + 3 + authority.host.size());
  }
  return key;
}

ServerPolicy read_server_policy(const ServerChoices& choices) {
  ServerPolicy policy;
  policy.subprotocol = choices.subprotocol;
  for (const std::string& given : choices.extensions) {
    policy.extensions.push_back(read_extension_choice(given));
  }
  policy.accept_protocols = choices.accept_protocols;
  policy.prefer = choices.prefer;
  policy.negotiate_deflate = choices.negotiate_deflate;
  policy.strict = choices.strict;
  if (choices.host) {
    const http::Authority authority = http::split_authority(*choices.host);
    policy.host = ServedAuthority{*choices.host, lowercase(authority.host),
                                  authority.port ? port_number(*authority.port) : std::nullopt};
  }
  for (const std::string& origin : choices.allowed_origins) {
    if (origin == "*") {
      policy.any_origin = true;
    } else {
      policy.allowed_origins.push_back(origin_key(origin));
    }
  }
  policy.max_line_bytes = choices.max_line_bytes;
  return policy;
}

} // namespace wsh::handshake
