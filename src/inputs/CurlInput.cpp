#include "inputs/CurlInput.hpp"

#include "http/Grammar.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace wsh::inputs {

namespace {

bool is_blank_char(char c) {
  return c == ' ' || c == '\t';
}

void append_utf8(ShellWord& word, std::uint32_t code_point, std::size_t origin) {
  const auto put = [&](std::uint32_t byte) {
    word.text += static_cast<char>(byte);
    word.origins.push_back(origin);
  };
  if (code_point < 0x80) {
    put(code_point);
  } else if (code_point < 0x800) {
    put(0xc0U | (code_point >> 6U));
    put(0x80U | (code_point & 0x3fU));
  } else if (code_point < 0x10000) {
    put(0xe0U | (code_point >> 12U));
    put(0x80U | ((code_point >> 6U) & 0x3fU));
    put(0x80U | (code_point & 0x3fU));
  } else {
    put(0xf0U | (code_point >> 18U));
    put(0x80U | ((code_point >> 12U) & 0x3fU));
    put(0x80U | ((code_point >> 6U) & 0x3fU));
    put(0x80U | (code_point & 0x3fU));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// bash's $'...' (bash(1), QUOTING): the escape at text[at] (a backslash) into `word`; returns
// the offset after it.
std::size_t read_ansi_c_escape(std::string_view text, std::size_t at, std::size_t base,
                               ShellWord& word) {
  const std::size_t origin = base + at;
  if (at + 1 >= text.size()) {
    append_utf8(word, '\\', origin);
    return at + 1;
  }
  const char c = text[at + 1];
  const auto simple = [&](char out) {
    append_utf8(word, static_cast<unsigned char>(out), origin);
    return at + 2;
  };
  switch (c) {
  case 'n':
    return simple('\n');
  case 'r':
    return simple('\r');
  case 't':
    return simple('\t');
  case 'a':
    return simple('\a');
  case 'b':
    return simple('\b');
  case 'e':
  case 'E':
    return simple('\x1b');
  case 'f':
    return simple('\f');
  case 'v':
    return simple('\v');
  case '\\':
  case '\'':
  case '"':
  case '?':
    return simple(c);
  case 'x':
  case 'u':
  case 'U': {
    const std::size_t most = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    std::uint32_t value = 0;
    std::size_t k = at + 2;
    while (k < text.size() && k < at + 2 + most && hex_value(text[k]) >= 0) {
      value = value * 16 + static_cast<std::uint32_t>(hex_value(text[k]));
      ++k;
    }
    if (k == at + 2) {
      append_utf8(word, '\\', origin);
      return at + 1;
    }
    if (c == 'x') {
      word.text += static_cast<char>(value);
      word.origins.push_back(origin);
    } else {
      append_utf8(word, std::min<std::uint32_t>(value, 0x10ffff), origin);
    }
    return k;
  }
  default:
    if (c >= '0' && c <= '7') {
      std::uint32_t value = 0;
      std::size_t k = at + 1;
      while (k < text.size() && k < at + 4 && text[k] >= '0' && text[k] <= '7') {
        value = value * 8 + static_cast<std::uint32_t>(text[k] - '0');
        ++k;
      }
      word.text += static_cast<char>(value & 0xffU);
      word.origins.push_back(origin);
      return k;
    }
    append_utf8(word, '\\', origin);
    return at + 1;
  }
}

std::vector<ShellWord> split_bash(std::string_view text, std::size_t base) {
  std::vector<ShellWord> words;
  ShellWord current;
  bool in_word = false;
  const auto push_char = [&](char c, std::size_t at) {
    in_word = true;
    current.text += c;
    current.origins.push_back(base + at);
  };
  const auto end_word = [&] {
    if (in_word) {
      words.push_back(std::move(current));
      current = ShellWord();
      in_word = false;
    }
  };
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '\\') {
      if (at + 1 < text.size() && text[at + 1] == '\n') {
        at += 2;
      } else if (at + 2 < text.size() && text[at + 1] == '\r' && text[at + 2] == '\n') {
        at += 3;
      } else if (at + 1 < text.size()) {
        push_char(text[at + 1], at + 1);
        at += 2;
      } else {
        ++at;
      }
      continue;
    }
    if (is_blank_char(c) || c == '\r') {
      end_word();
      ++at;
      continue;
    }
    if (c == '\n' || c == ';' || c == '&' || c == '|') {
      if (!words.empty() || in_word) {
        break;
      }
      ++at;
      continue;
    }
    if (c == '#' && !in_word) {
      const std::size_t end = text.find('\n', at);
      at = end == std::string_view::npos ? text.size() : end;
      continue;
    }
    if (c == '\'') {
      const std::size_t end = text.find('\'', at + 1);
      const std::size_t stop = end == std::string_view::npos ? text.size() : end;
      in_word = true;
      for (std::size_t k = at + 1; k < stop; ++k) {
        push_char(text[k], k);
      }
      at = stop + 1;
      continue;
    }
    if (c == '$' && at + 1 < text.size() && text[at + 1] == '\'') {
      in_word = true;
      std::size_t k = at + 2;
      while (k < text.size() && text[k] != '\'') {
        if (text[k] == '\\') {
          k = read_ansi_c_escape(text, k, base, current);
        } else {
          push_char(text[k], k);
          ++k;
        }
      }
      at = k + 1;
      continue;
    }
    if (c == '"') {
      in_word = true;
      std::size_t k = at + 1;
      while (k < text.size() && text[k] != '"') {
        if (text[k] == '\\' && k + 1 < text.size() &&
            (text[k + 1] == '"' || text[k + 1] == '\\' || text[k + 1] == '$' ||
             text[k + 1] == '`' || text[k + 1] == '\n')) {
          if (text[k + 1] != '\n') {
            push_char(text[k + 1], k + 1);
          }
          k += 2;
          continue;
        }
        push_char(text[k], k);
        ++k;
      }
      at = k + 1;
      continue;
    }
    push_char(c, at);
    ++at;
  }
  end_word();
  return words;
}

// cmd.exe, then the C runtime's argument parser, as Chromium's and Firefox's "Copy as cURL
// (cmd)" quote for them: first ^ escapes the next character (a ^ before a line break joins the
// lines and escapes the first character of the next one), then "..." quotes and \" is a quote.
std::vector<ShellWord> split_cmd(std::string_view text, std::size_t base) {
  // Stage 1 (cmd.exe): the characters with their origins, and whether each was escaped.
  struct Char {
    char c;
    std::size_t origin;
  };
  std::vector<Char> chars;
  std::size_t at = 0;
  bool in_quotes = false;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '^' && !in_quotes && at + 1 < text.size()) {
      std::size_t next = at + 1;
      if (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n') {
        ++next;
      }
      if (text[next] == '\n') {
        // A continued line: the first character of the next line is taken as it is.
        if (next + 1 < text.size()) {
          chars.push_back({text[next + 1], base + next + 1});
        }
        at = next + 2;
        continue;
      }
      chars.push_back({text[next], base + next});
      at = next + 1;
      continue;
    }
    if (c == '"') {
      in_quotes = !in_quotes;
    }
    if ((c == '\n' || c == '&') && !in_quotes) {
      if (!chars.empty()) {
        break;
      }
      ++at;
      continue;
    }
    chars.push_back({c, base + at});
    ++at;
  }
  // Stage 2 (the C runtime): words split at blanks outside quotes; \" is a quote, "" inside
  // quotes a quote.
  std::vector<ShellWord> words;
  ShellWord current;
  bool in_word = false;
  bool quoted = false;
  const auto push = [&](char c, std::size_t origin) {
    in_word = true;
    current.text += c;
    current.origins.push_back(origin);
  };
  for (std::size_t k = 0; k < chars.size(); ++k) {
    const char c = chars[k].c;
    if (c == '\\') {
      std::size_t run = k;
      while (run < chars.size() && chars[run].c == '\\') {
        ++run;
      }
      const std::size_t count = run - k;
      in_word = true;
      if (run < chars.size() && chars[run].c == '"') {
        for (std::size_t n = 0; n < count / 2; ++n) {
          push('\\', chars[k + 2 * n].origin);
        }
        if (count % 2 == 1) {
          push('"', chars[run].origin);
          k = run;
          continue;
        }
        k = run - 1;
        continue;
      }
      for (std::size_t n = k; n < run; ++n) {
        push('\\', chars[n].origin);
      }
      k = run - 1;
      continue;
    }
    if (c == '"') {
      in_word = true;
      if (quoted && k + 1 < chars.size() && chars[k + 1].c == '"') {
        push('"', chars[k].origin);
        ++k;
        continue;
      }
      quoted = !quoted;
      continue;
    }
    if (!quoted && (is_blank_char(c) || c == '\r' || c == '\n')) {
      if (in_word) {
        words.push_back(std::move(current));
        current = ShellWord();
        in_word = false;
      }
      continue;
    }
    push(c, chars[k].origin);
  }
  if (in_word) {
    words.push_back(std::move(current));
  }
  return words;
}

bool written_for_cmd(std::string_view text) {
  return text.find("^\"") != std::string_view::npos ||
         text.find(" ^\n") != std::string_view::npos ||
         text.find(" ^\r\n") != std::string_view::npos || text.starts_with("curl.exe");
}

// Appends a word's characters from `from` to `to` to `out`, each mapped to its origin.
void append_word_part(RebuiltBytes& out, const ShellWord& word, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to && k < word.text.size(); ++k) {
    out.append_char(word.text[k], word.origins[k]);
  }
}

std::size_t origin_at(const ShellWord& word, std::size_t k) {
  if (word.origins.empty()) {
    return 0;
  }
  return word.origins[std::min(k, word.origins.size() - 1)];
}

// The short options of curl that take a value: those read here (-H, -b, -X) and the others.
constexpr std::string_view k_short_with_value = "HXbACDEFKPQTUYcdemortuwxyz";

// Whether short option `letter` takes a value.
bool short_takes_value(char letter) {
  return k_short_with_value.find(letter) != std::string_view::npos;
}

// Whether curl's option `option` (a whole word: -u, --user) takes a value in the next word
// (curl(1) OPTIONS): that word is then not a URL, and may be a credential (-u,
// --oauth2-bearer, -E).
bool takes_value(std::string_view option) {
  if (option.size() == 2 && option[0] == '-') {
    return short_takes_value(option[1]);
  }
  static constexpr auto k_long = std::to_array<std::string_view>({"--header",
                                                                  "--cookie",
                                                                  "--request",
                                                                  "--url",
                                                                  "--abstract-unix-socket",
                                                                  "--aws-sigv4",
                                                                  "--cacert",
                                                                  "--capath",
                                                                  "--cert",
                                                                  "--cert-type",
                                                                  "--ciphers",
                                                                  "--config",
                                                                  "--connect-timeout",
                                                                  "--connect-to",
                                                                  "--continue-at",
                                                                  "--cookie-jar",
                                                                  "--data",
                                                                  "--data-ascii",
                                                                  "--data-binary",
                                                                  "--data-raw",
                                                                  "--data-urlencode",
                                                                  "--dns-servers",
                                                                  "--doh-url",
                                                                  "--dump-header",
                                                                  "--form",
                                                                  "--form-string",
                                                                  "--ftp-port",
                                                                  "--interface",
                                                                  "--json",
                                                                  "--keepalive-time",
                                                                  "--key",
                                                                  "--key-type",
                                                                  "--limit-rate",
                                                                  "--local-port",
                                                                  "--max-filesize",
                                                                  "--max-redirs",
                                                                  "--max-time",
                                                                  "--noproxy",
                                                                  "--oauth2-bearer",
                                                                  "--output",
                                                                  "--pass",
                                                                  "--pinnedpubkey",
                                                                  "--preproxy",
                                                                  "--proxy",
                                                                  "--proxy-header",
                                                                  "--proxy-user",
                                                                  "--quote",
                                                                  "--range",
                                                                  "--referer",
                                                                  "--request-target",
                                                                  "--resolve",
                                                                  "--retry",
                                                                  "--retry-delay",
                                                                  "--retry-max-time",
                                                                  "--socks5",
                                                                  "--socks5-hostname",
                                                                  "--trace",
                                                                  "--trace-ascii",
                                                                  "--unix-socket",
                                                                  "--upload-file",
                                                                  "--user",
                                                                  "--user-agent",
                                                                  "--write-out",
                                                                  "--time-cond",
                                                                  "--speed-limit",
                                                                  "--speed-time",
                                                                  "--telnet-option",
                                                                  "--proxy-pass",
                                                                  "--tlspassword",
                                                                  "--tlsuser",
                                                                  "--proxy-tlspassword",
                                                                  "--proxy-tlsuser",
                                                                  "--proxy-key",
                                                                  "--proxy-cert",
                                                                  "--proxy-cacert",
                                                                  "--login-options",
                                                                  "--sasl-authzid",
                                                                  "--variable",
                                                                  "--url-query",
                                                                  "--proto",
                                                                  "--proto-redir",
                                                                  "--proto-default",
                                                                  "--mail-from",
                                                                  "--mail-rcpt",
                                                                  "--mail-auth",
                                                                  "--netrc-file",
                                                                  "--output-dir",
                                                                  "--socks4",
                                                                  "--socks4a",
                                                                  "--stderr",
                                                                  "--alt-svc",
                                                                  "--hsts"});
  return std::find(k_long.begin(), k_long.end(), option) != k_long.end();
}

// A word of short options run together, as curl reads it: `-sSL` is -s -S -L, and the first
// letter that takes a value takes the rest of the word (`-uuser:pw`, `-sH'X: y'`) or, when
// it is the last letter, the next word, which is then a value and never split. Each piece
// keeps its bytes' origins.
std::vector<ShellWord> split_short_groups(std::vector<ShellWord> words) {
  std::vector<ShellWord> out;
  bool value_next = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    ShellWord& word = words[k];
    const std::string& text = word.text;
    const bool is_value = value_next;
    value_next = false;
    if (k == 0 || is_value || text.size() <= 2 || text[0] != '-' || text[1] == '-' ||
        word.origins.size() != text.size()) {
      value_next = !is_value && k > 0 && takes_value(text);
      out.push_back(std::move(word));
      continue;
    }
    for (std::size_t i = 1; i < text.size(); ++i) {
      out.push_back(ShellWord{{'-', text[i]}, {word.origins[0], word.origins[i]}});
      if (!short_takes_value(text[i])) {
        continue;
      }
      if (i + 1 < text.size()) {
        out.push_back(ShellWord{
            text.substr(i + 1),
            {word.origins.begin() + static_cast<std::ptrdiff_t>(i + 1), word.origins.end()}});
      } else {
        value_next = true;
      }
      break;
    }
  }
  return out;
}

// The part of a word not read that may be a secret: all of a value, the value of
// --name=value, the rest of -uVALUE; nothing of a bare option name.
UnreadSpan unread_value(const ShellWord& word, bool is_value) {
  std::size_t from = 0;
  if (!is_value && word.text.starts_with("--")) {
    const std::size_t equals = word.text.find('=');
    from = equals == std::string::npos ? word.text.size() : equals + 1;
  } else if (!is_value && word.text.starts_with("-")) {
    from = std::min<std::size_t>(2, word.text.size());
  }
  if (from >= word.text.size() || from >= word.origins.size()) {
    return {};
  }
  const std::size_t begin = word.origins[from];
  const std::size_t end = word.origins.back() + 1;
  return {begin, end > begin ? end - begin : 0};
}

// A "Copy as cURL" command.
ReadResult read_curl_command(const OriginalText& original) {
  ReadResult result;
  const std::string_view text = original.bytes();
  std::size_t start = 0;
  while (start < text.size() &&
         (is_blank_char(text[start]) || text[start] == '\r' || text[start] == '\n')) {
    ++start;
  }
  if (text.substr(start).starts_with("$ ")) {
    start += 2;
  }
  const bool cmd = written_for_cmd(text.substr(start));
  const std::vector<ShellWord> words = split_short_groups(
      cmd ? split_cmd(text.substr(start), start) : split_bash(text.substr(start), start));
  const ShellWord* url = nullptr;
  const ShellWord* method = nullptr;
  struct Header {
    const ShellWord* word;
    bool cookie;
  };
  std::vector<Header> headers;
  std::vector<std::string> ignored;
  for (std::size_t k = 1; k < words.size(); ++k) {
    const std::string& arg = words[k].text;
    const bool has_next = k + 1 < words.size();
    if ((arg == "-H" || arg == "--header") && has_next) {
      headers.push_back({&words[++k], false});
    } else if ((arg == "-b" || arg == "--cookie") && has_next) {
      headers.push_back({&words[++k], true});
    } else if ((arg == "-X" || arg == "--request") && has_next) {
      method = &words[++k];
    } else if (arg == "--url" && has_next) {
      url = &words[++k];
    } else if (arg == "--compressed" || arg == "--insecure" || arg == "-k" || arg == "--globoff" ||
               arg == "-g" || arg == "-v" || arg == "-i" || arg == "-s" || arg == "--http1.1") {
      continue;
    } else if (!arg.starts_with("-") && url == nullptr) {
      url = &words[k];
    } else if (has_next &&
               (takes_value(arg) ||
                (arg.starts_with("--") && arg.size() > 2 && !words[k + 1].text.starts_with("-") &&
                 words[k + 1].text.find("://") == std::string::npos))) {
      // A value, or what follows an option not known here and is not a URL: taken as its
      // value, since it may be a credential.
      ignored.push_back(arg);
      ignored.push_back(words[++k].text);
      result.unread.push_back(unread_value(words[k], true));
    } else {
      ignored.push_back(arg);
      result.unread.push_back(unread_value(words[k], false));
    }
  }
  std::erase_if(result.unread, [](const UnreadSpan& span) { return span.size == 0; });
  if (!ignored.empty()) {
    std::string list;
    for (const std::string& arg : ignored) {
      list += list.empty() ? "" : " ";
      list += util::quote_input(arg);
    }
    result.notes.push_back({fmt::format("curl arguments not read: {}", list), std::nullopt, true});
  }
  RebuiltHandshake handshake;
  handshake.request = RebuiltBytes(original);
  RebuiltBytes& out = handshake.request;
  const std::size_t command_at = words.empty() ? 0 : origin_at(words.front(), 0);
  if (method != nullptr) {
    append_word_part(out, *method, 0, method->text.size());
  } else {
    out.append_assumed("GET", command_at);
  }
  out.append_assumed(" ", command_at);
  std::string_view authority;
  std::size_t authority_at = 0;
  if (url != nullptr) {
    const std::string& u = url->text;
    const std::size_t scheme = u.find("://");
    const std::size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
    std::size_t path = u.find_first_of("/?#", host_start);
    path = path == std::string::npos ? u.size() : path;
    authority = std::string_view(u).substr(host_start, path - host_start);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
      authority.remove_prefix(at + 1);
    }
    authority_at = static_cast<std::size_t>(authority.data() - u.data());
    std::size_t end = u.find('#', path);
    end = end == std::string::npos ? u.size() : end;
    if (path == end || u[path] != '/') {
      out.append_assumed("/", origin_at(*url, path));
    }
    append_word_part(out, *url, path, end);
  } else {
    out.append_assumed("/", command_at);
    result.notes.push_back({"the command names no URL: the target / is assumed", std::nullopt});
  }
  out.append_assumed(" HTTP/1.1\r\n", command_at);
  const bool has_host = std::any_of(headers.begin(), headers.end(), [](const Header& header) {
    const std::string_view name = std::string_view(header.word->text).substr(0, 5);
    return !header.cookie && name.size() == 5 && (name[0] == 'H' || name[0] == 'h') &&
           (name == "Host:" || name == "host:" || name == "HOST:");
  });
  if (url != nullptr && !has_host) {
    // curl sends Host from the URL (RFC 9110 7.2), without the port when it is the default.
    out.append_assumed("Host: ", origin_at(*url, authority_at));
    append_word_part(out, *url, authority_at, authority_at + authority.size());
    out.append_assumed("\r\n", origin_at(*url, authority_at + authority.size()));
  }
  bool has_key = false;
  for (const Header& header : headers) {
    const ShellWord& word = *header.word;
    if (header.cookie) {
      out.append_assumed("Cookie: ", origin_at(word, 0));
      append_word_part(out, word, 0, word.text.size());
      out.append_assumed("\r\n", origin_at(word, word.text.size()));
      continue;
    }
    const std::string_view line = word.text;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      // curl's -H 'Name;' sends the field with an empty value.
      if (line.ends_with(';') && http::is_token(line.substr(0, line.size() - 1))) {
        append_word_part(out, word, 0, line.size() - 1);
        out.append_assumed(":\r\n", origin_at(word, line.size() - 1));
      } else {
        result.notes.push_back(
            {fmt::format("-H {} is not a header line and is left out", util::quote_input(line)),
             origin_at(word, 0), true});
      }
      continue;
    }
    const std::string_view name = http::trim_ows(line.substr(0, colon));
    const std::string_view value = http::trim_ows(line.substr(colon + 1));
    if (value.empty()) {
      // curl's -H 'Name:' removes a field curl would add; nothing is sent.
      continue;
    }
    const auto index = [&](std::string_view part) {
      return static_cast<std::size_t>(part.data() - line.data());
    };
    has_key = has_key ||
              (name.size() == 17 && (name == "Sec-WebSocket-Key" || name == "sec-websocket-key"));
    append_word_part(out, word, index(name), index(name) + name.size());
    out.append_assumed(": ", origin_at(word, index(value)));
    append_word_part(out, word, index(value), index(value) + value.size());
    out.append_assumed("\r\n", origin_at(word, index(value) + value.size()));
  }
  out.append_assumed("\r\n", text.size());
  result.notes.push_back(
      {fmt::format("read as a copied curl command ({} quoting){}", cmd ? "cmd" : "bash",
                   has_key ? ": its Sec-WebSocket-Key and Sec-WebSocket-Version are the ones the "
                             "browser sent when it was copied, so a replay sends a stale key; the "
                             "request line and Host are the ones curl would send"
                           : ": the request line and Host are the ones curl would send"),
       std::nullopt});
  result.handshakes.push_back(std::move(handshake));
  return result;
}

// A curl -v transcript (`> ` and `< ` lines) or a --trace-ascii one.
ReadResult read_curl_transcript(const OriginalText& original) {
  ReadResult result;
  const std::vector<TextLine> lines = split_lines(original.bytes());
  RebuiltHandshake handshake;
  handshake.request = RebuiltBytes(original);
  RebuiltBytes response(original);
  bool request_done = false;
  bool response_done = false;
  // --trace-ascii: which direction the current dump is.
  enum class Dump { none, send_header, recv_header };
  Dump dump = Dump::none;
  for (const TextLine& line : lines) {
    const std::string_view text = line.text;
    if (text.starts_with("=> Send header")) {
      dump = Dump::send_header;
      continue;
    }
    if (text.starts_with("<= Recv header")) {
      dump = Dump::recv_header;
      continue;
    }
    if (text.starts_with("=> ") || text.starts_with("<= ") || text.starts_with("== ")) {
      dump = Dump::none;
      continue;
    }
    std::string_view content;
    std::size_t content_at = 0;
    bool to_request = false;
    if (dump != Dump::none) {
      // "0000: GET / HTTP/1.1": four or more hex digits, ": ", then the data.
      const std::size_t colon = text.find(": ");
      if (colon == std::string_view::npos || colon < 4 ||
          !std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon),
                       [](char c) { return hex_value(c) >= 0; })) {
        if (text.find(':') == text.size() - 1 && text.size() >= 5) {
          content = {};
          content_at = line.offset + text.size();
          to_request = dump == Dump::send_header;
        } else {
          dump = Dump::none;
          continue;
        }
      } else {
        content = text.substr(colon + 2);
        content_at = line.offset + colon + 2;
        to_request = dump == Dump::send_header;
      }
    } else if (text.starts_with(">")) {
      content = text.size() >= 2 ? text.substr(2) : std::string_view();
      content_at = line.offset + std::min<std::size_t>(2, text.size());
      to_request = true;
    } else if (text.starts_with("<")) {
      content = text.size() >= 2 ? text.substr(2) : std::string_view();
      content_at = line.offset + std::min<std::size_t>(2, text.size());
    } else {
      continue;
    }
    RebuiltBytes& out = to_request ? handshake.request : response;
    bool& done = to_request ? request_done : response_done;
    if (done) {
      continue;
    }
    out.append_copy(content, content_at);
    out.append_assumed("\r\n", content_at + content.size());
    if (http::trim_ows(content).empty() && !out.bytes().empty() && out.bytes() != "\r\n") {
      done = true;
    }
  }
  if (handshake.request.empty()) {
    result.notes.push_back({"the transcript holds no request line (`> ` lines)", std::nullopt});
  }
  if (!response.empty()) {
    handshake.response = std::move(response);
  }
  result.notes.push_back(
      {handshake.response ? "read as a curl transcript: the lines curl sent are the request, the "
                            "lines it received the response; a transcript does not keep every "
                            "line ending as sent, so line endings are not judged"
                          : "read as a curl transcript: the lines curl sent are the request; a "
                            "transcript does not keep every line ending as sent, so line endings "
                            "are not judged",
       std::nullopt});
  result.handshakes.push_back(std::move(handshake));
  return result;
}

} // namespace

std::vector<ShellWord> split_command_line(std::string_view text, std::size_t offset) {
  return written_for_cmd(text) ? split_cmd(text, offset) : split_bash(text, offset);
}

ReadResult read_curl(const OriginalText& original) {
  const std::vector<TextLine> lines = split_lines(original.bytes());
  for (const TextLine& line : lines) {
    std::string_view text = line.text;
    while (!text.empty() && is_blank_char(text.front())) {
      text.remove_prefix(1);
    }
    if (text.empty()) {
      continue;
    }
    if (text.starts_with("curl") || text.starts_with("$ curl")) {
      return read_curl_command(original);
    }
    break;
  }
  return read_curl_transcript(original);
}

} // namespace wsh::inputs
