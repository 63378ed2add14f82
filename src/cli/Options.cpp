#include "cli/Options.hpp"

#include "cli/ExitStatus.hpp"
#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"
#include "util/Escape.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <map>

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

} // namespace

ParsedCommandLine parse_command_line(int argc, char** argv) {
  Options options;
  CLI::App app{std::string(k_description), "ws-handshake"};
  app.footer(std::string(k_footer));
  app.set_version_flag("--version", std::string("ws-handshake ") + k_version);
  app.get_formatter()->column_width(26);

  std::string format = "text";
  std::string color = "auto";
  std::string protocol;
  app.add_option("FILE", options.input_path,
                 "The request to read; '-' or absent reads standard input")
      ->type_name("");
  app.add_option("-p,--protocol", protocol,
                 "The subprotocol the server chose; it must be one\nthe client offered")
      ->option_text("NAME");
  app.add_option("-e,--extension", options.choices.extensions,
                 "An extension the server accepts, with its parameters, as\n"
                 "'permessage-deflate; client_max_window_bits=15' (repeatable)")
      ->option_text("EXT")
      ->allow_extra_args(false);
  std::string accept_protocols;
  std::string prefer = "server";
  app.add_option("--accept-protocols", accept_protocols,
                 "Subprotocols the server supports, comma-separated;\n"
                 "the first one the client offered is chosen (-p wins)")
      ->option_text("LIST");
  app.add_option("--prefer", prefer,
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
  app.add_option("-f,--format", format, "Output: text (headers), http (bytes to send) or json")
      ->check(CLI::IsMember({"text", "http", "json"}))
      ->option_text("FORMAT");
  std::string har_path;
  std::string input_format = "raw";
  app.add_flag("--batch", options.batch,
               "The input is a stream of requests back to back: answer\n"
               "each in order, then print a summary on stderr");
  app.add_option("--har", har_path,
                 "Answer the WebSocket handshakes recorded in a HAR file\n"
                 "(Chrome's or Firefox's devtools export)")
      ->option_text("FILE");
  app.add_option("--input-format", input_format,
                 "raw (HTTP bytes, the default) or har (FILE or stdin)")
      ->check(CLI::IsMember({"raw", "har"}))
      ->option_text("FORMAT");
  app.add_flag("--strict", options.choices.strict, "Warnings fail the handshake too");
  app.add_flag("-q,--quiet", options.quiet, "Print nothing; report through the exit status");
  app.add_flag("-v,--verbose", options.verbose,
               "Also show the offers and the negotiated result on\nstderr (text and http)");
  app.add_option("--color", color,
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

  // --negotiate-deflate takes its value only attached, as `--negotiate-deflate=SETTINGS`, so a
  // FILE after a bare --negotiate-deflate stays a FILE; CLI11 would take it as the value, so
  // the option is read here and CLI11 only lists it in --help.
  std::optional<std::string> negotiate_deflate;
  std::vector<std::string> arguments; // reversed, as CLI11 takes them
  int options_end = argc;             // arguments after "--" are operands, never options
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") {
      options_end = i;
      break;
    }
  }
  for (int i = argc - 1; i > 0; --i) {
    const std::string_view argument = argv[i];
    constexpr std::string_view k_option = "--negotiate-deflate";
    if (i < options_end && (argument == k_option || argument.starts_with("--negotiate-deflate="))) {
      negotiate_deflate =
          std::string(argument.substr(std::min(argument.size(), k_option.size() + 1)));
      continue;
    }
    arguments.emplace_back(argument);
  }
  try {
    app.parse(arguments);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }

  if (app.count("--har") > 0) {
    if (app.count("FILE") > 0) {
      return usage_error("--har names the input already; give either --har FILE or FILE");
    }
    options.input_path = har_path;
    options.har = true;
  }
  options.har = options.har || input_format == "har";
  if (options.har && options.batch) {
    return usage_error("--batch reads raw requests; a HAR is read with --har alone");
  }
  if (app.count("--protocol") > 0) {
    if (auto error = check_protocol(protocol)) {
      return usage_error(*error);
    }
    options.choices.subprotocol = protocol;
  }
  if (app.count("--accept-protocols") > 0) {
    std::size_t start = 0;
    while (start <= accept_protocols.size()) {
      std::size_t end = accept_protocols.find(',', start);
      if (end == std::string::npos) {
        end = accept_protocols.size();
      }
      const std::string name(
          http::trim_ows(std::string_view(accept_protocols).substr(start, end - start)));
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
  options.choices.prefer = prefer == "client" ? handshake::ProtocolPreference::client
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
  options.format = format == "json" ? Format::json : format == "http" ? Format::http : Format::text;
  options.color = color == "always"  ? ColorWhen::always
                  : color == "never" ? ColorWhen::never
                                     : ColorWhen::auto_detect;
  return options;
}

} // namespace wsh::cli
