#include "cli/Options.hpp"

#include "cli/ExitStatus.hpp"
#include "cli/OptionTable.hpp"
#include "cli/Request.hpp"
#include "clients/Registry.hpp"
#include "handshake/ExtensionList.hpp"
#include "http/Grammar.hpp"
#include "http/Host.hpp"
#include "servers/Registry.hpp"
#include "util/Escape.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace wsh::cli {

namespace {

// What CLI11 read for one row of k_options, and the option it made of the row (nullptr when
// the row was not declared).
struct Given {
  bool flag = false;
  std::string text;
  std::size_t number = 0;
  std::vector<std::string> list;
  const CLI::Option* option = nullptr;

  bool given() const { return option != nullptr && option->count() > 0; }
};

using GivenTable = std::array<Given, k_options.size()>;

const Given& given_for(const GivenTable& given, OptionId id) {
  return given[static_cast<std::size_t>(id)];
}

// The row's names as messages show them: "-p/--protocol".
std::string label(const OptionSpec& row) {
  std::string out(row.names);
  std::replace(out.begin(), out.end(), ',', '/');
  return out;
}

CommandLineExit usage_error(std::string_view message) {
  return {k_exit_usage, "",
          fmt::format("ws-handshake: error: {}\nRun 'ws-handshake --help' for the options.\n",
                      util::escape_for_terminal(message))};
}

std::string braced(std::span<const std::string_view> choices) {
  return fmt::format("{{{}}}", fmt::join(choices, ","));
}

// A value that must be one of the row's choices, checked where CLI11 checks values and
// reported in its words ("--prefer: x not in {server,client}"), without building the list's
// text unless a message needs it.
class ChoiceCheck : public CLI::Validator {
public:
  explicit ChoiceCheck(const OptionSpec& row) {
    desc_function_ = [&row] { return braced(row.choices); };
    func_ = [&row](std::string& value) {
      if (std::find(row.choices.begin(), row.choices.end(), value) != row.choices.end()) {
        return std::string();
      }
      return fmt::format("{} not in {}", value, braced(row.choices));
    };
  }
};

// A number within the row's [min, max], read as CLI11 reads integers and reported in its
// words ("Value 10 not in range 64 to 1048576"), the range's text built only when needed.
class RangeCheck : public CLI::Validator {
public:
  explicit RangeCheck(const OptionSpec& row) {
    desc_function_ = [&row] {
      return fmt::format("{} in [{} - {}]", CLI::detail::type_name<std::size_t>(), row.min,
                         row.max);
    };
    func_ = [&row](std::string& value) {
      std::size_t number = 0;
      if (CLI::detail::lexical_cast(value, number) && number >= row.min && number <= row.max) {
        return std::string();
      }
      return fmt::format("Value {} not in range {} to {}", value, row.min, row.max);
    };
  }
};

// CLI11's help, except that an option whose value can only be attached shows it as
// `--name[=VALUE]`: with a space, `[=VALUE]` would read as an operand.
class HelpFormatter : public CLI::Formatter {
public:
  std::string make_option_opts(const CLI::Option* option) const override {
    if (option->get_expected_max() == 0 && !option->get_option_text().empty()) {
      return fmt::format("[={}]", option->get_option_text());
    }
    return CLI::Formatter::make_option_opts(option);
  }
};

// CLI11's App without the -h,--help its public constructor adds: k_options declares --help
// like any other option.
class CommandLineApp : public CLI::App {
public:
  CommandLineApp(std::string description, std::string name)
      : CLI::App(std::move(description), std::move(name), nullptr) {}
};

// Whether `argument` may spell the option `name` ("-p" or "--protocol") as CLI11 reads it:
// `--protocol` or `--protocol=VALUE`, or the letter anywhere in a cluster (`-qvp`). A yes too
// many only declares an option for nothing.
bool may_spell(std::string_view argument, std::string_view name) {
  if (name.starts_with("--")) {
    return argument.starts_with(name) &&
           (argument.size() == name.size() || argument[name.size()] == '=');
  }
  return name.size() == 2 && argument.size() > 1 && argument[0] == '-' && argument[1] != '-' &&
         argument.find(name[1], 1) != std::string_view::npos;
}

bool mentioned(const OptionSpec& row, std::span<const std::string_view> arguments) {
  std::string_view names = row.names;
  while (!names.empty()) {
    const std::size_t comma = std::min(names.find(','), names.size());
    const std::string_view name = names.substr(0, comma);
    names.remove_prefix(std::min(comma + 1, names.size()));
    for (const std::string_view argument : arguments) {
      if (may_spell(argument, name)) {
        return true;
      }
    }
  }
  return false;
}

// Declares one row to CLI11, storing what it reads in `given`; with `for_help`, also what only
// --help shows.
CLI::Option* declare_option(CLI::App& app, const OptionSpec& row, Given& given, bool for_help) {
  const std::string names(row.names);
  std::string help = for_help ? std::string(row.help) : std::string();
  CLI::Option* option = nullptr;
  switch (row.kind) {
  case OptionKind::help:
    return app.set_help_flag(names, help);
  case OptionKind::version:
    return app.set_version_flag(names, fmt::format("ws-handshake {}", k_version), help);
  case OptionKind::operand:
    option = app.add_option(names, given.text, std::move(help));
    break;
  case OptionKind::flag:
    option = app.add_flag(names, given.flag, std::move(help));
    break;
  case OptionKind::attached:
    // No separate value (CLI11 then reads `--name=VALUE` as a flag's value, and a bare
    // `--name` as the empty default); the first one given counts.
    option = app.add_option(names, given.text, std::move(help))
                 ->expected(0, 0)
                 ->multi_option_policy(CLI::MultiOptionPolicy::TakeFirst);
    break;
  case OptionKind::text:
    option = app.add_option(names, given.text, std::move(help));
    if (!row.choices.empty()) {
      option->check(ChoiceCheck(row));
    }
    break;
  case OptionKind::number:
    option = app.add_option(names, given.number, std::move(help))->check(RangeCheck(row));
    break;
  case OptionKind::repeatable:
    option = app.add_option(names, given.list, std::move(help))->allow_extra_args(false);
    break;
  }
  if (for_help) {
    option->option_text(std::string(row.value_name));
    if (row.kind == OptionKind::operand) {
      option->type_name("");
    }
    if (row.hidden) {
      option->group("");
    }
  }
  return option;
}

// RFC 6455 4.1 item 10 / 11.3.4: a subprotocol name is a token; the server's choice of one
// (4.2.2 item 5, /subprotocol/) cannot be empty.
std::optional<std::string> check_protocol(const std::string& name, std::string_view option) {
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
  return fmt::format("{}: a server cannot choose an empty subprotocol (RFC 6455 4.2.2); "
                     "checking a response that echoes an empty Sec-WebSocket-Protocol is the "
                     "job of `ws-handshake verify` (coming)",
                     option);
}

// One -e value: exactly one extension per RFC 6455 9.1 (4.2.2 item 5, /extensions/).
std::optional<std::string> check_extension(const std::string& text, std::string_view option) {
  if (text.empty()) {
    return fmt::format("{}: a server cannot choose an empty extension (RFC 6455 9.1); "
                       "checking a response that echoes an empty Sec-WebSocket-Extensions is "
                       "the job of `ws-handshake verify` (coming)",
                       option);
  }
  std::vector<handshake::Extension> parsed;
  if (auto error = handshake::parse_extension_list(text, parsed)) {
    return fmt::format("{} `{}`: at column {}: {} (RFC 6455 9.1)", option, text, error->offset + 1,
                       error->message);
  }
  if (parsed.size() != 1) {
    return fmt::format("{} `{}` names {} extensions; give each its own -e", option, text,
                       parsed.size());
  }
  return std::nullopt;
}

// The elements of a comma-separated list, OWS trimmed, empty ones skipped.
std::vector<std::string> list_elements(std::string_view list) {
  std::vector<std::string> elements;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    std::string element(http::trim_ows(list.substr(start, end - start)));
    start = end + 1;
    if (!element.empty()) {
      elements.push_back(std::move(element));
    }
  }
  return elements;
}

// One --allow-origin value: `*`, `null` (what sandboxed pages and file: URLs send) or an origin
// as browsers serialize it, scheme "://" host [ ":" port ] (RFC 6454 6.2).
std::optional<std::string> check_origin(std::string_view origin) {
  if (origin == "*" || origin == "null") {
    return std::nullopt;
  }
  const std::size_t scheme_end = origin.find("://");
  const std::string_view scheme = origin.substr(0, std::min(scheme_end, origin.size()));
  const bool scheme_ok = scheme_end != std::string_view::npos && !scheme.empty() &&
                         std::all_of(scheme.begin(), scheme.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
                         });
  if (!scheme_ok) {
    return fmt::format("--allow-origin `{}`: an origin is scheme://host[:port], as "
                       "https://app.example, or * for any (RFC 6454 6.2)",
                       util::escape_for_terminal(origin));
  }
  std::string_view authority = origin.substr(scheme_end + 3);
  if (authority.ends_with('/')) {
    authority.remove_suffix(1);
  }
  if (auto error = http::check_host(authority)) {
    return fmt::format("--allow-origin `{}`: at column {}: {}; an origin is "
                       "scheme://host[:port] with no path (RFC 6454 6.2)",
                       util::escape_for_terminal(origin), scheme_end + 4 + error->offset,
                       error->message);
  }
  return std::nullopt;
}

// The server side's own policy and the servers to predict: --host, --allow-origin, the limits,
// --server.
std::optional<CommandLineExit> read_server_options(const GivenTable& given, Options& options) {
  if (const Given& limit = given_for(given, OptionId::max_line_bytes); limit.given()) {
    options.choices.max_line_bytes = limit.number;
  }
  if (const Given& limit = given_for(given, OptionId::max_fields); limit.given()) {
    options.parse.max_fields = limit.number;
  }
  if (const Given& host = given_for(given, OptionId::host); host.given()) {
    if (auto error = http::check_host(host.text)) {
      return usage_error(fmt::format("--host `{}`: at column {}: {}; give HOST or HOST:PORT, as "
                                     "example.com:8080 (RFC 9110 7.2)",
                                     util::escape_for_terminal(host.text), error->offset + 1,
                                     error->message));
    }
    options.choices.host = host.text;
  }
  for (const std::string& value : given_for(given, OptionId::allow_origin).list) {
    const std::vector<std::string> origins = list_elements(value);
    if (origins.empty()) {
      return usage_error("--allow-origin: name an origin, as https://app.example, or *");
    }
    for (const std::string& origin : origins) {
      if (auto error = check_origin(origin)) {
        return usage_error(*error);
      }
      options.choices.allowed_origins.push_back(origin);
    }
  }
  options.list_servers = given_for(given, OptionId::list_servers).flag;
  if (const Given& names = given_for(given, OptionId::server); names.given()) {
    for (const std::string& name : list_elements(names.text)) {
      if (name == "all") {
        for (const servers::ServerProfile& profile : servers::server_profiles()) {
          options.servers.emplace_back(profile.name);
        }
        continue;
      }
      if (servers::find_server(name) == nullptr) {
        return usage_error(fmt::format("--server: no server named `{}`; --list-servers prints "
                                       "their names",
                                       util::escape_for_terminal(name)));
      }
      if (std::find(options.servers.begin(), options.servers.end(), name) ==
          options.servers.end()) {
        options.servers.push_back(name);
      }
    }
    if (options.servers.empty()) {
      return usage_error("--server: name at least one server, or all");
    }
  }
  return std::nullopt;
}

// verify's own options: its inputs and the clients to judge.
std::optional<CommandLineExit> read_verify_options(const GivenTable& given, Options& options) {
  const Given& response = given_for(given, OptionId::response);
  const Given& request = given_for(given, OptionId::request);
  const Given& exchange = given_for(given, OptionId::exchange);
  if (response.given()) {
    options.input_path = response.text;
  }
  options.list_clients = given_for(given, OptionId::list_clients).flag;
  if (exchange.given()) {
    if (request.given() || response.given()) {
      return usage_error("--exchange holds both the request and the response; give either "
                         "--exchange FILE or --request REQ [RESPONSE]");
    }
    options.exchange_path = exchange.text;
  } else if (request.given()) {
    options.request_path = request.text;
  } else if (!options.list_clients && !options.list_diagnostics && !options.dump_options) {
    return usage_error("verify needs the request the client sent: --request REQ (or "
                       "--exchange FILE with both)");
  }
  const Given& clients = given_for(given, OptionId::client);
  const std::string_view list = clients.given() ? std::string_view(clients.text) : "all";
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    const std::string name(http::trim_ows(list.substr(start, end - start)));
    start = end + 1;
    if (name.empty()) {
      continue;
    }
    if (name == "all") {
      options.clients.emplace_back("rfc");
      for (const clients::ClientProfile* profile : clients::client_profiles()) {
        options.clients.emplace_back(profile->name);
      }
      continue;
    }
    if (name != "rfc" && clients::find_client(name) == nullptr) {
      return usage_error(fmt::format("--client: no client named `{}`; --list-clients prints "
                                     "their names",
                                     util::escape_for_terminal(name)));
    }
    options.clients.push_back(name);
  }
  if (options.clients.empty()) {
    return usage_error("--client: name at least one client, or all");
  }
  if (options.format == Format::http) {
    return usage_error("verify prints text, json, sarif, github or gcc; -f http is the server "
                       "side's");
  }
  return std::nullopt;
}

// request's own options: the URI and the offer; the offer's rules are checked when the request
// is built (cli/Request).
std::optional<CommandLineExit> read_request_options(const GivenTable& given, Options& options) {
  const Given& url = given_for(given, OptionId::url);
  if (!url.given()) {
    if (options.dump_options) {
      return std::nullopt;
    }
    return usage_error("request needs the server's URI, as ws://HOST[:PORT]/PATH or "
                       "wss://HOST[:PORT]/PATH");
  }
  auto uri = handshake::parse_websocket_uri(url.text);
  if (!uri) {
    return usage_error(fmt::format("URL: {}", uri.error()));
  }
  options.offer.uri = std::move(*uri);
  options.offer.subprotocols = given_for(given, OptionId::offered_protocol).list;
  if (const Given& extensions = given_for(given, OptionId::offered_extension); extensions.given()) {
    options.offer.extensions = extensions.list;
  }
  if (const Given& origin = given_for(given, OptionId::origin); origin.given()) {
    options.offer.origin = origin.text;
  }
  if (const Given& key = given_for(given, OptionId::key); key.given()) {
    if (key.text.empty()) {
      return usage_error("--key: give the base64 of 16 bytes, or leave --key out for a random "
                         "key");
    }
    options.offer.sec_websocket_key = key.text;
  }
  for (const std::string& text : given_for(given, OptionId::header).list) {
    auto edit = parse_header_edit(text);
    if (!edit) {
      return usage_error(fmt::format("-H/--header: {}", edit.error()));
    }
    options.offer.header_edits.push_back(std::move(*edit));
  }
  if (const Given& like = given_for(given, OptionId::like); like.given()) {
    options.like = handshake::find_client_template(like.text);
  }
  return std::nullopt;
}

// The options CLI11 read, checked against each other and against RFC 6455's grammar.
ParsedCommandLine to_options(const GivenTable& given, Command command) {
  Options options;
  options.command = command;
  const Given& file = given_for(given, OptionId::file);
  const Given& har = given_for(given, OptionId::har);
  if (file.given()) {
    options.input_path = file.text;
  }
  options.batch = given_for(given, OptionId::batch).flag;
  options.choices.strict = given_for(given, OptionId::strict).flag;
  options.quiet = given_for(given, OptionId::quiet).flag;
  options.verbose = given_for(given, OptionId::verbose).flag;
  options.parse.allow_truncated = given_for(given, OptionId::allow_truncated).flag;
  options.list_diagnostics = given_for(given, OptionId::list_diagnostics).flag;
  options.dump_options = given_for(given, OptionId::dump_options).flag;
  if (const Given& limit = given_for(given, OptionId::max_header_bytes); limit.given()) {
    options.parse.max_header_bytes = limit.number;
  }
  if (har.given()) {
    if (file.given()) {
      return usage_error("--har names the input already; give either --har FILE or FILE");
    }
    options.input_path = har.text;
    options.har = true;
  }
  const Given& input_format = given_for(given, OptionId::input_format);
  if (input_format.given()) {
    options.input_format = inputs::input_format_named(input_format.text);
  }
  if (options.har) {
    options.input_format = inputs::InputFormat::har;
  }
  options.har = options.input_format == inputs::InputFormat::har;
  if (options.har && options.batch) {
    return usage_error("--batch reads raw requests; a HAR is read with --har alone");
  }
  if (options.batch && options.input_format && *options.input_format != inputs::InputFormat::raw) {
    return usage_error("--batch reads raw requests written back to back; give --input-format "
                       "raw or leave it out");
  }
  if (options.batch) {
    options.input_format = inputs::InputFormat::raw;
  }
  if (const Given& target = given_for(given, OptionId::target); target.given()) {
    if (target.text.empty() || target.text.find_first_of(" \t\r\n") != std::string::npos) {
      return usage_error("--target: a request-target has no whitespace and is not empty "
                         "(RFC 9112 3.2)");
    }
    options.target = target.text;
  }
  if (const Given& protocol = given_for(given, OptionId::protocol); protocol.given()) {
    if (auto error = check_protocol(protocol.text, label(option_spec(OptionId::protocol)))) {
      return usage_error(*error);
    }
    options.choices.subprotocol = protocol.text;
  }
  if (const Given& accept = given_for(given, OptionId::accept_protocols); accept.given()) {
    const std::string_view list = accept.text;
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t end = std::min(list.find(',', start), list.size());
      const std::string name(http::trim_ows(list.substr(start, end - start)));
      start = end + 1;
      if (name.empty()) {
        continue;
      }
      if (auto error = check_protocol(name, label(option_spec(OptionId::accept_protocols)))) {
        return usage_error(*error);
      }
      options.choices.accept_protocols.push_back(name);
    }
  }
  const Given& prefer = given_for(given, OptionId::prefer);
  options.choices.prefer = prefer.given() && prefer.text == "client"
                               ? handshake::ProtocolPreference::client
                               : handshake::ProtocolPreference::server;
  if (const Given& deflate = given_for(given, OptionId::negotiate_deflate); deflate.given()) {
    auto settings = handshake::parse_deflate_settings(deflate.text);
    if (!settings) {
      return usage_error(
          fmt::format("{}: {}", label(option_spec(OptionId::negotiate_deflate)), settings.error()));
    }
    options.choices.negotiate_deflate = *settings;
  }
  options.choices.extensions = given_for(given, OptionId::extension).list;
  for (const std::string& extension : options.choices.extensions) {
    if (auto error = check_extension(extension, label(option_spec(OptionId::extension)))) {
      return usage_error(*error);
    }
  }
  if (const Given& format = given_for(given, OptionId::format); format.given()) {
    constexpr std::array<std::pair<std::string_view, Format>, 6> k_formats{
        {{"text", Format::text},
         {"http", Format::http},
         {"json", Format::json},
         {"sarif", Format::sarif},
         {"github", Format::github},
         {"gcc", Format::gcc}}};
    for (const auto& [word, value] : k_formats) {
      if (format.text == word) {
        options.format = value;
      }
    }
  }
  const auto severity_of = [](std::string_view word) {
    return word == "note"      ? diagnostics::Severity::note
           : word == "warning" ? diagnostics::Severity::warning
                               : diagnostics::Severity::error;
  };
  if (options.choices.strict) {
    options.fail_on = diagnostics::Severity::warning;
  }
  if (const Given& fail_on = given_for(given, OptionId::fail_on); fail_on.given()) {
    if (fail_on.text == "never") {
      options.fail_on.reset();
    } else {
      options.fail_on = severity_of(fail_on.text);
    }
  }
  if (const Given& min = given_for(given, OptionId::min_severity); min.given()) {
    options.min_severity = severity_of(min.text);
  }
  if (const Given& redact = given_for(given, OptionId::redact); redact.given()) {
    if (!redact.text.empty() && redact.text != "key") {
      return usage_error(fmt::format("--redact takes no value or `=key`, not `{}`",
                                     util::escape_for_terminal(redact.text)));
    }
    options.redact = true;
    options.redact_key = redact.text == "key";
  }
  if (const Given& color = given_for(given, OptionId::color); color.given()) {
    options.color = color.text == "always"  ? ColorWhen::always
                    : color.text == "never" ? ColorWhen::never
                                            : ColorWhen::auto_detect;
  }
  if (command == Command::verify) {
    if (auto exit = read_verify_options(given, options)) {
      return *exit;
    }
  } else if (auto exit = read_server_options(given, options)) {
    return *exit;
  }
  if (command == Command::request) {
    if (auto exit = read_request_options(given, options)) {
      return *exit;
    }
  }
  // Predicting thirteen servers costs some forty times the engine's answer: a batch, which is
  // about volume, gets the servers' answers only when it names them with --server; elsewhere
  // the notes are made only when they are shown or can fail the run (--fail-on note).
  const bool notes_shown = !options.quiet && options.min_severity <= diagnostics::Severity::note;
  const bool notes_fail = options.fail_on && *options.fail_on <= diagnostics::Severity::note;
  options.server_notes = !options.batch && (notes_shown || notes_fail);
  return options;
}

std::string_view kind_name(OptionKind kind) {
  switch (kind) {
  case OptionKind::operand:
    return "operand";
  case OptionKind::flag:
    return "flag";
  case OptionKind::text:
    return "text";
  case OptionKind::number:
    return "number";
  case OptionKind::repeatable:
    return "repeatable";
  case OptionKind::attached:
    return "attached";
  case OptionKind::help:
    return "help";
  case OptionKind::version:
    return "version";
  }
  return "";
}

} // namespace

ParsedCommandLine parse_command_line(std::span<const std::string_view> arguments, Declare declare) {
  // A subcommand is the first argument; without one, the server's side of the handshake.
  const CommandSpec* command = &k_commands.front();
  for (const CommandSpec& spec : k_commands) {
    if (!spec.name.empty() && !arguments.empty() && arguments.front() == spec.name) {
      command = &spec;
    }
  }
  const std::span<const std::string_view> rest =
      command->name.empty() ? arguments : arguments.subspan(1);
  const bool all = declare == Declare::all;
  const std::string program =
      command->name.empty() ? "ws-handshake" : fmt::format("ws-handshake {}", command->name);
  CommandLineApp app{all ? std::string(command->description) : std::string(), program};
  if (all) {
    app.footer(std::string(command->footer));
    app.formatter(std::make_shared<HelpFormatter>());
    app.get_formatter()->column_width(26);
  }
  GivenTable given;
  for (const OptionSpec& row : k_options) {
    if ((row.commands & on(command->command)) == 0) {
      continue;
    }
    if ((all && !row.hidden) || row.kind == OptionKind::operand || mentioned(row, rest)) {
      Given& stored = given[static_cast<std::size_t>(row.id)];
      stored.option = declare_option(app, row, stored, all);
    }
  }
  std::vector<std::string> reversed(rest.rbegin(), rest.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    if (!all) {
      return parse_command_line(arguments, Declare::all);
    }
    return CommandLineExit{k_exit_accepted, app.help(), ""};
  } catch (const CLI::CallForVersion& e) {
    return CommandLineExit{k_exit_accepted, fmt::format("{}\n", e.what()), ""};
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  return to_options(given, command->command);
}

std::string describe_options() {
  std::string out;
  for (const CommandSpec& command : k_commands) {
    for (const OptionSpec& row : k_options) {
      if (row.hidden || (row.commands & on(command.command)) == 0) {
        continue;
      }
      std::string help(row.help);
      std::replace(help.begin(), help.end(), '\n', ' ');
      out += fmt::format("ws-handshake{}{}\t{}\t{}\t{}\t{}\t{}\n", command.name.empty() ? "" : " ",
                         command.name, row.names, row.value_name, kind_name(row.kind),
                         fmt::join(row.choices, ","), help);
    }
  }
  return out;
}

} // namespace wsh::cli
