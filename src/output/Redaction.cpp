#include "output/Redaction.hpp"

#include "handshake/AcceptKey.hpp"
#include "http/Grammar.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace wsh::output {

namespace {

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Query parameters whose values are credentials by name (compared case-insensitively).
constexpr std::array<std::string_view, 11> k_secret_parameters = {
    "token",   "access_token", "jwt",    "auth",     "key",          "id_token",
    "api_key", "apikey",       "secret", "password", "refresh_token"};

// base64url = ALPHA / DIGIT / "-" / "_" (RFC 4648 5)
bool is_base64url(char c) {
  return is_alnum(c) || c == '-' || c == '_';
}

// A JSON Web Token in compact form (RFC 7519 3.1): three base64url parts joined by dots, the
// first a JSON object's encoding, which starts "eyJ" ('{"').
bool looks_like_jwt(std::string_view text) {
  if (!text.starts_with("eyJ")) {
    return false;
  }
  std::size_t dots = 0;
  for (const char c : text) {
    if (c == '.') {
      ++dots;
    } else if (!is_base64url(c)) {
      return false;
    }
  }
  return dots == 2;
}

class Finder {
public:
  Finder(std::string_view input, std::vector<Credential>& found) : m_input(input), m_found(found) {}

  void add(std::string_view part, std::string what) {
    if (!part.empty()) {
      m_found.push_back(
          {static_cast<std::size_t>(part.data() - m_input.data()), part.size(), std::move(what)});
    }
  }

  // The query's credential parameters and the user information of a URL or target.
  void url(std::string_view text, std::string_view where) {
    const std::size_t scheme_end = text.find("://");
    if (scheme_end != std::string_view::npos) {
      const std::size_t authority = scheme_end + 3;
      const std::size_t authority_end = std::min(text.find_first_of("/?#", authority), text.size());
      const std::size_t at = text.substr(0, authority_end).rfind('@');
      if (at != std::string_view::npos && at >= authority) {
        add(text.substr(authority, at - authority), std::string(where) + " user information");
      }
    }
    const std::size_t query = text.find('?');
    if (query == std::string_view::npos) {
      return;
    }
    std::string_view rest = text.substr(query + 1);
    rest = rest.substr(0, rest.find('#'));
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      const std::size_t equals = pair.find('=');
      if (equals != std::string_view::npos) {
        const std::string_view name = pair.substr(0, equals);
        for (const std::string_view secret : k_secret_parameters) {
          if (http::iequals(name, secret)) {
            add(pair.substr(equals + 1),
                std::string(where) + " query parameter " + std::string(name));
            break;
          }
        }
      }
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
  }

  // Authorization: keep the scheme, hide the credentials after it (RFC 9110 11.4).
  void authorization(std::string_view value, std::string_view name) {
    const std::size_t space = value.find(' ');
    add(space == std::string_view::npos ? value : http::trim_ows(value.substr(space + 1)),
        std::string(name) + " credentials");
  }

  // A bearer token carried as a subprotocol: a JWT, or the part after Kubernetes' prefix.
  void subprotocols(std::string_view value) {
    constexpr std::string_view k_kubernetes = "base64url.bearer.authorization.k8s.io.";
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string_view element = http::trim_ows(value.substr(start, comma - start));
      start = comma + 1;
      if (looks_like_jwt(element)) {
        add(element, "JWT sent as a subprotocol");
      } else if (element.starts_with(k_kubernetes)) {
        add(element.substr(k_kubernetes.size()), "bearer token sent as a subprotocol");
      }
    }
  }

private:
  std::string_view m_input;
  std::vector<Credential>& m_found;
};

} // namespace

namespace {

// Calls `on_start_line` with the first line of a head (a request or status line) and `on_field`
// with each `Name: value` line's name and value (OWS trimmed), read as loosely as a person
// reads them: empty lines before the first are skipped, the first empty line after it ends the
// head, and a line without a colon is passed over.
template <typename OnStartLine, typename OnField>
void walk_head(std::string_view input, OnStartLine on_start_line, OnField on_field) {
  bool first = true;
  std::size_t start = 0;
  while (start < input.size()) {
    std::size_t end = input.find('\n', start);
    end = end == std::string_view::npos ? input.size() : end;
    std::string_view line = input.substr(start, end - start);
    start = end + 1;
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      if (first) {
        continue;
      }
      break;
    }
    if (first) {
      first = false;
      on_start_line(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      on_field(http::trim_ows(line.substr(0, colon)), http::trim_ows(line.substr(colon + 1)));
    }
  }
}

// The value of the first `name` field of a head, if it has one.
std::optional<std::string_view> first_value(std::string_view head, std::string_view name) {
  std::optional<std::string_view> found;
  walk_head(
      head, [](std::string_view) {},
      [&](std::string_view field, std::string_view value) {
        if (!found && http::iequals(field, name)) {
          found = value;
        }
      });
  return found;
}

} // namespace

std::vector<Credential> find_credentials(std::string_view input, RedactionScope scope) {
  std::vector<Credential> found;
  Finder finder(input, found);
  const auto on_start_line = [&](std::string_view line) {
    // A request line's target (a response's status line holds no credential).
    const std::size_t space = line.find(' ');
    const std::size_t last = line.rfind(' ');
    if (space != std::string_view::npos && last > space) {
      finder.url(line.substr(space + 1, last - space - 1), "request target");
    }
  };
  const auto on_field = [&](std::string_view name, std::string_view value) {
    if (http::iequals(name, "cookie") || http::iequals(name, "set-cookie")) {
      finder.add(value, "Cookie value");
    } else if (http::iequals(name, "authorization") || http::iequals(name, "proxy-authorization")) {
      finder.authorization(value, name);
    } else if (http::iequals(name, "referer") || http::iequals(name, "origin") ||
               http::iequals(name, "location") || http::iequals(name, "content-location")) {
      finder.url(value, name);
    } else if (http::iequals(name, "sec-websocket-protocol")) {
      finder.subprotocols(value);
    } else if (scope.sec_websocket_key && http::iequals(name, "sec-websocket-key")) {
      finder.add(value, "Sec-WebSocket-Key");
    }
  };
  walk_head(input, on_start_line, on_field);
  std::sort(found.begin(), found.end(),
            [](const Credential& a, const Credential& b) { return a.offset < b.offset; });
  return found;
}

void redact_accept(std::string_view request, std::string_view response,
                   std::string_view redacted_request, std::string& redacted_response) {
  const std::optional<std::string_view> key = first_value(request, "sec-websocket-key");
  std::optional<std::array<char, 28>> right;
  std::optional<std::array<char, 28>> shown;
  if (key) {
    right = handshake::compute_accept(*key);
    // The same place in the redacted request holds the placeholder key.
    const auto key_at = static_cast<std::size_t>(key->data() - request.data());
    shown = handshake::compute_accept(redacted_request.substr(key_at, key->size()));
  }
  // Every Sec-WebSocket-Accept line: a second one may hold the key.
  walk_head(
      response, [](std::string_view) {},
      [&](std::string_view name, std::string_view value) {
        if (value.empty() || !http::iequals(name, "sec-websocket-accept")) {
          return;
        }
        const auto at = static_cast<std::size_t>(value.data() - response.data());
        if (right && value == std::string_view(right->data(), right->size())) {
          redacted_response.replace(at, value.size(), shown->data(), shown->size());
        } else {
          redacted_response.replace(at, value.size(), placeholder_for(value));
        }
      });
}

std::string redact_url(std::string_view url) {
  std::vector<Credential> found;
  Finder(url, found).url(url, "URL");
  return redact(url, found);
}

std::string placeholder_for(std::string_view text) {
  constexpr std::string_view k_mark = "REDACTED";
  std::string out(text);
  std::size_t next = 0;
  for (char& c : out) {
    if (is_alnum(c)) {
      c = k_mark[next++ % k_mark.size()];
    }
  }
  return out;
}

std::string redact(std::string_view input, const std::vector<Credential>& credentials) {
  std::string out(input);
  for (const Credential& credential : credentials) {
    const std::string placeholder =
        placeholder_for(input.substr(credential.offset, credential.size));
    out.replace(credential.offset, credential.size, placeholder);
  }
  return out;
}

} // namespace wsh::output
