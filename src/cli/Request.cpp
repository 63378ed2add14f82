#include "cli/Request.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/Report.hpp"
#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace wsh::cli {

util::Expected<handshake::HeaderEdit, std::string> parse_header_edit(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    if (text.size() > 1 && text.ends_with(';')) {
      return handshake::HeaderEdit{std::string(text.substr(0, text.size() - 1)), std::string()};
    }
    return util::unexpected(fmt::format("`{}` is not 'Name: value' ('Name:' leaves a field out, "
                                        "'Name;' sends it empty)",
                                        text));
  }
  handshake::HeaderEdit edit{std::string(text.substr(0, colon)), std::nullopt};
  const std::string_view value = http::trim_ows(text.substr(colon + 1));
  if (!value.empty()) {
    edit.value = std::string(value);
  }
  return edit;
}

int run_request(const Options& options) {
  auto request = handshake::build_client_request(options.offer, *options.like);
  if (!request) {
    if (request.error().kind == handshake::ClientRequestError::Kind::no_randomness) {
      print_error(request.error().message);
      return k_exit_input_error;
    }
    write_all(STDERR_FILENO,
              fmt::format("ws-handshake: error: {}\nRun 'ws-handshake --help' for the "
                          "options.\n",
                          util::escape_for_terminal(request.error().message)));
    return k_exit_usage;
  }
  if (!write_all(STDOUT_FILENO, request->head()) && errno != EPIPE) {
    print_error(fmt::format("cannot write to standard output: {}", std::strerror(errno)));
    return k_exit_input_error;
  }
  return k_exit_accepted;
}

} // namespace wsh::cli
