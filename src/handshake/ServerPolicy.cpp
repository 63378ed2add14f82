#include "handshake/ServerPolicy.hpp"

#include "handshake/ExtensionList.hpp"

#include <fmt/format.h>

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

} // namespace

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
  return policy;
}

} // namespace wsh::handshake
