// libFuzzer target: handshake::parse_extension_list on arbitrary bytes as one
// Sec-WebSocket-Extensions value. Invariants: every view lies inside the value, everything read
// obeys RFC 6455 9.1, an error points inside the value, and an extension written back with
// format_extension reads again as the same extension.

#include "FuzzCheck.hpp"

#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace wsh;

void check_extension(std::string_view value, const handshake::Extension& extension) {
  WSH_FUZZ_CHECK(fuzz::lies_inside(value, extension.name));
  WSH_FUZZ_CHECK(fuzz::lies_inside(value, extension.text));
  WSH_FUZZ_CHECK(http::is_token(extension.name));
  WSH_FUZZ_CHECK(extension.text.starts_with(extension.name));
  WSH_FUZZ_CHECK(extension.text == http::trim_ows(extension.text));
  for (const handshake::ExtensionParameter& parameter : extension.parameters) {
    WSH_FUZZ_CHECK(fuzz::lies_inside(extension.text, parameter.name));
    WSH_FUZZ_CHECK(http::is_token(parameter.name));
    if (!parameter.has_value) {
      WSH_FUZZ_CHECK(parameter.value.empty() && !parameter.quoted);
      continue;
    }
    WSH_FUZZ_CHECK(fuzz::lies_inside(extension.text, parameter.value));
    // RFC 6455 9.1: a quoted value must unquote to a token, and a bare one is a token.
    WSH_FUZZ_CHECK(http::is_token(parameter.unquoted_value()));
  }
}

// format_extension's text reads back as one extension with the same name and parameters, and
// formatting that again changes nothing.
void check_round_trip(const handshake::Extension& extension) {
  const std::string text = handshake::format_extension(extension);
  std::vector<handshake::Extension> again;
  WSH_FUZZ_CHECK(!handshake::parse_extension_list(text, again));
  WSH_FUZZ_CHECK(again.size() == 1);
  const handshake::Extension& reread = again.front();
  WSH_FUZZ_CHECK(reread.name == extension.name);
  WSH_FUZZ_CHECK(reread.parameters.size() == extension.parameters.size());
  for (std::size_t i = 0; i < reread.parameters.size(); ++i) {
    const handshake::ExtensionParameter& before = extension.parameters[i];
    const handshake::ExtensionParameter& after = reread.parameters[i];
    WSH_FUZZ_CHECK(after.name == before.name);
    WSH_FUZZ_CHECK(after.has_value == before.has_value);
    WSH_FUZZ_CHECK(after.unquoted_value() == before.unquoted_value());
  }
  WSH_FUZZ_CHECK(handshake::format_extension(reread) == text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  std::vector<handshake::Extension> extensions;
  const auto error = handshake::parse_extension_list(value, extensions);
  if (error) {
    WSH_FUZZ_CHECK(error->offset <= value.size());
    WSH_FUZZ_CHECK(!error->message.empty());
  } else {
    WSH_FUZZ_CHECK(!extensions.empty());
  }
  // Extensions read before an error are complete ones, so they obey the grammar too.
  for (const handshake::Extension& extension : extensions) {
    check_extension(value, extension);
    check_round_trip(extension);
  }
  return 0;
}
