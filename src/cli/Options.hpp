#pragma once

#include "handshake/ServerHandshake.hpp"
#include "http/RequestParser.hpp"

#include <optional>
#include <string>
#include <variant>

namespace wsh::cli {

// How output is written: -f/--format.
enum class Format { text, http, json };

// When standard error gets colour: --color.
enum class ColorWhen { auto_detect, always, never };

// Everything the command line asked for.
struct Options {
  std::string input_path = "-";
  Format format = Format::text;
  ColorWhen color = ColorWhen::auto_detect;
  // --batch: a stream of requests; --har / --input-format har: a HAR file.
  bool batch = false;
  bool har = false;
  bool quiet = false;
  bool verbose = false;
  bool list_diagnostics = false;
  handshake::ServerChoices choices;
  http::ParseOptions parse;
};

// What parsing the command line came to: options to run with, or an exit status after help,
// --version or a usage error has been printed.
using ParsedCommandLine = std::variant<Options, int>;

// Parses argv with CLI11 and checks -p and -e against RFC 6455's grammar.
ParsedCommandLine parse_command_line(int argc, char** argv);

} // namespace wsh::cli
