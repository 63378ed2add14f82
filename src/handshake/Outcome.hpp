#pragma once

#include "diagnostics/Diagnostic.hpp"
#include "diagnostics/Hresult.hpp"
#include "handshake/ExtensionList.hpp"
#include "http/Request.hpp"
#include "http/RequestParser.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::handshake {

// A response header's value: up to 32 characters (the accept value, every fixed value and the
// usual subprotocol or extension answer) kept inline, so answering allocates nothing for them;
// longer ones on the heap.
class HeaderValue {
public:
  HeaderValue() = default;
  HeaderValue(std::string_view text) { assign(text); }

  // Replaces the value with `text`.
  void assign(std::string_view text) {
    m_size = text.size();
    if (m_size <= m_inline.size()) {
      std::copy(text.begin(), text.end(), m_inline.begin());
    } else {
      m_heap.assign(text);
    }
  }
  void clear() { m_size = 0; }
  std::string_view view() const {
    return m_size <= m_inline.size() ? std::string_view(m_inline.data(), m_size)
                                     : std::string_view(m_heap);
  }
  operator std::string_view() const { return view(); }
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  const char* begin() const { return view().data(); }
  const char* end() const { return begin() + m_size; }

  friend bool operator==(const HeaderValue& a, const HeaderValue& b) {
    return a.view() == b.view();
  }
  friend bool operator==(const HeaderValue& a, std::string_view b) { return a.view() == b; }

private:
  std::array<char, 32> m_inline{};
  std::string m_heap;
  std::size_t m_size = 0;
};

// One header of the response to send, in order.
struct ResponseHeader {
  std::string_view name;
  HeaderValue value;
};

// What became of one offered extension: accepted, declined (and why), or left unanswered
// because the server did not choose it.
struct OfferVerdict {
  enum class State { not_selected, accepted, declined };
  State state = State::not_selected;
  std::string reason;
};

// "not-selected", "accepted" or "declined".
std::string_view to_string(OfferVerdict::State state);

// Everything the engine concluded about one request: whether it is accepted, the HRESULT, the
// response to send (the 101 or the error response), the request as read, and every problem.
// Views point into the input, which must outlive the outcome.
struct Outcome {
  bool accepted = false;
  unsigned status = 400;
  diagnostics::Hresult hresult = diagnostics::k_e_invalid_protocol_format;
  std::vector<ResponseHeader> response_headers;
  // The request as read; absent when it could not be read.
  std::optional<http::Request> request;
  // Why the request could not be read, when it could not.
  std::optional<http::ParseErrorKind> read_failure;
  // The trimmed key and its accept value, when the key is valid.
  std::string_view sec_websocket_key;
  HeaderValue sec_websocket_accept;
  std::vector<std::string_view> offered_subprotocols;
  std::vector<Extension> offered_extensions;
  // One verdict per offered extension, in the same order.
  std::vector<OfferVerdict> offer_verdicts;
  // The negotiated result: the subprotocol and the extensions the response carries (or would
  // carry, when the handshake failed for another reason).
  std::optional<std::string> selected_subprotocol;
  std::vector<std::string> selected_extensions;
  // Every problem found, in input order.
  std::vector<diagnostics::Diagnostic> diagnostics;
};

// The reason phrase of a status code this engine sends (RFC 9110 15).
std::string_view reason_phrase(unsigned status);

} // namespace wsh::handshake
