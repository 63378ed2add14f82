#include "cli/ExitStatus.hpp"
#include "cli/OptionTable.hpp"
#include "cli/Options.hpp"
#include "version.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace wsh::cli;

namespace {

std::string show(const wsh::handshake::DeflateSettings& settings) {
  return fmt::format("snct={} cnct={} smwb={} cmwb={}", settings.server_no_context_takeover,
                     settings.client_no_context_takeover,
                     settings.server_max_window_bits.value_or(0),
                     settings.client_max_window_bits.value_or(0));
}

// Every field of a parse, on one line, so that two parses compare as strings.
std::string show(const ParsedCommandLine& parsed) {
  if (const auto* exit = std::get_if<CommandLineExit>(&parsed)) {
    return fmt::format("exit {} out[{}] err[{}]", exit->status, exit->out, exit->err);
  }
  const Options& o = std::get<Options>(parsed);
  const auto& c = o.choices;
  return fmt::format(
      "input={} format={} color={} batch={} har={} quiet={} verbose={} list={} dump={} "
      "subprotocol={} extensions=[{}] accept=[{}] prefer={} deflate={} strict={} max={} "
      "truncated={}",
      o.input_path, static_cast<int>(o.format), static_cast<int>(o.color), o.batch, o.har, o.quiet,
      o.verbose, o.list_diagnostics, o.dump_options, c.subprotocol.value_or("(none)"),
      fmt::join(c.extensions, "|"), fmt::join(c.accept_protocols, "|"), static_cast<int>(c.prefer),
      c.negotiate_deflate ? show(*c.negotiate_deflate) : "(none)", c.strict,
      o.parse.max_header_bytes, o.parse.allow_truncated);
}

ParsedCommandLine parse(std::initializer_list<std::string_view> arguments,
                        Declare declare = Declare::mentioned) {
  const std::vector<std::string_view> list(arguments);
  return parse_command_line(list, declare);
}

Options options_of(const ParsedCommandLine& parsed) {
  REQUIRE_MESSAGE(std::holds_alternative<Options>(parsed), show(parsed));
  return std::get<Options>(parsed);
}

CommandLineExit exit_of(const ParsedCommandLine& parsed) {
  REQUIRE_MESSAGE(std::holds_alternative<CommandLineExit>(parsed), show(parsed));
  return std::get<CommandLineExit>(parsed);
}

struct UsageCase {
  std::initializer_list<std::string_view> arguments;
  std::string_view message;
};

} // namespace

TEST_CASE("cli::Options") {
  SUBCASE("defaults") {
    const Options o = options_of(parse({}));
    CHECK(o.input_path == "-");
    CHECK(o.format == Format::text);
    CHECK(o.color == ColorWhen::auto_detect);
    CHECK_FALSE(o.choices.subprotocol);
    CHECK_FALSE(o.choices.negotiate_deflate);
    CHECK(o.choices.prefer == wsh::handshake::ProtocolPreference::server);
    CHECK(o.parse.max_header_bytes == 65536);
  }

  SUBCASE("every spelling of a value") {
    for (const auto arguments : {std::initializer_list<std::string_view>{"-p", "chat"},
                                 {"-pchat"},
                                 {"--protocol=chat"},
                                 {"--protocol", "chat"},
                                 {"-qpchat"}}) {
      const Options o = options_of(parse(arguments));
      CHECK(o.choices.subprotocol == "chat");
      CHECK(o.input_path == "-");
    }
  }

  SUBCASE("argv to fields") {
    CHECK(options_of(parse({"samples/chromium.http"})).input_path == "samples/chromium.http");
    CHECK(options_of(parse({"--", "-p"})).input_path == "-p");
    CHECK(options_of(parse({"-"})).input_path == "-");
    const Options extensions = options_of(parse({"-e", "a", "--extension=b; x=1", "-ec"}));
    CHECK(extensions.choices.extensions == std::vector<std::string>{"a", "b; x=1", "c"});
    const Options accept = options_of(parse({"--accept-protocols", " chat , superchat ,,"}));
    CHECK(accept.choices.accept_protocols == std::vector<std::string>{"chat", "superchat"});
    CHECK(options_of(parse({"--prefer", "client"})).choices.prefer ==
          wsh::handshake::ProtocolPreference::client);
    CHECK(options_of(parse({"-f", "json"})).format == Format::json);
    CHECK(options_of(parse({"--format=http"})).format == Format::http);
    CHECK(options_of(parse({"-fjson"})).format == Format::json);
    CHECK(options_of(parse({"--color", "never"})).color == ColorWhen::never);
    CHECK(options_of(parse({"--color=always"})).color == ColorWhen::always);
    CHECK(options_of(parse({"--max-header-bytes", "0x100"})).parse.max_header_bytes == 256);
    CHECK(options_of(parse({"--max-header-bytes=1048576"})).parse.max_header_bytes == 1048576);
    CHECK(options_of(parse({"--batch"})).batch);
    CHECK_FALSE(options_of(parse({"--batch=false"})).batch);
    CHECK(options_of(parse({"--strict"})).choices.strict);
    CHECK(options_of(parse({"--allow-truncated"})).parse.allow_truncated);
    CHECK(options_of(parse({"--list-diagnostics"})).list_diagnostics);
    CHECK(options_of(parse({"--dump-options"})).dump_options);
    const Options flags = options_of(parse({"-qv"}));
    CHECK((flags.quiet && flags.verbose));
    const Options har = options_of(parse({"--har", "x.har"}));
    CHECK((har.har && har.input_path == "x.har"));
    const Options input_har = options_of(parse({"--input-format", "har", "x.har"}));
    CHECK((input_har.har && input_har.input_path == "x.har"));
  }

  SUBCASE("--negotiate-deflate takes its value only attached") {
    const Options bare = options_of(parse({"--negotiate-deflate", "request.http"}));
    CHECK(bare.input_path == "request.http");
    REQUIRE(bare.choices.negotiate_deflate);
    CHECK(show(*bare.choices.negotiate_deflate) == "snct=false cnct=false smwb=0 cmwb=0");
    const Options set =
        options_of(parse({"--negotiate-deflate=server_max_window_bits=10", "request.http"}));
    REQUIRE(set.choices.negotiate_deflate);
    CHECK(set.choices.negotiate_deflate->server_max_window_bits == 10);
    CHECK(set.input_path == "request.http");
    const Options first = options_of(parse({"--negotiate-deflate", "--negotiate-deflate=x"}));
    CHECK(first.choices.negotiate_deflate);
    CHECK(options_of(parse({"--", "--negotiate-deflate"})).input_path == "--negotiate-deflate");
    CHECK_FALSE(options_of(parse({"--", "--negotiate-deflate"})).choices.negotiate_deflate);
  }

  SUBCASE("usage errors") {
    const UsageCase cases[] = {
        {{"-p", ""}, "-p/--protocol: a server cannot choose an empty subprotocol"},
        {{"-p", ""}, "is the job of `ws-handshake verify`"},
        {{"-e", ""}, "-e/--extension: a server cannot choose an empty extension"},
        {{"-e", ""}, "echoes an empty Sec-WebSocket-Extensions"},
        {{"-p", "a b"}, "-p/--protocol `a b`: a space at column 2 is not allowed"},
        {{"--accept-protocols", "chat,a@b"}, "--accept-protocols `a@b`: '@' at column 2"},
        {{"-e", "a, b"}, "-e/--extension `a, b` names 2 extensions"},
        {{"-e", "a;"}, "-e/--extension `a;`: at column 3:"},
        {{"--prefer", "x"}, "--prefer: x not in {server,client}"},
        {{"-f", "xml"}, "--format: xml not in {text,http,json,sarif,github,gcc}"},
        {{"--color=sometimes"}, "--color: sometimes not in {auto,always,never}"},
        {{"--input-format", "xml"}, "--input-format: xml not in {auto,raw,headers,curl,har,pcap}"},
        {{"--max-header-bytes", "10"}, "--max-header-bytes: Value 10 not in range 64 to 1048576"},
        {{"--max-header-bytes", "abc"}, "Value abc not in range 64 to 1048576"},
        {{"--format"}, "--format: 1 required TEXT:{text,http,json,sarif,github,gcc} missing"},
        {{"--max-header-bytes"}, "1 required UINT:UINT in [64 - 1048576] missing"},
        {{"-p", "chat", "-p", "chat"}, "--protocol: At Most 1 required but received 2"},
        {{"a", "b"}, "The following argument was not expected: b"},
        {{"--bogus"}, "The following argument was not expected: --bogus"},
        {{"--batch=maybe"}, "Could not convert: --batch = maybe"},
        {{"--har", "x.har", "y.http"}, "--har names the input already"},
        {{"--batch", "--har", "x.har"}, "--batch reads raw requests"},
        {{"--negotiate-deflate=bogus"}, "--negotiate-deflate: `bogus` is not a permessage-deflate"},
        {{"--negotiate-deflate=server_max_window_bits=8"}, "zlib cannot use an 8-bit window"},
    };
    for (const UsageCase& usage : cases) {
      const CommandLineExit exit = exit_of(parse(usage.arguments));
      INFO(exit.err);
      CHECK(exit.status == k_exit_usage);
      CHECK(exit.out.empty());
      CHECK(exit.err.starts_with("ws-handshake: error: "));
      CHECK(exit.err.find(usage.message) != std::string::npos);
      CHECK(exit.err.ends_with("\nRun 'ws-handshake --help' for the options.\n"));
    }
  }

  SUBCASE("--help and --version") {
    for (const auto arguments : {std::initializer_list<std::string_view>{"--help"},
                                 {"-h"},
                                 {"-qh"},
                                 {"samples/chromium.http", "--help"}}) {
      const CommandLineExit help = exit_of(parse(arguments));
      CHECK(help.status == k_exit_accepted);
      CHECK(help.err.empty());
      CHECK(help.out.starts_with("Answer a WebSocket opening handshake"));
      CHECK(help.out.find("  --negotiate-deflate[=SETTINGS]\n") != std::string::npos);
      CHECK(help.out.find("  -p,--protocol NAME ") != std::string::npos);
      CHECK(help.out.find("samples/broken/version-8.http") != std::string::npos);
      CHECK(help.out.find("capture.http") == std::string::npos);
      CHECK(help.out.find("Exit status:\n  0  accepted") != std::string::npos);
      CHECK(help.out.find("--dump-options") == std::string::npos);
    }
    const CommandLineExit version = exit_of(parse({"--version"}));
    CHECK(version.status == k_exit_accepted);
    CHECK(version.out == fmt::format("ws-handshake {}\n", wsh::k_version));
    CHECK(options_of(parse({"--version=false"})).input_path == "-");
  }

  SUBCASE("declaring only the options named gives what declaring all of them gives") {
    const std::initializer_list<std::string_view> command_lines[] = {
        {},
        {"f.http"},
        {"-p", "--batch", "f.http"},
        {"-p", "-q"},
        {"-qvpchat", "f.http"},
        {"-vfjson", "-"},
        {"--negotiate-deflate", "f.http"},
        {"-p", "--negotiate-deflate", "f.http"},
        {"--negotiate-deflate={}", "f.http"},
        {"--", "-p", "chat"},
        {"--", "--help"},
        {"-e", "-h"},
        {"--prefer", "x", "--max-header-bytes", "1"},
        {"--max-header-bytes", "1", "--prefer", "x"},
        {"--help", "--prefer", "x"},
        {"--version", "--help"},
        {"--help", "--version"},
        {"-x", "f.http"},
        {"-5", "f.http"},
        {"---p", "chat"},
        {"--protocol_", "chat"},
        {"--PROTOCOL=chat"},
        {"--proto", "chat"},
        {"-", "-", "-"},
        {"-f", "--", "f.http"},
        {"--quiet=no", "-q"},
        {"-qq", "--batch=1", "--strict=true"},
        {"-e", "a", "-e", "--har", "x"},
        {"--accept-protocols=", "f.http"},
        {"--dump-options=false"},
    };
    for (const auto arguments : command_lines) {
      const std::string mentioned = show(parse(arguments, Declare::mentioned));
      INFO(fmt::format("{}", fmt::join(arguments, " ")));
      CHECK(mentioned == show(parse(arguments, Declare::all)));
    }
  }

  SUBCASE("the table") {
    for (const OptionSpec& row : k_options) {
      INFO(row.names);
      CHECK_FALSE(row.help.empty());
      // A short name that is a digit would make CLI11 read `-5` differently once declared,
      // which declaring only the options named relies on never happening.
      for (std::size_t i = 0; i + 1 < row.names.size(); ++i) {
        if (row.names[i] == '-' && (i == 0 || row.names[i - 1] == ',')) {
          CHECK_FALSE(std::isdigit(static_cast<unsigned char>(row.names[i + 1])));
        }
      }
      CHECK((row.choices.empty() || row.kind == OptionKind::text));
      CHECK((row.kind != OptionKind::number || row.min < row.max));
      const bool takes_value = row.kind == OptionKind::text || row.kind == OptionKind::number ||
                               row.kind == OptionKind::repeatable ||
                               row.kind == OptionKind::attached;
      CHECK(takes_value == !row.value_name.empty());
    }
    const std::string listing = describe_options();
    std::size_t lines = 0;
    for (const char c : listing) {
      lines += c == '\n' ? 1 : 0;
    }
    // One line per command an option belongs to.
    std::size_t shown = 0;
    for (const OptionSpec& row : k_options) {
      for (const CommandSpec& command : k_commands) {
        if (!row.hidden && (row.commands & on(command.command)) != 0) {
          ++shown;
        }
      }
    }
    CHECK(lines == shown);
    CHECK(listing.find("ws-handshake verify\t--request\tREQ\ttext\t") != std::string::npos);
    CHECK(listing.find("ws-handshake\t--prefer\tSIDE\ttext\tserver,client\tWhose order "
                       "--accept-protocols follows: server (the list's, as Python websockets) "
                       "or client (as Node ws)\n") != std::string::npos);
    CHECK(listing.find("--dump-options") == std::string::npos);
  }
}

TEST_CASE("cli::Options: verify") {
  SUBCASE("its inputs and clients") {
    const Options o = options_of(parse({"verify", "--request", "req.http", "resp.http"}));
    CHECK(o.command == Command::verify);
    CHECK(o.request_path == "req.http");
    CHECK(o.input_path == "resp.http");
    // --client all by default: rfc and every profiled client.
    REQUIRE(o.clients.size() > 2);
    CHECK(o.clients.front() == "rfc");
    CHECK(options_of(parse({"verify", "--request", "r", "--client", "chromium, rfc"})).clients ==
          std::vector<std::string>{"chromium", "rfc"});
    const Options exchange = options_of(parse({"verify", "--exchange", "both.http", "-f", "json"}));
    CHECK(exchange.exchange_path == "both.http");
    CHECK(exchange.format == Format::json);
    CHECK(options_of(parse({"verify", "--list-clients"})).list_clients);
  }
  SUBCASE("usage errors") {
    const auto error_of = [](std::initializer_list<std::string_view> arguments) {
      return exit_of(parse(arguments)).err;
    };
    CHECK(error_of({"verify", "resp.http"}).find("--request REQ") != std::string::npos);
    CHECK(error_of({"verify", "--request", "r", "--client", "netscape"})
              .find("no client named `netscape`") != std::string::npos);
    CHECK(error_of({"verify", "--exchange", "x", "--request", "r"}).find("either") !=
          std::string::npos);
    CHECK(error_of({"verify", "--request", "r", "-f", "http"}).find("text, json, sarif") !=
          std::string::npos);
    // The server side's options are not verify's, and verify's not the server side's.
    CHECK(exit_of(parse({"verify", "--request", "r", "-p", "chat"})).status == k_exit_usage);
    CHECK(exit_of(parse({"--request", "r"})).status == k_exit_usage);
  }
  SUBCASE("help is the command's own") {
    const CommandLineExit help = exit_of(parse({"verify", "--help"}));
    CHECK(help.status == k_exit_accepted);
    CHECK(help.out.find("--request REQ") != std::string::npos);
    CHECK(help.out.find("--negotiate-deflate") == std::string::npos);
    // "verify" as a FILE after other words is a file, not the command.
    CHECK(options_of(parse({"-f", "json", "verify"})).input_path == "verify");
  }
}
