#pragma once

#include "cli/OptionTable.hpp"
#include "handshake/ClientRequest.hpp"
#include "handshake/ServerHandshake.hpp"
#include "http/RequestParser.hpp"
#include "inputs/InputFormat.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wsh::cli {

// How output is written: -f/--format.
enum class Format { text, http, json, sarif, github, gcc };

// When standard error gets colour: --color.
enum class ColorWhen { auto_detect, always, never };

// Everything the command line asked for.
struct Options {
  Command command = Command::handshake;
  // FILE (the request) or, for verify, RESPONSE.
  std::string input_path = "-";
  // verify: the request the client sent, or one capture of both directions.
  std::string request_path;
  std::string exchange_path;
  // verify: the clients to judge, by name; "rfc" is RFC 6455's own verdict.
  std::vector<std::string> clients;
  bool list_clients = false;
  // --server: the server profiles to predict, by name, in --list-servers order.
  std::vector<std::string> servers;
  bool list_servers = false;
  // Without --server: a note for each cause the profiled servers refuse a request the RFC
  // allows for.
  bool server_notes = true;
  Format format = Format::text;
  ColorWhen color = ColorWhen::auto_detect;
  // --batch: a stream of requests; --har / --input-format har: a HAR file.
  bool batch = false;
  bool har = false;
  // --input-format: the format named, or none for `auto` (detected from the content).
  std::optional<inputs::InputFormat> input_format;
  // --target: the request-target assumed for a header block without a request line.
  std::optional<std::string> target;
  bool quiet = false;
  bool verbose = false;
  bool list_diagnostics = false;
  // --fail-on: the least severity that makes the exit status 1; none for `never`.
  std::optional<diagnostics::Severity> fail_on = diagnostics::Severity::error;
  // --min-severity: diagnostics below it are not printed.
  diagnostics::Severity min_severity = diagnostics::Severity::note;
  // --redact[=key]: credentials (and with `key`, the Sec-WebSocket-Key) hidden in the output.
  bool redact = false;
  bool redact_key = false;
  bool dump_options = false;
  // request: what the client offers, URI included, in the shape of --like's client.
  handshake::ClientOffer offer;
  const handshake::ClientTemplate* like = &handshake::k_plain_template;
  handshake::ServerChoices choices;
  http::ParseOptions parse;
};

// A command line that ends the run without a handshake: --help or --version (text for
// standard output, status 0) or a usage error (text for standard error, status 2).
struct CommandLineExit {
  int status = 0;
  std::string out;
  std::string err;
};

// What parsing the command line came to: options to run with, or an exit.
using ParsedCommandLine = std::variant<Options, CommandLineExit>;

// Which rows of the option table (cli/OptionTable.hpp) are declared to CLI11. Both read every
// command line alike, since CLI11 tells an option from a value or an operand by its spelling
// alone; `mentioned`, the rows spelled somewhere in the arguments, spares a run the cost of
// declaring options it does not use (declaring all of them costs more than the handshake), and
// --help then declares all of them to print.
enum class Declare { mentioned, all };

// Parses the arguments (argv without argv[0]) with CLI11 from the option table, then checks
// -p and -e against RFC 6455's grammar and the options against each other.
ParsedCommandLine parse_command_line(std::span<const std::string_view> arguments,
                                     Declare declare = Declare::mentioned);

// The option table as --dump-options prints it, for the docs check and shell completions: one
// line per option, tab-separated: command, names, value name, kind, choices (comma-separated),
// help on one line.
std::string describe_options();

} // namespace wsh::cli
