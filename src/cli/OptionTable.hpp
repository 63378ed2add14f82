#pragma once

#include "handshake/ClientRequest.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace wsh::cli {

// The commands of ws-handshake. With no subcommand the server's side of the handshake runs,
// so that every command line of 1.0 keeps working; a subcommand is the first argument
// (`ws-handshake verify ...`), a row of k_commands with the rows of k_options that name it.
enum class Command : unsigned char { handshake, verify, request };

// A set of commands, one bit each: the commands an option belongs to.
using CommandSet = unsigned;
constexpr CommandSet on(Command command) {
  return 1U << static_cast<unsigned>(command);
}
inline constexpr CommandSet k_every_command = on(Command::handshake) | on(Command::verify);

// A command as --help presents it: its word on the command line (empty for the default one),
// what it does, and the text after the options.
struct CommandSpec {
  Command command;
  std::string_view name;
  std::string_view description;
  std::string_view footer;
};

// How an option takes its value, which decides how CLI11 reads it.
enum class OptionKind : unsigned char {
  operand,    // a positional argument, as FILE
  flag,       // no value; CLI11 also reads `--flag=false`
  text,       // one value, separate (`-p NAME`, `--protocol NAME`) or attached (`-pNAME`, `=NAME`)
  number,     // one unsigned value within [min, max], read as CLI11 reads integers (0x.. too)
  repeatable, // one value each time the option is given
  attached,   // a value only after `=`; bare, it takes none, so the next word stays an operand
  help,       // prints --help and ends the run
  version,    // prints the version and ends the run
};

// Which option a row is: its position in k_options, where what CLI11 read for it is kept.
enum class OptionId : unsigned char {
  help,
  version,
  file,
  response,
  request,
  exchange,
  client,
  list_clients,
  url,
  offered_protocol,
  offered_extension,
  origin,
  key,
  header,
  like,
  protocol,
  extension,
  accept_protocols,
  prefer,
  negotiate_deflate,
  server,
  list_servers,
  host,
  allow_origin,
  format,
  batch,
  har,
  input_format,
  target,
  strict,
  quiet,
  verbose,
  color,
  max_header_bytes,
  max_line_bytes,
  max_fields,
  allow_truncated,
  list_diagnostics,
  fail_on,
  min_severity,
  redact,
  dump_options,
  count,
};

// One option, declared once: parsing, --help, --dump-options (the docs check, shell
// completions) all read this row. The rows' order is the order of --help and of CLI11's checks.
struct OptionSpec {
  OptionId id;
  // The commands that take it.
  CommandSet commands;
  OptionKind kind;
  // CLI11's spelling: "-p,--protocol"; an operand's name: "FILE".
  std::string_view names;
  // The value's name in --help: "NAME"; empty when there is no value.
  std::string_view value_name;
  // The --help text, broken into lines as --help shows it.
  std::string_view help;
  // The only values accepted, when there is such a list.
  std::span<const std::string_view> choices = {};
  // The range of a number.
  std::size_t min = 0;
  std::size_t max = 0;
  // Left out of --help and --dump-options.
  bool hidden = false;
};

inline constexpr std::array<std::string_view, 2> k_prefer_choices{"server", "client"};
inline constexpr std::array<std::string_view, 6> k_format_choices{"text",  "http",   "json",
                                                                  "sarif", "github", "gcc"};
inline constexpr std::array<std::string_view, 4> k_fail_on_choices{"error", "warning", "note",
                                                                   "never"};
inline constexpr std::array<std::string_view, 3> k_severity_choices{"error", "warning", "note"};
inline constexpr std::array<std::string_view, 6> k_input_format_choices{"auto", "raw", "headers",
                                                                        "curl", "har", "pcap"};
inline constexpr std::array<std::string_view, 3> k_color_choices{"auto", "always", "never"};

// The commands; the first is the default.
inline constexpr std::array k_commands{
    CommandSpec{
        Command::handshake,
        "",
        "Answer a WebSocket opening handshake as a server would (RFC 6455).\n"
        "Reads one raw HTTP/1.1 upgrade request, as a client sent it, from FILE or standard "
        "input;\n"
        "prints the response headers to send, or every reason the request is invalid, with the\n"
        "line and column of each problem.\n",
        R"(Examples:
  ws-handshake samples/chromium.http
      Answer Chromium's request: prints Upgrade, Connection and Sec-WebSocket-Accept.
  ws-handshake -p chat samples/chromium-subprotocols.http
      Choose the subprotocol "chat" from the ones the client offered.
  ws-handshake -e 'permessage-deflate; client_max_window_bits=15' samples/python-websockets.http
      Accept an offered extension with parameters.
  ws-handshake -f http samples/node-ws.http | od -c
      The exact bytes to write to the socket.
  cat samples/broken/version-8.http | ws-handshake -f json - | jq .diagnostics
      Machine-readable outcome on stdout: here, why a version 8 request is refused.

Exit status:
  0  accepted (also --help, --version, --list-diagnostics)
  1  refused: the request or the choices break a rule
  2  usage error
  3  input or output error: unreadable, empty, incomplete or oversized input
     (in a batch: input that cannot be read or holds no request), or standard
     output could not be written

Diagnostics go to stderr as FILE:LINE:COL: severity: message [id]; see
--list-diagnostics and ws-handshake(1) for every id.

Commands:
  verify   Check a server's response against the request the client sent, and
           say which real clients open the connection (ws-handshake verify --help).
  request  Print a client's opening request for a ws:// or wss:// URI, plain or
           as a real client sends it (ws-handshake request --help).)",
    },
    CommandSpec{
        Command::verify,
        "verify",
        "Check a server's response to a WebSocket opening handshake (RFC 6455 4.1), as\n"
        "WebSocketEndClientHandshake does: reads the raw response from RESPONSE or standard\n"
        "input and the request the client sent from --request REQ; prints every problem in\n"
        "the response with its line and column, and, for each real client, whether the\n"
        "connection opens and what the client prints when it does not.\n",
        R"(Examples:
  ws-handshake verify --request samples/exchange/wrong-accept.request.http samples/exchange/wrong-accept.response.http
      Which clients fail a 101 whose Sec-WebSocket-Accept is wrong, and why.
  ws-handshake verify --client chromium --request samples/exchange/no-protocol.request.http samples/exchange/no-protocol.response.http
      Chromium alone: its message, and the exit status it implies.
  ws-handshake verify --exchange samples/exchange/stream.http
      A capture of both directions, request first (Wireshark's Follow TCP Stream).
  ws-handshake verify -f json --request samples/exchange/wrong-accept.request.http samples/exchange/wrong-accept.response.http | jq .clients
      Per-client verdicts as JSON.

Exit status:
  0  every selected client opens (with one --client: that client opens)
  1  a selected client fails
  2  usage error
  3  input or output error: a request or response that cannot be read at all

Clients: rfc (RFC 6455's own verdict) and the real clients --list-clients
prints; --client all (the default) judges every one.)",
    },
    CommandSpec{
        Command::request,
        "request",
        "Print the opening request a WebSocket client sends (RFC 6455 4.1) for a ws:// or\n"
        "wss:// URI: Host from the URI, the path and query as the target, a fresh key and\n"
        "version 13, the offers given; or, with --like, exactly the fields a real client\n"
        "sends, in its order. The bytes go to standard output, CRLF line endings included.\n",
        R"(Examples:
  ws-handshake request ws://127.0.0.1:8080/chat -p chat
      A request offering the subprotocol chat.
  ws-handshake request --like chromium wss://example.com/socket?room=1
      What Chromium sends to that URI (its User-Agent, Origin, offers, order).
  ws-handshake request --key dGhlIHNhbXBsZSBub25jZQ== ws://server.example.com/chat | ws-handshake -
      A request with a fixed key, answered as a server would.
  ws-handshake request ws://127.0.0.1:8080/ | nc 127.0.0.1 8080
      Send it to a server and read the 101.

Exit status:
  0  the request was printed
  2  usage error: a URI that is not ws:// or wss://, a malformed offer or key,
     a -H naming Upgrade, Connection or Sec-WebSocket-*
  3  no random key could be drawn, or standard output could not be written)",
    },
};

// Every option of every command.
inline constexpr std::array k_options{
    OptionSpec{OptionId::help, k_every_command | on(Command::request), OptionKind::help,
               "-h,--help", "", "Print this help message and exit"},
    OptionSpec{OptionId::version, k_every_command | on(Command::request), OptionKind::version,
               "--version", "", "Display program version information and exit"},
    OptionSpec{OptionId::file, on(Command::handshake), OptionKind::operand, "FILE", "",
               "The request to read; '-' or absent reads standard input"},
    OptionSpec{OptionId::response, on(Command::verify), OptionKind::operand, "RESPONSE", "",
               "The response to check, as the server sent it; '-' or\n"
               "absent reads standard input"},
    OptionSpec{OptionId::request, on(Command::verify), OptionKind::text, "--request", "REQ",
               "The request the client sent (a raw HTTP/1.1 head)"},
    OptionSpec{OptionId::exchange, on(Command::verify), OptionKind::text, "--exchange", "FILE",
               "One capture of both directions: the request, then the\n"
               "response (instead of --request and RESPONSE)"},
    OptionSpec{OptionId::client, on(Command::verify), OptionKind::text, "--client", "NAMES",
               "Clients to judge, comma-separated, or all (the default):\n"
               "rfc and those --list-clients prints"},
    OptionSpec{OptionId::list_clients, on(Command::verify), OptionKind::flag, "--list-clients", "",
               "List the clients whose behaviour is known, then exit"},
    OptionSpec{OptionId::url, on(Command::request), OptionKind::operand, "URL", "",
               "The server's ws:// or wss:// URI"},
    OptionSpec{OptionId::offered_protocol, on(Command::request), OptionKind::repeatable,
               "-p,--protocol", "PROTO",
               "A subprotocol to offer, most preferred first\n(repeatable)"},
    OptionSpec{OptionId::offered_extension, on(Command::request), OptionKind::repeatable,
               "-e,--extension", "EXT",
               "An extension to offer, with its parameters (repeatable);\n"
               "without -e, a --like client offers its own"},
    OptionSpec{OptionId::origin, on(Command::request), OptionKind::text, "--origin", "ORIGIN",
               "The page's origin, sent as Origin (a --like browser\n"
               "sends the URI's own origin by default)"},
    OptionSpec{OptionId::key, on(Command::request), OptionKind::text, "--key", "KEY",
               "The Sec-WebSocket-Key, the base64 of 16 bytes\n"
               "(default: 16 random bytes from OpenSSL)"},
    OptionSpec{OptionId::header, on(Command::request), OptionKind::repeatable, "-H,--header",
               "FIELD",
               "'Name: value' replaces a field of the request or adds\n"
               "one; 'Name:' leaves it out, 'Name;' sends it empty\n"
               "(repeatable; not Upgrade, Connection, Sec-WebSocket-*)"},
    OptionSpec{OptionId::like, on(Command::request), OptionKind::text, "--like", "CLIENT",
               "Send the fields this client sends, in its order:\n"
               "chromium, firefox, webkit, node-ws or python-websockets",
               handshake::k_client_template_names},
    OptionSpec{OptionId::protocol, on(Command::handshake), OptionKind::text, "-p,--protocol",
               "NAME", "The subprotocol the server chose; it must be one\nthe client offered"},
    OptionSpec{OptionId::extension, on(Command::handshake), OptionKind::repeatable,
               "-e,--extension", "EXT",
               "An extension the server accepts, with its parameters, as\n"
               "'permessage-deflate; client_max_window_bits=15' (repeatable)"},
    OptionSpec{OptionId::accept_protocols, on(Command::handshake), OptionKind::text,
               "--accept-protocols", "LIST",
               "Subprotocols the server supports, comma-separated;\n"
               "the first one the client offered is chosen (-p wins)"},
    OptionSpec{OptionId::prefer, on(Command::handshake), OptionKind::text, "--prefer", "SIDE",
               "Whose order --accept-protocols follows: server (the\n"
               "list's, as Python websockets) or client (as Node ws)",
               k_prefer_choices},
    OptionSpec{OptionId::negotiate_deflate, on(Command::handshake), OptionKind::attached,
               "--negotiate-deflate", "SETTINGS",
               "Accept the first acceptable permessage-deflate offer;\n"
               "SETTINGS, attached with '=', as server_max_window_bits=10,\n"
               "client_max_window_bits=12,server_no_context_takeover\n"
               "(an -e permessage-deflate wins)"},
    OptionSpec{OptionId::server, on(Command::handshake), OptionKind::text, "--server", "NAMES",
               "Predict what these server libraries answer (comma-\n"
               "separated, or all; see --list-servers); the exit status\n"
               "is theirs: 0 only when every one opens the connection"},
    OptionSpec{
        OptionId::list_servers, on(Command::handshake), OptionKind::flag, "--list-servers", "",
        "List the server libraries whose behaviour is known,\nwith their versions, then exit"},
    OptionSpec{OptionId::host, on(Command::handshake), OptionKind::text, "--host", "HOST[:PORT]",
               "The authority the server serves: a Host naming another\n"
               "host or port is refused (421)"},
    OptionSpec{OptionId::allow_origin, on(Command::handshake), OptionKind::repeatable,
               "--allow-origin", "ORIGIN",
               "An origin the server allows, as https://app.example\n"
               "(repeatable, or comma-separated; * for any): another\n"
               "Origin is refused (403)"},
    OptionSpec{OptionId::format, k_every_command, OptionKind::text, "-f,--format", "FORMAT",
               "Output: text (headers), http (bytes to send), json,\n"
               "sarif (SARIF 2.1.0), github (Actions annotations) or gcc\n"
               "(FILE:LINE:COL: severity: message [id] lines)",
               k_format_choices},
    OptionSpec{OptionId::batch, on(Command::handshake), OptionKind::flag, "--batch", "",
               "The input is a stream of requests back to back: answer\n"
               "each in order, then print a summary on stderr"},
    OptionSpec{OptionId::har, on(Command::handshake), OptionKind::text, "--har", "FILE",
               "Answer the WebSocket handshakes recorded in a HAR file\n"
               "(Chrome's or Firefox's devtools export)"},
    OptionSpec{OptionId::input_format, on(Command::handshake), OptionKind::text, "--input-format",
               "FORMAT",
               "auto (the default: detected from the content, said in\n"
               "a note), raw (HTTP bytes), headers (a pasted header\n"
               "block), curl (curl -v output or a copied curl command),\n"
               "har or pcap (pcap or pcapng capture)",
               k_input_format_choices},
    OptionSpec{OptionId::target, on(Command::handshake), OptionKind::text, "--target", "PATH",
               "The request-target of the request line assumed for a\n"
               "header block that has none (default /)"},
    OptionSpec{OptionId::strict, on(Command::handshake), OptionKind::flag, "--strict", "",
               "Warnings fail the handshake too"},
    OptionSpec{OptionId::quiet, k_every_command, OptionKind::flag, "-q,--quiet", "",
               "Print nothing; report through the exit status"},
    OptionSpec{OptionId::verbose, on(Command::handshake), OptionKind::flag, "-v,--verbose", "",
               "Also show the offers and the negotiated result on\nstderr (text and http)"},
    OptionSpec{OptionId::color, k_every_command, OptionKind::text, "--color", "WHEN",
               "Colour diagnostics: auto (a terminal, unless NO_COLOR\n"
               "is set or TERM=dumb), always or never",
               k_color_choices},
    OptionSpec{OptionId::max_header_bytes,
               k_every_command,
               OptionKind::number,
               "--max-header-bytes",
               "N",
               "Largest header block accepted (default 65536)",
               {},
               64,
               1048576},
    OptionSpec{OptionId::max_line_bytes,
               on(Command::handshake),
               OptionKind::number,
               "--max-line-bytes",
               "N",
               "Longest line of the head the server reads, CR LF not\n"
               "counted (default: no limit; nginx reads 8192)",
               {},
               16,
               1048576},
    OptionSpec{OptionId::max_fields,
               on(Command::handshake),
               OptionKind::number,
               "--max-fields",
               "N",
               "Most header fields accepted (default 256)",
               {},
               1,
               100000},
    OptionSpec{OptionId::allow_truncated, on(Command::handshake), OptionKind::flag,
               "--allow-truncated", "",
               "Treat the end of input as the end of the headers\n(for pasted header blocks)"},
    OptionSpec{OptionId::list_diagnostics, k_every_command, OptionKind::flag, "--list-diagnostics",
               "", "List every diagnostic id with its severity and\nmeaning, then exit"},
    OptionSpec{OptionId::fail_on, on(Command::handshake), OptionKind::text, "--fail-on", "SEVERITY",
               "The least severity that makes the exit status 1: error\n"
               "(the default), warning, note or never (--strict implies\n"
               "warning)",
               k_fail_on_choices},
    OptionSpec{
        OptionId::min_severity, k_every_command, OptionKind::text, "--min-severity", "SEVERITY",
        "Print only diagnostics of this severity or worse:\nerror, warning or note (the default)",
        k_severity_choices},
    OptionSpec{OptionId::redact, k_every_command, OptionKind::attached, "--redact", "key",
               "Hide credentials in every output (Cookie, Authorization,\n"
               "tokens in queries, subprotocols and URLs) behind a\n"
               "same-length placeholder; =key hides the Sec-WebSocket-Key too"},
    OptionSpec{OptionId::dump_options,
               k_every_command | on(Command::request),
               OptionKind::flag,
               "--dump-options",
               "",
               "Print this table of options, one per line, tab-separated, then exit",
               {},
               0,
               0,
               true},
};

// The row of `id`.
constexpr const OptionSpec& option_spec(OptionId id) {
  return k_options[static_cast<std::size_t>(id)];
}

static_assert(k_options.size() == static_cast<std::size_t>(OptionId::count));
static_assert(
    [] {
      for (std::size_t i = 0; i < k_options.size(); ++i) {
        if (static_cast<std::size_t>(k_options[i].id) != i) {
          return false;
        }
      }
      return true;
    }(),
    "each row of k_options sits at the position its OptionId names");

} // namespace wsh::cli
