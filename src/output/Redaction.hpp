#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::output {

// What --redact hides. People paste outputs into public issues, and captures carry
// credentials: Cookie, Authorization and Proxy-Authorization values, tokens in a query string,
// a JWT or bearer token sent as a subprotocol, user information in a URL, and, on request,
// the Sec-WebSocket-Key.
struct RedactionScope {
  bool sec_websocket_key = false;
};

// A run of bytes of the input that holds a credential.
struct Credential {
  std::size_t offset = 0;
  std::size_t size = 0;
  // What it is, for a note: "Cookie value", "query parameter access_token", ...
  std::string what;
};

// The credentials in a request head (or a response's: Set-Cookie too), in input order. The head is
// read line by line, as loosely as a person reads it, so a request the parser refuses (whose
// excerpt may quote a Cookie line) is redacted too: the first line's target, then `Name: value`
// lines.
std::vector<Credential> find_credentials(std::string_view input, RedactionScope scope);

// `text` with every letter and digit replaced by the letters of "REDACTED" in turn, and every
// other byte kept, so the placeholder has the same length, the same separators and the same
// grammar (a token stays a token, base64 stays base64) and every diagnosis keeps its column.
std::string placeholder_for(std::string_view text);

// A copy of `input` with each credential replaced by its placeholder.
std::string redact(std::string_view input, const std::vector<Credential>& credentials);

// Under --redact=key, a response's Sec-WebSocket-Accept would give the hidden key away when it
// holds it (a server that sends the key back), and when it is right it no longer matches the
// key shown. In `redacted_response` (the redacted copy of `response`) it becomes the accept of
// the placeholder key in `redacted_request` when the server's value was right for the real
// key, and the value's placeholder otherwise, so a check of the pair shown reads as the real
// pair's did.
void redact_accept(std::string_view request, std::string_view response,
                   std::string_view redacted_request, std::string& redacted_response);

// A URL printed beside a result (a HAR entry's) with the credentials of its query and user
// information replaced alike.
std::string redact_url(std::string_view url);

} // namespace wsh::output
