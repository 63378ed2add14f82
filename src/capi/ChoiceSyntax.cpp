#include "capi/ChoiceSyntax.hpp"

#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"

#include <vector>

namespace wsh::capi {

bool is_subprotocol_name(std::string_view name) {
  return http::is_token(name);
}

bool is_one_extension(std::string_view text) {
  std::vector<handshake::Extension> parsed;
  return !handshake::parse_extension_list(text, parsed) && parsed.size() == 1;
}

} // namespace wsh::capi
