#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// One `extension-param` (RFC 6455 9.1): a name and maybe a value, as views into the field.
struct ExtensionParameter {
  std::string_view name;
  // The value as written: for a quoted-string, the text between the quotes, escapes included.
  std::string_view value;
  bool has_value = false;
  bool quoted = false;

  // The value with quoted-pair escapes resolved (RFC 9110 5.6.4).
  std::string unquoted_value() const;
};

// One offered or selected extension: plain data, in the order the client wrote it.
struct Extension {
  std::string_view name;
  std::vector<ExtensionParameter> parameters;
  // The whole element as written, OWS trimmed.
  std::string_view text;
};

// Where and why an extension list breaks the grammar.
struct ExtensionSyntaxError {
  std::size_t offset = 0; // into the field value
  std::string message;
};

// Parses one Sec-WebSocket-Extensions value and appends its extensions to `extensions`:
//   extension-list  = 1#extension
//   extension       = extension-token *( ";" extension-param )
//   extension-param = token [ "=" (token | quoted-string) ]
// where a quoted value must unquote to a token (RFC 6455 9.1). OWS may surround ",", ";"
// and "=" (RFC 9110 5.6.1), and empty list elements are skipped.
std::optional<ExtensionSyntaxError> parse_extension_list(std::string_view value,
                                                         std::vector<Extension>& extensions);

// The same, taking the extensions it appends from the back of `spare` while it has any, so a
// reused engine keeps their parameter buffers instead of allocating new ones.
std::optional<ExtensionSyntaxError> parse_extension_list(std::string_view value,
                                                         std::vector<Extension>& extensions,
                                                         std::vector<Extension>& spare);

// An extension written back in canonical form: `name; param; param=value`.
std::string format_extension(const Extension& extension);

} // namespace wsh::handshake
