#include "cli/HarInput.hpp"

#include "util/Escape.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace wsh::cli {

namespace {

using Json = nlohmann::json;

// A HAR larger than this is refused rather than read into memory.
constexpr std::size_t k_max_har_bytes = std::size_t{256} << 20U;

util::Expected<std::string, std::string> read_all(const std::string& path,
                                                  const std::string* start) {
  std::string bytes = path == "-" && start != nullptr ? *start : std::string();
  std::istream* in = &std::cin;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      return util::unexpected(
          fmt::format("cannot open {}: {}", util::escape_for_terminal(path), std::strerror(errno)));
    }
    in = &file;
  }
  std::array<char, 65536> chunk{};
  while (*in) {
    in->read(chunk.data(), chunk.size());
    bytes.append(chunk.data(), static_cast<std::size_t>(in->gcount()));
    if (bytes.size() > k_max_har_bytes) {
      return util::unexpected(
          fmt::format("{} is larger than 256 MiB; split the HAR", util::escape_for_terminal(path)));
    }
  }
  if (in->bad()) {
    return util::unexpected(fmt::format("cannot read {}: it is a directory or unreadable",
                                        util::escape_for_terminal(path)));
  }
  return bytes;
}

std::string string_at(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// response.status, or 0 when there is none.
int response_status(const Json& entry) {
  const auto response = entry.find("response");
  if (response != entry.end() && response->is_object()) {
    const auto status = response->find("status");
    if (status != response->end() && status->is_number_integer()) {
      return status->get<int>();
    }
  }
  return 0;
}

bool has_header(const Json& headers, std::string_view lowercase_name) {
  for (const Json& header : headers) {
    if (!header.is_object()) {
      continue;
    }
    std::string name = string_at(header, "name");
    for (char& c : name) {
      c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (name == lowercase_name) {
      return true;
    }
  }
  return false;
}

bool is_websocket_entry(const Json& entry, const std::string& url) {
  return response_status(entry) == 101 || string_at(entry, "_resourceType") == "websocket" ||
         url.starts_with("ws:") || url.starts_with("wss:");
}

// origin-form of a URL (RFC 9112 3.2.1): path and query, no fragment; "/" when the path is
// empty.
std::string target_of(const std::string& url) {
  std::string rest = url;
  const std::size_t scheme = rest.find("://");
  if (scheme != std::string::npos) {
    const std::size_t path = rest.find_first_of("/?#", scheme + 3);
    rest = path == std::string::npos ? std::string() : rest.substr(path);
  }
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() == '?') {
    rest.insert(0, "/");
  }
  return rest;
}

// HAR's httpVersion as a request line wants it; devtools write "HTTP/1.1", some tools
// "http/1.1" or nothing.
std::string version_of(std::string version) {
  if (version.empty()) {
    return "HTTP/1.1";
  }
  if (version.size() == 8 && (version.starts_with("http/") || version.starts_with("HTTP/"))) {
    version.replace(0, 4, "HTTP");
  }
  return version;
}

// A CR or LF inside a HAR name or value would forge a header line in the rebuilt request; it
// becomes NUL so the parser reports a control byte at that very place.
void append_field_text(std::string& out, const std::string& text) {
  for (const char c : text) {
    out += c == '\r' || c == '\n' ? '\0' : c;
  }
}

// In a name, a colon or whitespace would move the boundary between name and value; they
// become NUL too, so the parser reports an invalid field name there.
void append_field_name(std::string& out, const std::string& name) {
  for (const char c : name) {
    out += c == '\r' || c == '\n' || c == ':' || c == ' ' || c == '\t' ? '\0' : c;
  }
}

// The response head of an entry (RFC 9112 4: status-line, then the fields), from
// response.httpVersion, status, statusText and headers; none when the entry records no status
// or no headers, as for a connection that failed.
std::optional<std::string> rebuild_response(const Json& entry) {
  const auto response = entry.find("response");
  if (response == entry.end() || !response->is_object()) {
    return std::nullopt;
  }
  const int status = response_status(entry);
  const auto headers = response->find("headers");
  if (status < 100 || status > 999 || headers == response->end() || !headers->is_array() ||
      headers->empty()) {
    return std::nullopt;
  }
  std::string head;
  append_field_text(head, version_of(string_at(*response, "httpVersion")));
  head += fmt::format(" {} ", status);
  append_field_text(head, string_at(*response, "statusText"));
  head += "\r\n";
  for (const Json& header : *headers) {
    if (!header.is_object()) {
      continue;
    }
    append_field_name(head, string_at(header, "name"));
    head += ": ";
    append_field_text(head, string_at(header, "value"));
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

} // namespace

util::Expected<HarContents, std::string> read_har(const std::string& path,
                                                  const std::string* start) {
  const std::string shown = path == "-" ? "standard input" : util::escape_for_terminal(path);
  auto bytes = read_all(path, start);
  if (!bytes) {
    return util::unexpected(bytes.error());
  }
  // Keep only the members read below: a devtools export can hold response bodies and
  // WebSocket message logs many times larger than the requests.
  static const std::array<std::string_view, 14> k_kept = {
      "log",    "entries",   "request",     "response", "_resourceType", "startedDateTime",
      "method", "url",       "httpVersion", "headers",  "name",          "value",
      "status", "statusText"};
  const Json::parser_callback_t keep_needed = [](int /*depth*/, Json::parse_event_t event,
                                                 Json& parsed) {
    if (event != Json::parse_event_t::key) {
      return true;
    }
    const auto& key = parsed.get_ref<const std::string&>();
    return std::find(k_kept.begin(), k_kept.end(), key) != k_kept.end();
  };
  Json document;
  try {
    document = Json::parse(*bytes, keep_needed);
  } catch (const Json::parse_error& e) {
    return util::unexpected(fmt::format("{} is not a HAR file: not JSON (at byte {})", shown,
                                        e.byte > 0 ? e.byte - 1 : 0));
  }
  if (!document.is_object() || !document.contains("log") || !document["log"].is_object() ||
      !document["log"].contains("entries") || !document["log"]["entries"].is_array()) {
    return util::unexpected(
        fmt::format("{} is not a HAR file: it has no log.entries array", shown));
  }
  HarContents found;
  const Json& entries = document["log"]["entries"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& entry = entries[i];
    if (!entry.is_object() || !entry.contains("request") || !entry["request"].is_object()) {
      return util::unexpected(
          fmt::format("{} is not a HAR file: log.entries[{}] has no request object", shown, i));
    }
    const Json& request = entry["request"];
    const std::string url = string_at(request, "url");
    if (!is_websocket_entry(entry, url)) {
      continue;
    }
    const auto headers = request.find("headers");
    const bool has_headers = headers != request.end() && headers->is_array() && !headers->empty();
    if (!has_headers) {
      found.skipped.push_back({i, url, "no request was sent (the connection failed first)"});
      continue;
    }
    if (response_status(entry) == 200 && !has_header(*headers, "sec-websocket-key")) {
      found.skipped.push_back(
          {i, url, "WebSocket over HTTP/2 (RFC 8441, extended CONNECT): no HTTP/1.1 upgrade"});
      continue;
    }
    HarRequest rebuilt;
    rebuilt.url = url;
    rebuilt.started = string_at(entry, "startedDateTime");
    rebuilt.entry_index = i;
    std::string& head = rebuilt.request;
    append_field_text(head, string_at(request, "method"));
    head += ' ';
    append_field_text(head, target_of(url));
    head += ' ';
    append_field_text(head, version_of(string_at(request, "httpVersion")));
    head += "\r\n";
    {
      for (const Json& header : *headers) {
        if (!header.is_object()) {
          continue;
        }
        append_field_name(head, string_at(header, "name"));
        head += ": ";
        append_field_text(head, string_at(header, "value"));
        head += "\r\n";
      }
    }
    head += "\r\n";
    rebuilt.response = rebuild_response(entry);
    found.requests.push_back(std::move(rebuilt));
  }
  return found;
}

} // namespace wsh::cli
