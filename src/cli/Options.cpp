#include "cli/Options.hpp"

#include "cli/ExitStatus.hpp"
#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"
#include "util/Escape.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace wsh::cli {

namespace {

constexpr std::string_view k_description =
    "Answer a WebSocket opening handshake as a server would (RFC 6455).\n"
    "Reads one raw HTTP/1.1 upgrade request, as a client sent it, from FILE or standard input;\n"
    "prints the response headers to send, or every reason the request is invalid, with the\n"
    "line and column of each problem.\n";

constexpr std::string_view k_footer = R"(Examples:
  ws-handshake samples/chromium.http
      Answer Chromium's request: prints Upgrade, Connection and Sec-WebSocket-Accept.
  ws-handshake -p chat samples/chromium-subprotocols.http
      Choose the subprotocol "chat" from the ones the client offered.
  ws-handshake -e 'permessage-deflate; client_max_window_bits=15' samples/python-websockets.http
      Accept an offered extension with parameters.
  ws-handshake -f http samples/node-ws.http | od -c
      The exact bytes to write to the socket.
  cat capture.http | ws-handshake -f json - | jq .diagnostics
      Machine-readable outcome on stdout.

Exit status:
  0  accepted (also --help, --version, --list-diagnostics)
  1  refused: the request or the choices break a rule
  2  usage error
  3  input or output error: unreadable, empty, incomplete or oversized input
     (in a batch: input that cannot be read or holds no request), or standard
     output could not be written

Diagnostics go to stderr as FILE:LINE:COL: severity: message [id]; see
--list-diagnostics and ws-handshake(1) for every id.)";

int usage_error(const std::string& message) {
  fmt::print(stderr, "ws-handshake: error: {}\nRun 'ws-handshake --help' for the options.\n",
             util::escape_for_terminal(message));
  return k_exit_usage;
}

// RFC 6455 4.1 item 10 / 11.3.4: a subprotocol name is a token.
std::optional<std::string> check_protocol(const std::string& name,
                                          std::string_view option = "-p/--protocol") {
  if (http::is_token(name)) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!http::is_tchar(name[i])) {
      return fmt::format("{} `{}`: {} at column {} is not allowed; a subprotocol "
                         "name is a token (RFC 6455 4.1, RFC 9110 5.6.2)",
                         option, name, util::describe_byte(name[i]), i + 1);
    }
  }
  return fmt::format("{}: the subprotocol name is empty", option);
}

// One -e value: exactly one extension per RFC 6455 9.1.
std::optional<std::string> check_extension(const std::string& text) {
  std::vector<handshake::Extension> parsed;
  if (auto error = handshake::parse_extension_list(text, parsed)) {
    return fmt::format("-e/--extension `{}`: at column {}: {} (RFC 6455 9.1)", text,
                       error->offset + 1, error->message);
  }
  if (parsed.size() != 1) {
    return fmt::format("-e/--extension `{}` names {} extensions; give each its own -e", text,
                       parsed.size());
  }
  return std::nullopt;
}

// The option values as given, before they are checked together, and which were given.
struct GivenValues {
  std::string format = "text";
  std::string color = "auto";
  std::string protocol;
  std::string accept_protocols;
  std::string prefer = "server";
  std::string har_path;
  std::string input_format = "raw";
  bool file = false;
  bool har = false;
  bool protocol_given = false;
  bool accept_protocols_given = false;
};

// The flag option `name` sets, or nullptr when `name` is no flag.
bool* flag_named(std::string_view name, Options& options) {
  if (name == "--batch") {
    return &options.batch;
  }
  if (name == "--strict") {
    return &options.choices.strict;
  }
  if (name == "-q" || name == "--quiet") {
    return &options.quiet;
  }
  if (name == "-v" || name == "--verbose") {
    return &options.verbose;
  }
  if (name == "--allow-truncated") {
    return &options.parse.allow_truncated;
  }
  if (name == "--list-diagnostics") {
    return &options.list_diagnostics;
  }
  return nullptr;
}

// A decimal --max-header-bytes within its range; nullopt for anything else (leading zeros,
// signs and hexadecimal are left to CLI11, which reads them its own way).
std::optional<std::size_t> plain_header_limit(std::string_view text) {
  if (text.empty() || text.size() > 7 || text[0] == '0') {
    return std::nullopt;
  }
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value < 64 || value > 1048576) {
    return std::nullopt;
  }
  return value;
}

// Stores `value` in `target` when it is one of `allowed` (or `allowed` is empty).
bool take_value(std::string_view value, std::string& target,
                std::initializer_list<std::string_view> allowed = {}) {
  if (allowed.size() > 0 && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    return false;
  }
  target = std::string(value);
  return true;
}

// Reads a command line made only of the options' plain forms (each option once but -e, its
// value separate or after `=`, never empty nor starting with '-', at most one FILE) without
// building the CLI11 App, which costs more than answering a handshake. False, having decided
// nothing, for anything else: --help, --version, errors and rarer spellings go to CLI11.
bool parse_plain_command_line(const std::vector<std::string_view>& arguments, Options& options,
                              GivenValues& given) {
  std::vector<std::string_view> seen;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string_view name = arguments[i];
    if (name.empty()) {
      return false;
    }
    if (name[0] != '-' || name == "-") {
      if (given.file) {
        return false;
      }
      options.input_path = std::string(name);
      given.file = true;
      continue;
    }
    std::optional<std::string_view> attached;
    if (const std::size_t equals = name.find('=');
        name.starts_with("--") && equals != std::string_view::npos) {
      attached = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (bool* const flag = flag_named(name, options)) {
      if (attached || *flag) {
        return false;
      }
      *flag = true;
      continue;
    }
    std::string_view value;
    if (attached) {
      value = *attached;
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    }
    if (value.empty() || value[0] == '-') {
      return false;
    }
    if (name == "-e" || name == "--extension") {
      options.choices.extensions.emplace_back(value);
      continue;
    }
    const std::string_view long_name = name == "-p"   ? "--protocol"
                                       : name == "-f" ? "--format"
                                                      : name;
    if (std::find(seen.begin(), seen.end(), long_name) != seen.end()) {
      return false;
    }
    seen.push_back(long_name);
    bool taken = false;
    if (long_name == "--protocol") {
      taken = given.protocol_given = take_value(value, given.protocol);
    } else if (long_name == "--accept-protocols") {
      taken = given.accept_protocols_given = take_value(value, given.accept_protocols);
    } else if (long_name == "--prefer") {
      taken = take_value(value, given.prefer, {"server", "client"});
    } else if (long_name == "--format") {
      taken = take_value(value, given.format, {"text", "http", "json"});
    } else if (long_name == "--har") {
      taken = given.har = take_value(value, given.har_path);
    } else if (long_name == "--input-format") {
      taken = take_value(value, given.input_format, {"raw", "har"});
    } else if (long_name == "--color") {
      taken = take_value(value, given.color, {"auto", "always", "never"});
    } else if (long_name == "--max-header-bytes") {
      const std::optional<std::size_t> limit = plain_header_limit(value);
      options.parse.max_header_bytes = limit.value_or(options.parse.max_header_bytes);
      taken = limit.has_value();
    }
    if (!taken) {
      return false;
    }
  }
  return true;
}

// Parses `arguments` (reversed, as CLI11 takes them) with CLI11: the full grammar, --help,
// --version and the usage errors. An exit status when parsing ends the run.
std::optional<int> parse_with_cli11(std::vector<std::string>& arguments, Options& options,
                                    GivenValues& given) {
  CLI::App app{std::string(k_description), "ws-handshake"};
  app.footer(std::string(k_footer));
  app.set_version_flag("--version", std::string("ws-handshake ") + k_version);
  app.get_formatter()->column_width(26);

  app.add_option("FILE", options.input_path,
                 "The request to read; '-' or absent reads standard input")
      ->type_name("");
  app.add_option("-p,--protocol", given.protocol,
                 "The subprotocol the server chose; it must be one\nthe client offered")
      ->option_text("NAME");
  app.add_option("-e,--extension", options.choices.extensions,
                 "An extension the server accepts, with its parameters, as\n"
                 "'permessage-deflate; client_max_window_bits=15' (repeatable)")
      ->option_text("EXT")
      ->allow_extra_args(false);
  app.add_option("--accept-protocols", given.accept_protocols,
                 "Subprotocols the server supports, comma-separated;\n"
                 "the first one the client offered is chosen (-p wins)")
      ->option_text("LIST");
  app.add_option("--prefer", given.prefer,
                 "Whose order --accept-protocols follows: server (the\n"
                 "list's, as Python websockets) or client (as Node ws)")
      ->check(CLI::IsMember({"server", "client"}))
      ->option_text("SIDE");
  std::string listed_only;
  app.add_option("--negotiate-deflate", listed_only,
                 "Accept the first acceptable permessage-deflate offer;\n"
                 "SETTINGS, attached with '=', as server_max_window_bits=10,\n"
                 "client_max_window_bits=12,server_no_context_takeover\n"
                 "(an -e permessage-deflate wins)")
      ->option_text("[=SETTINGS]");
  app.add_option("-f,--format", given.format,
                 "Output: text (headers), http (bytes to send) or json")
      ->check(CLI::IsMember({"text", "http", "json"}))
      ->option_text("FORMAT");
  app.add_flag("--batch", options.batch,
               "The input is a stream of requests back to back: answer\n"
               "each in order, then print a summary on stderr");
  app.add_option("--har", given.har_path,
                 "Answer the WebSocket handshakes recorded in a HAR file\n"
                 "(Chrome's or Firefox's devtools export)")
      ->option_text("FILE");
  app.add_option("--input-format", given.input_format,
                 "raw (HTTP bytes, the default) or har (FILE or stdin)")
      ->check(CLI::IsMember({"raw", "har"}))
      ->option_text("FORMAT");
  app.add_flag("--strict", options.choices.strict, "Warnings fail the handshake too");
  app.add_flag("-q,--quiet", options.quiet, "Print nothing; report through the exit status");
  app.add_flag("-v,--verbose", options.verbose,
               "Also show the offers and the negotiated result on\nstderr (text and http)");
  app.add_option("--color", given.color,
                 "Colour diagnostics: auto (a terminal, unless NO_COLOR\n"
                 "is set or TERM=dumb), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("WHEN");
  app.add_option("--max-header-bytes", options.parse.max_header_bytes,
                 "Largest header block accepted (default 65536)")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1048576}))
      ->option_text("N");
  app.add_flag("--allow-truncated", options.parse.allow_truncated,
               "Treat the end of input as the end of the headers\n(for pasted header blocks)");
  app.add_flag("--list-diagnostics", options.list_diagnostics,
               "List every diagnostic id with its severity and\nmeaning, then exit");
  try {
    app.parse(arguments);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  given.file = app.count("FILE") > 0;
  given.har = app.count("--har") > 0;
  given.protocol_given = app.count("--protocol") > 0;
  given.accept_protocols_given = app.count("--accept-protocols") > 0;
  return std::nullopt;
}

} // namespace

ParsedCommandLine parse_command_line(int argc, char** argv) {
  // --negotiate-deflate takes its value only attached, as `--negotiate-deflate=SETTINGS`, so a
  // FILE after a bare --negotiate-deflate stays a FILE; CLI11 would take it as the value, so
  // the option is read here and CLI11 only lists it in --help.
  std::optional<std::string> negotiate_deflate;
  std::vector<std::string_view> arguments;
  int options_end = argc; // arguments after "--" are operands, never options
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") {
      options_end = i;
      break;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    constexpr std::string_view k_option = "--negotiate-deflate";
    if (i < options_end && (argument == k_option || argument.starts_with("--negotiate-deflate="))) {
      if (!negotiate_deflate) { // the first one given counts
        negotiate_deflate =
            std::string(argument.substr(std::min(argument.size(), k_option.size() + 1)));
      }
      continue;
    }
    arguments.push_back(argument);
  }
  Options options;
  GivenValues given;
  if (!parse_plain_command_line(arguments, options, given)) {
    options = Options();
    given = GivenValues();
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    if (const std::optional<int> exit_status = parse_with_cli11(reversed, options, given)) {
      return *exit_status;
    }
  }
  if (given.har) {
    if (given.file) {
      return usage_error("--har names the input already; give either --har FILE or FILE");
    }
    options.input_path = given.har_path;
    options.har = true;
  }
  options.har = options.har || given.input_format == "har";
  if (options.har && options.batch) {
    return usage_error("--batch reads raw requests; a HAR is read with --har alone");
  }
  if (given.protocol_given) {
    if (auto error = check_protocol(given.protocol)) {
      return usage_error(*error);
    }
    options.choices.subprotocol = given.protocol;
  }
  if (given.accept_protocols_given) {
    std::size_t start = 0;
    while (start <= given.accept_protocols.size()) {
      std::size_t end = given.accept_protocols.find(',', start);
      if (end == std::string::npos) {
        end = given.accept_protocols.size();
      }
      const std::string name(
          http::trim_ows(std::string_view(given.accept_protocols).substr(start, end - start)));
      start = end + 1;
      if (name.empty()) {
        continue;
      }
      if (auto error = check_protocol(name, "--accept-protocols")) {
        return usage_error(*error);
      }
      options.choices.accept_protocols.push_back(name);
    }
  }
  options.choices.prefer = given.prefer == "client" ? handshake::ProtocolPreference::client
                                                    : handshake::ProtocolPreference::server;
  if (negotiate_deflate) {
    auto settings = handshake::parse_deflate_settings(*negotiate_deflate);
    if (!settings) {
      return usage_error(fmt::format("--negotiate-deflate: {}", settings.error()));
    }
    options.choices.negotiate_deflate = *settings;
  }
  for (const std::string& extension : options.choices.extensions) {
    if (auto error = check_extension(extension)) {
      return usage_error(*error);
    }
  }
  options.format = given.format == "json"   ? Format::json
                   : given.format == "http" ? Format::http
                                            : Format::text;
  options.color = given.color == "always"  ? ColorWhen::always
                  : given.color == "never" ? ColorWhen::never
                                           : ColorWhen::auto_detect;
  return options;
}

} // namespace wsh::cli
