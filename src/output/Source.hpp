#pragma once

#include <string_view>

namespace wsh::output {

// The input a rendering refers to: the name to print in diagnostics and its bytes, from which
// lines and columns are computed.
struct Source {
  std::string_view name;
  std::string_view bytes;
};

} // namespace wsh::output
