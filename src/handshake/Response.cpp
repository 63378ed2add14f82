#include "handshake/Response.hpp"

#include "diagnostics/Catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace wsh::handshake {

namespace {

using diagnostics::Diagnostic;
using diagnostics::Severity;

// Sets the response headers in order, reusing the strings the outcome already holds.
void set_response_headers(
    Outcome& outcome,
    std::initializer_list<std::pair<std::string_view, std::string_view>> headers) {
  auto& stored = outcome.response_headers;
  stored.resize(headers.size());
  std::size_t i = 0;
  for (const auto& [name, value] : headers) {
    stored[i].name = name;
    stored[i].value.assign(value);
    ++i;
  }
}

// Sorts diagnostics by offset, keeping the order of equal ones: by insertion for the usual
// handful, which needs no buffer; by std::stable_sort for the many a hostile request can cause.
void sort_by_offset(std::vector<Diagnostic>& found) {
  const auto by_offset = [](const Diagnostic& a, const Diagnostic& b) {
    return a.offset < b.offset;
  };
  constexpr std::size_t k_insertion_most = 32;
  if (found.size() > k_insertion_most) {
    std::stable_sort(found.begin(), found.end(), by_offset);
    return;
  }
  for (auto next = found.begin(); next != found.end(); ++next) {
    if (next != found.begin() && by_offset(*next, *(next - 1))) {
      std::rotate(std::upper_bound(found.begin(), next, *next, by_offset), next, next + 1);
    }
  }
}

} // namespace

void set_error_response(Outcome& outcome, unsigned status) {
  if (status == 426) {
    set_response_headers(outcome, {{"Connection", "Upgrade"},
                                   {"Upgrade", "websocket"},
                                   {"Sec-WebSocket-Version", "13"},
                                   {"Content-Length", "0"}});
  } else if (status == 405) {
    set_response_headers(outcome,
                         {{"Allow", "GET"}, {"Connection", "close"}, {"Content-Length", "0"}});
  } else {
    set_response_headers(outcome, {{"Connection", "close"}, {"Content-Length", "0"}});
  }
}

void conclude(Outcome& outcome, bool strict) {
  auto& found = outcome.diagnostics;
  if (strict) {
    for (Diagnostic& diagnostic : found) {
      if (diagnostic.severity == Severity::warning) {
        diagnostic.severity = Severity::error;
      }
    }
  }
  const auto first_error = std::find_if(found.begin(), found.end(), [](const auto& diagnostic) {
    return diagnostic.severity == Severity::error;
  });
  if (first_error == found.end()) {
    outcome.accepted = true;
    outcome.status = 101;
    outcome.hresult = diagnostics::k_s_ok;
    set_response_headers(outcome, {{"Upgrade", "websocket"},
                                   {"Connection", "Upgrade"},
                                   {"Sec-WebSocket-Accept", outcome.sec_websocket_accept}});
    auto& headers = outcome.response_headers;
    if (outcome.selected_subprotocol) {
      headers.push_back({"Sec-WebSocket-Protocol", HeaderValue(*outcome.selected_subprotocol)});
    }
    if (!outcome.selected_extensions.empty()) {
      headers.push_back(
          {"Sec-WebSocket-Extensions",
           HeaderValue(fmt::format("{}", fmt::join(outcome.selected_extensions, ", ")))});
    }
  } else {
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(first_error->id);
    outcome.accepted = false;
    outcome.status = entry.status;
    outcome.hresult = entry.hresult;
    set_error_response(outcome, entry.status);
  }
  sort_by_offset(found);
}

} // namespace wsh::handshake
