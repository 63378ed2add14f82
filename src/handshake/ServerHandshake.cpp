#include "handshake/ServerHandshake.hpp"

#include "handshake/AcceptKey.hpp"
#include "http/Grammar.hpp"
#include "http/Host.hpp"
#include "http/ListParser.hpp"
#include "util/Base64.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

namespace wsh::handshake {

namespace {

using diagnostics::DiagnosticId;
using diagnostics::Severity;
using http::Field;
using http::iequals;

// The fields of one name, in order: inline for the usual one or two, on the heap past four,
// so a typical handshake allocates nothing here.
class FieldList {
public:
  void push_back(const Field* field) {
    if (m_count < m_inline.size()) {
      m_inline[m_count++] = field;
      return;
    }
    spill(field);
  }
  const Field* const* begin() const {
    return m_count <= m_inline.size() ? m_inline.data() : m_heap.data();
  }
  const Field* const* end() const { return begin() + m_count; }
  std::size_t size() const { return m_count; }
  bool empty() const { return m_count == 0; }
  const Field* front() const { return *begin(); }
  const Field* operator[](std::size_t index) const { return begin()[index]; }

private:
  // The fifth field and later: all of them go to the heap. Kept out of line so push_back inlines.
  [[gnu::noinline]] void spill(const Field* field) {
    if (m_heap.empty()) {
      m_heap.assign(m_inline.begin(), m_inline.end());
    }
    m_heap.push_back(field);
    ++m_count;
  }

  std::array<const Field*, 4> m_inline{};
  std::vector<const Field*> m_heap;
  std::size_t m_count = 0;
};

// The fields the handshake reads, found in one pass over the request; names are compared
// case-insensitively (RFC 9110 5.1), after a switch on their length.
struct HandshakeFields {
  FieldList host;
  FieldList upgrade;
  FieldList connection;
  FieldList key;
  FieldList version;
  FieldList protocol;
  FieldList extensions;
  const Field* origin = nullptr;

  explicit HandshakeFields(const http::Request& request) {
    for (const Field& field : request.fields) {
      const std::string_view name = field.name;
      switch (name.size()) {
      case 4:
        add_if(field, "host", host);
        break;
      case 6:
        if (origin == nullptr && http::token_equals_lowercase(name, "origin")) {
          origin = &field;
        }
        break;
      case 7:
        add_if(field, "upgrade", upgrade);
        break;
      case 10:
        add_if(field, "connection", connection);
        break;
      case 17:
        add_if(field, "sec-websocket-key", key);
        break;
      case 21:
        add_if(field, "sec-websocket-version", version);
        break;
      case 22:
        add_if(field, "sec-websocket-protocol", protocol);
        break;
      case 24:
        add_if(field, "sec-websocket-extensions", extensions);
        break;
      default:
        break;
      }
    }
  }

private:
  [[gnu::always_inline]] static void add_if(const Field& field, std::string_view lowercase,
                                            FieldList& list) {
    if (http::token_equals_lowercase(field.name, lowercase)) {
      list.push_back(&field);
    }
  }
};

// What a comma-separated list field (all its lines together) said.
struct TokenListSummary {
  bool present = false;
  bool valid = true;
  bool has_wanted = false;
  std::vector<std::string_view> others;
};

// The items as `a`, `b`, `c`; a long list is cut after a few, with the count of the rest, so a
// hostile request cannot make a message as large as itself.
std::string quote_list(const std::vector<std::string_view>& items) {
  constexpr std::size_t k_most = 8;
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < k_most; ++i) {
    out += fmt::format("{}`{}`", i == 0 ? "" : ", ", items[i]);
  }
  if (items.size() > k_most) {
    out += fmt::format(" and {} more", items.size() - k_most);
  }
  return out;
}

// The distinct names among `names`, in first-seen order, in O(n log n).
std::vector<std::string_view> distinct(const std::vector<std::string_view>& names) {
  std::vector<std::pair<std::string_view, std::size_t>> sorted;
  sorted.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    sorted.emplace_back(names[i], i);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::size_t> firsts;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == 0 || sorted[i].first != sorted[i - 1].first) {
      firsts.push_back(sorted[i].second);
    }
  }
  std::sort(firsts.begin(), firsts.end());
  std::vector<std::string_view> out;
  out.reserve(firsts.size());
  for (const std::size_t index : firsts) {
    out.push_back(names[index]);
  }
  return out;
}

// Runs the checks of RFC 6455 4.2.1 and 4.2.2 in the RFC's order, each adding diagnostics.
class Checker {
public:
  // Checks the request in `outcome.request`, adding to `outcome`, which the caller has reset.
  // The two vectors are the engine's, kept across requests for their capacity.
  Checker(const ServerChoices& choices, Outcome& outcome, std::vector<Extension>& spare_extensions,
          InlineVector<std::optional<DeflateParameters>, 4>& deflate_offers)
      : m_choices(choices), m_fields(*outcome.request), m_outcome(outcome),
        m_spare_extensions(spare_extensions), m_deflate_offers(deflate_offers) {}

  void run();

private:
  const http::Request& request() const { return *m_outcome.request; }
  std::size_t offset_of(std::string_view part) const { return request().offset_of(part); }
  void report(DiagnosticId id, std::size_t offset, std::string message,
              std::string_view header = {}) {
    m_outcome.diagnostics.push_back(
        diagnostics::make_diagnostic(id, offset, std::move(message), header));
  }
  // Where a missing field would have been: the empty line that ends the header block.
  std::size_t missing_at() const;

  TokenListSummary summarize_list(const FieldList& fields, std::string_view header,
                                  std::string_view wanted, bool allow_slash);

  void check_method();
  void check_http_version();
  void check_host();
  void check_upgrade_and_connection();
  void check_key();
  void check_version();
  void check_origin();
  void check_offered_subprotocols();
  void check_offered_extensions();
  std::optional<std::string> negotiated_subprotocol() const;
  void check_selected_subprotocol();
  void negotiate_deflate(const DeflateSettings& settings);
  void check_window_bits_8(const DeflateParameters& response, std::size_t offer_index);
  void check_deflate_choice(const Extension& selected, std::size_t at, std::string_view header);
  void check_selected_extensions();
  void conclude();

  const ServerChoices& m_choices;
  HandshakeFields m_fields;
  Outcome& m_outcome;
  std::vector<Extension>& m_spare_extensions;
  // The parameters of each offered extension that is a valid permessage-deflate offer.
  InlineVector<std::optional<DeflateParameters>, 4>& m_deflate_offers;
  bool m_deflate_chosen = false;
};

std::size_t Checker::missing_at() const {
  const http::Request& r = request();
  std::size_t end = r.header_size;
  const std::string_view block = r.input.substr(0, end);
  if (block.ends_with("\r\n\r\n")) {
    return end - 2;
  }
  if (block.ends_with("\n\n") || block.ends_with("\n\r\n")) {
    return block.ends_with("\r\n") ? end - 2 : end - 1;
  }
  return end;
}

TokenListSummary Checker::summarize_list(const FieldList& fields, std::string_view header,
                                         std::string_view wanted, bool allow_slash) {
  TokenListSummary summary;
  summary.present = !fields.empty();
  // The usual `Upgrade: websocket` and `Connection: Upgrade`: one element, the wanted one
  // (`wanted` is letters only, so token_equals_lowercase is iequals).
  if (fields.size() == 1 && http::token_equals_lowercase(fields.front()->value, wanted)) {
    summary.has_wanted = true;
    return summary;
  }
  for (const Field* field : fields) {
    auto error = http::visit_token_list(field->value, allow_slash, [&](std::string_view element) {
      if (iequals(element, wanted)) {
        summary.has_wanted = true;
      } else {
        summary.others.push_back(element);
      }
    });
    if (error) {
      summary.valid = false;
      report(DiagnosticId::invalid_token_list, offset_of(field->value) + error->offset,
             fmt::format("{} in {}: {}", util::describe_byte(field->value[error->offset]), header,
                         error->message),
             field->name);
    }
  }
  return summary;
}

// RFC 6455 4.2.1 item 1: "An HTTP/1.1 or higher GET request".
void Checker::check_method() {
  if (request().method != "GET") {
    report(DiagnosticId::method_not_get, offset_of(request().method),
           fmt::format("the method is `{}`; a WebSocket handshake is a GET (methods are "
                       "case-sensitive)",
                       request().method));
  }
}

void Checker::check_http_version() {
  const int major = request().version_major();
  const int minor = request().version_minor();
  if (major == 1 && minor >= 1) {
    return;
  }
  const std::string message =
      major < 1 || (major == 1 && minor == 0)
          ? fmt::format("`{}` has no Upgrade mechanism; the handshake needs HTTP/1.1",
                        request().version)
          : fmt::format("`{}` in an HTTP/1 request line; WebSocket over HTTP/2 and HTTP/3 uses "
                        "extended CONNECT (RFC 8441, RFC 9220), not this request",
                        request().version);
  report(DiagnosticId::unsupported_http_version, offset_of(request().version), message);
}

// RFC 6455 4.2.1 item 2; RFC 9112 3.2: exactly one Host.
void Checker::check_host() {
  const auto& host = m_fields.host;
  if (host.empty()) {
    report(DiagnosticId::missing_host, missing_at(), "no Host header field", "Host");
    return;
  }
  if (host.size() > 1) {
    report(DiagnosticId::duplicate_host, offset_of(host[1]->name),
           fmt::format("Host appears {} times; exactly one is allowed", host.size()),
           host[1]->name);
    return;
  }
  if (auto error = http::check_host(host[0]->value)) {
    report(DiagnosticId::invalid_host, offset_of(host[0]->value) + error->offset,
           fmt::format("invalid Host `{}`: {}", host[0]->value, error->message), host[0]->name);
  }
}

// RFC 6455 4.2.1 items 3 and 4: Upgrade lists "websocket", Connection lists "upgrade", both
// case-insensitively. Both are hop-by-hop, so a proxy that does not know WebSocket drops them
// while the Sec-WebSocket-* fields pass through: that gets its own diagnosis.
void Checker::check_upgrade_and_connection() {
  const TokenListSummary upgrade = summarize_list(m_fields.upgrade, "Upgrade", "websocket", true);
  const TokenListSummary connection =
      summarize_list(m_fields.connection, "Connection", "upgrade", false);

  const Field* upgrade_field = m_fields.upgrade.empty() ? nullptr : m_fields.upgrade.front();
  const Field* connection_field =
      m_fields.connection.empty() ? nullptr : m_fields.connection.front();

  if (upgrade.valid && upgrade.present && !upgrade.has_wanted) {
    report(DiagnosticId::upgrade_not_websocket, offset_of(upgrade_field->value),
           upgrade.others.empty()
               ? std::string("Upgrade is empty; it must list `websocket`")
               : fmt::format("Upgrade lists {} but not `websocket`", quote_list(upgrade.others)),
           upgrade_field->name);
  } else if (upgrade.has_wanted && !upgrade.others.empty()) {
    report(DiagnosticId::upgrade_lists_other_protocols, offset_of(upgrade_field->value),
           fmt::format("Upgrade lists {} besides `websocket`", quote_list(upgrade.others)),
           upgrade_field->name);
  }

  const bool upgrade_missing = !upgrade.present;
  const bool connection_lacks_token = connection.valid && !connection.has_wanted;
  const bool looks_like_websocket = !m_fields.key.empty() || !m_fields.version.empty();
  const auto connection_text = [&] {
    return connection_field == nullptr ? std::string("there is no Connection field")
           : connection.others.empty()
               ? std::string("Connection is empty")
               : fmt::format("Connection is {}", quote_list(connection.others));
  };

  if (looks_like_websocket && (upgrade_missing || connection_lacks_token) &&
      (upgrade_missing || upgrade.has_wanted)) {
    std::string what;
    if (upgrade_missing && connection_lacks_token) {
      what = fmt::format("Upgrade is missing and {}", connection_text());
    } else if (upgrade_missing) {
      what = "Upgrade is missing";
    } else {
      what = fmt::format("{} (no `upgrade`)", connection_text());
    }
    report(DiagnosticId::hop_by_hop_headers_stripped,
           connection_field != nullptr ? offset_of(connection_field->name) : missing_at(),
           fmt::format("the request carries Sec-WebSocket-* fields, but {}: a proxy between the "
                       "client and here probably dropped the hop-by-hop headers (or the client "
                       "never sent them)",
                       what),
           connection_field != nullptr ? connection_field->name : std::string_view("Connection"));
    return;
  }
  if (upgrade_missing) {
    report(DiagnosticId::missing_upgrade, missing_at(), "no Upgrade header field", "Upgrade");
  }
  if (connection_lacks_token) {
    report(DiagnosticId::missing_connection_upgrade,
           connection_field != nullptr ? offset_of(connection_field->value) : missing_at(),
           fmt::format("{}; it must list `upgrade`", connection_text()),
           connection_field != nullptr ? connection_field->name : std::string_view("Connection"));
  }
}

// RFC 6455 4.2.1 item 5: one Sec-WebSocket-Key, the base64 of 16 bytes.
void Checker::check_key() {
  const auto& key = m_fields.key;
  if (key.empty()) {
    report(DiagnosticId::missing_key, missing_at(), "no Sec-WebSocket-Key header field",
           "Sec-WebSocket-Key");
    return;
  }
  if (key.size() > 1) {
    report(DiagnosticId::duplicate_key, offset_of(key[1]->name),
           fmt::format("Sec-WebSocket-Key appears {} times; exactly one is allowed", key.size()),
           key[1]->name);
    return;
  }
  const std::string_view value = key[0]->value;
  if (!util::is_base64_of_16_bytes(value)) {
    std::string why;
    auto bad = std::find_if(value.begin(), value.end(),
                            [](char c) { return !util::is_base64_alphabet(c) && c != '='; });
    const std::size_t early_pad =
        value.substr(0, std::min<std::size_t>(value.size(), 22)).find('=');
    if (bad != value.end()) {
      why = fmt::format("{} is not a base64 character", util::describe_byte(*bad));
    } else if (value.size() == 24 && early_pad != std::string_view::npos) {
      bad = value.begin() + static_cast<std::ptrdiff_t>(early_pad);
      why = "padding '=' inside the key; only the last two characters are padding";
    } else {
      why = fmt::format("it is {} characters; the base64 of 16 bytes is 22 characters and `==`",
                        value.size());
    }
    const std::size_t at = bad != value.end()
                               ? offset_of(value) + static_cast<std::size_t>(bad - value.begin())
                               : offset_of(value);
    report(DiagnosticId::invalid_key, at,
           fmt::format("Sec-WebSocket-Key `{}` is not the base64 of 16 bytes: {}", value, why),
           key[0]->name);
    return;
  }
  m_outcome.sec_websocket_key = value;
  const std::array<char, 28> accept = compute_accept(value);
  m_outcome.sec_websocket_accept.assign({accept.data(), accept.size()});
}

// RFC 6455 4.2.1 item 6 and 4.2.2: one Sec-WebSocket-Version, exactly 13.
void Checker::check_version() {
  const auto& version = m_fields.version;
  if (version.empty()) {
    report(DiagnosticId::missing_version, missing_at(), "no Sec-WebSocket-Version header field",
           "Sec-WebSocket-Version");
    return;
  }
  if (version.size() > 1) {
    report(DiagnosticId::duplicate_version, offset_of(version[1]->name),
           fmt::format("Sec-WebSocket-Version appears {} times; exactly one is allowed",
                       version.size()),
           version[1]->name);
    return;
  }
  if (version[0]->value != "13") {
    report(DiagnosticId::unsupported_version, offset_of(version[0]->value),
           fmt::format("Sec-WebSocket-Version is `{}`; the only version is 13", version[0]->value),
           version[0]->name);
  }
}

// RFC 6455 4.2.1 item 7: browsers send Origin; other clients may.
void Checker::check_origin() {
  if (m_fields.origin == nullptr) {
    report(DiagnosticId::no_origin, missing_at(), "no Origin header field: not a browser",
           "Origin");
  }
}

// RFC 6455 4.2.1 item 8 and 4.1 item 10: a list of unique tokens.
void Checker::check_offered_subprotocols() {
  for (const Field* field : m_fields.protocol) {
    if (field->value.empty()) {
      report(DiagnosticId::invalid_token_list, offset_of(field->value),
             "Sec-WebSocket-Protocol is empty; it must list at least one subprotocol "
             "(RFC 6455 4.1 item 10)",
             field->name);
      continue;
    }
    auto error = http::visit_token_list(field->value, false, [&](std::string_view element) {
      m_outcome.offered_subprotocols.push_back(element);
    });
    if (error) {
      report(DiagnosticId::invalid_token_list, offset_of(field->value) + error->offset,
             fmt::format("{} in Sec-WebSocket-Protocol: {}",
                         util::describe_byte(field->value[error->offset]), error->message),
             field->name);
    }
  }
  // Duplicates (RFC 6455 4.1 item 10: unique) are found by sorting, not pairwise, and the
  // first one is reported once, however many there are.
  auto& offered = m_outcome.offered_subprotocols;
  std::vector<std::pair<std::string_view, std::size_t>> sorted;
  sorted.reserve(offered.size());
  for (std::size_t i = 0; i < offered.size(); ++i) {
    sorted.emplace_back(offered[i], i);
  }
  std::sort(sorted.begin(), sorted.end());
  std::size_t first_repeat = offered.size();
  std::size_t repeats = 0;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].first == sorted[i - 1].first) {
      ++repeats;
      first_repeat = std::min(first_repeat, sorted[i].second);
    }
  }
  if (repeats > 0) {
    report(DiagnosticId::duplicate_subprotocol, offset_of(offered[first_repeat]),
           fmt::format("`{}` is offered more than once ({} repeated in all)", offered[first_repeat],
                       repeats),
           "Sec-WebSocket-Protocol");
    offered = distinct(offered);
  }
}

// RFC 6455 4.2.1 item 9 and 9.1; RFC 7692 5: a permessage-deflate offer with bad parameters is
// declined, not failed.
void Checker::check_offered_extensions() {
  for (const Field* field : m_fields.extensions) {
    if (auto error =
            parse_extension_list(field->value, m_outcome.offered_extensions, m_spare_extensions)) {
      report(DiagnosticId::invalid_extension_offer, offset_of(field->value) + error->offset,
             fmt::format("Sec-WebSocket-Extensions: {}", error->message), field->name);
    }
  }
  const auto& offers = m_outcome.offered_extensions;
  m_outcome.offer_verdicts.resize(offers.size());
  m_deflate_offers.assign(offers.size(), std::nullopt);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (offers[i].name != k_permessage_deflate) {
      continue;
    }
    auto parameters = read_deflate_parameters(offers[i], DeflateRole::offer);
    if (parameters) {
      m_deflate_offers[i] = *parameters;
      continue;
    }
    const DeflateParameterError& error = parameters.error();
    const std::string_view where = error.parameter < offers[i].parameters.size()
                                       ? offers[i].parameters[error.parameter].name
                                       : offers[i].name;
    report(DiagnosticId::invalid_deflate_offer, offset_of(where),
           fmt::format("permessage-deflate offer `{}`: {}; the server must decline it",
                       offers[i].text, error.message),
           "Sec-WebSocket-Extensions");
    m_outcome.offer_verdicts[i] = {OfferVerdict::State::declined, error.message};
  }
}

// --accept-protocols: the first subprotocol both sides support, in the preferred side's order.
std::optional<std::string> Checker::negotiated_subprotocol() const {
  const auto& offered = m_outcome.offered_subprotocols;
  const auto& supported = m_choices.accept_protocols;
  if (m_choices.prefer == ProtocolPreference::client) {
    for (const std::string_view name : offered) {
      if (std::find(supported.begin(), supported.end(), name) != supported.end()) {
        return std::string(name);
      }
    }
  } else {
    for (const std::string& name : supported) {
      if (std::find(offered.begin(), offered.end(), name) != offered.end()) {
        return name;
      }
    }
  }
  return std::nullopt;
}

// RFC 6455 4.2.2 item 5, subprotocol: "one of the values the client sent", or none.
void Checker::check_selected_subprotocol() {
  const auto& offered = m_outcome.offered_subprotocols;
  const Field* field = m_fields.protocol.empty() ? nullptr : m_fields.protocol.front();
  const std::size_t at = field != nullptr ? offset_of(field->value) : missing_at();
  const std::string_view header =
      field != nullptr ? field->name : std::string_view("Sec-WebSocket-Protocol");
  const std::optional<std::string> chosen =
      m_choices.subprotocol ? m_choices.subprotocol : negotiated_subprotocol();
  if (!chosen) {
    if (!offered.empty()) {
      report(DiagnosticId::subprotocol_not_selected, at,
             m_choices.accept_protocols.empty()
                 ? fmt::format("the client offered {} and none was chosen", quote_list(offered))
                 : fmt::format("the client offered {}, none of which the server accepts",
                               quote_list(offered)),
             header);
    }
    return;
  }
  if (!http::is_token(*chosen)) {
    report(DiagnosticId::invalid_selected_subprotocol, at,
           fmt::format("the chosen subprotocol `{}` is not a token", *chosen), header);
    return;
  }
  if (std::find(offered.begin(), offered.end(), *chosen) == offered.end()) {
    report(DiagnosticId::subprotocol_not_offered, at,
           offered.empty()
               ? fmt::format("`{}` was chosen, but the client offered no subprotocol", *chosen)
               : fmt::format("`{}` was chosen, but the client offered only {} (compared exactly)",
                             *chosen, quote_list(offered)),
           header);
    return;
  }
  m_outcome.selected_subprotocol = chosen;
}

// --negotiate-deflate: answer the first acceptable permessage-deflate offer, in the client's
// order, under the server's settings (RFC 7692 5, 7.1).
void Checker::negotiate_deflate(const DeflateSettings& settings) {
  auto& verdicts = m_outcome.offer_verdicts;
  bool accepted = false;
  for (std::size_t i = 0; i < m_deflate_offers.size(); ++i) {
    if (!m_deflate_offers[i]) {
      continue;
    }
    if (accepted) {
      verdicts[i] = {OfferVerdict::State::not_selected, "an earlier offer was accepted"};
      continue;
    }
    if (m_deflate_offers[i]->server_max_window_bits == 8) {
      verdicts[i] = {OfferVerdict::State::declined,
                     "it limits the server to an 8-bit window, which zlib cannot produce"};
      continue;
    }
    const DeflateParameters response = answer_deflate_offer(*m_deflate_offers[i], settings);
    verdicts[i] = {OfferVerdict::State::accepted, "the first acceptable permessage-deflate offer"};
    m_outcome.selected_extensions.push_back(format_deflate(response));
    check_window_bits_8(response, i);
    accepted = true;
  }
  if (!accepted) {
    const Field* field = m_fields.extensions.empty() ? nullptr : m_fields.extensions.front();
    report(DiagnosticId::deflate_not_negotiated,
           field != nullptr ? offset_of(field->value) : missing_at(),
           m_deflate_offers.empty()
               ? std::string("the client offered no extension; answering without compression")
               : std::string("no permessage-deflate offer is acceptable; answering without "
                             "compression"),
           "Sec-WebSocket-Extensions");
  }
}

void Checker::check_window_bits_8(const DeflateParameters& response, std::size_t offer_index) {
  const bool server8 = response.server_max_window_bits == 8;
  const bool client8 = response.client_max_window_bits == 8;
  if (server8 || client8) {
    report(DiagnosticId::deflate_window_bits_8,
           offset_of(m_outcome.offered_extensions[offer_index].name),
           server8 && client8
               ? std::string("the response sets server_max_window_bits=8 and "
                             "client_max_window_bits=8")
               : fmt::format("the response sets {}=8",
                             server8 ? "server_max_window_bits" : "client_max_window_bits"),
           "Sec-WebSocket-Extensions");
  }
}

// A chosen permessage-deflate response, checked against the offers (RFC 7692 7.1.1, 7.1.2):
// it answers the first offer it is valid for.
void Checker::check_deflate_choice(const Extension& selected, std::size_t at,
                                   std::string_view header) {
  if (m_deflate_chosen) {
    report(DiagnosticId::duplicate_deflate_response, at,
           "permessage-deflate is chosen twice; a response accepts at most one offer", header);
    return;
  }
  m_deflate_chosen = true;
  auto response = read_deflate_parameters(selected, DeflateRole::response);
  if (!response) {
    using Kind = DeflateParameterError::Kind;
    const DeflateParameterError& error = response.error();
    const DiagnosticId id =
        error.kind == Kind::unknown_parameter ? DiagnosticId::deflate_response_unknown_parameter
        : error.kind == Kind::duplicate_parameter
            ? DiagnosticId::deflate_response_duplicate_parameter
        : error.kind == Kind::missing_value ? DiagnosticId::deflate_response_missing_value
                                            : DiagnosticId::deflate_response_invalid_value;
    report(id, at, fmt::format("the chosen `{}`: {}", selected.text, error.message), header);
    return;
  }
  std::optional<std::size_t> first_valid;
  for (std::size_t i = 0; i < m_deflate_offers.size(); ++i) {
    if (!m_deflate_offers[i]) {
      continue;
    }
    first_valid = first_valid.value_or(i);
    if (check_deflate_response(*m_deflate_offers[i], *response).empty()) {
      m_outcome.offer_verdicts[i] = {OfferVerdict::State::accepted,
                                     "the application's -e answers it"};
      check_window_bits_8(*response, i);
      return;
    }
  }
  if (!first_valid) {
    report(DiagnosticId::deflate_answers_declined_offer, at,
           "permessage-deflate was chosen, but every permessage-deflate offer must be declined",
           header);
    return;
  }
  const Extension& offer = m_outcome.offered_extensions[*first_valid];
  const std::size_t offer_at = offset_of(offer.text);
  for (const DeflateViolation violation :
       check_deflate_response(*m_deflate_offers[*first_valid], *response)) {
    switch (violation) {
    case DeflateViolation::missing_server_no_context_takeover:
      report(DiagnosticId::deflate_missing_server_no_context_takeover, offer_at,
             fmt::format("the offer `{}` asks for server_no_context_takeover; the chosen `{}` "
                         "lacks it",
                         offer.text, selected.text),
             header);
      break;
    case DeflateViolation::server_window_missing_or_larger:
      report(DiagnosticId::deflate_server_window_not_honoured, offer_at,
             fmt::format("the offer `{}` limits server_max_window_bits to {}; the chosen `{}` "
                         "does not answer it with {} or less",
                         offer.text,
                         m_deflate_offers[*first_valid]->server_max_window_bits.value_or(15),
                         selected.text,
                         m_deflate_offers[*first_valid]->server_max_window_bits.value_or(15)),
             header);
      break;
    case DeflateViolation::client_window_not_offered:
      report(DiagnosticId::deflate_client_window_not_offered, offer_at,
             fmt::format("the chosen `{}` sets client_max_window_bits, which the offer `{}` "
                         "does not carry",
                         selected.text, offer.text),
             header);
      break;
    case DeflateViolation::client_window_larger:
      report(DiagnosticId::deflate_client_window_larger, offer_at,
             fmt::format("the chosen `{}` allows a larger client window than the offer `{}`",
                         selected.text, offer.text),
             header);
      break;
    }
  }
}

// RFC 6455 4.2.2 item 6 and 9.1: the server answers only extensions the client offered.
void Checker::check_selected_extensions() {
  const Field* field = m_fields.extensions.empty() ? nullptr : m_fields.extensions.front();
  const std::size_t at = field != nullptr ? offset_of(field->value) : missing_at();
  const std::string_view header =
      field != nullptr ? field->name : std::string_view("Sec-WebSocket-Extensions");
  const auto& offers = m_outcome.offered_extensions;
  std::vector<std::string_view> offered_names;
  if (!m_choices.extensions.empty()) {
    offered_names.reserve(offers.size());
    for (const Extension& offer : offers) {
      offered_names.push_back(offer.name);
    }
    offered_names = distinct(offered_names);
  }

  for (const std::string& choice : m_choices.extensions) {
    std::vector<Extension> parsed;
    const auto error = parse_extension_list(choice, parsed);
    if (error || parsed.size() != 1) {
      report(DiagnosticId::invalid_selected_extension, at,
             error ? fmt::format("the chosen extension `{}`: {}", choice, error->message)
                   : fmt::format("`{}` names {} extensions; give each its own -e", choice,
                                 parsed.size()),
             header);
      continue;
    }
    const Extension& selected = parsed.front();
    const bool chosen_before = std::any_of(
        m_outcome.selected_extensions.begin(), m_outcome.selected_extensions.end(),
        [&](const std::string& earlier) {
          return std::string_view(earlier).substr(0, earlier.find(';')) == selected.name;
        });
    if (chosen_before && selected.name != k_permessage_deflate) {
      report(
          DiagnosticId::invalid_selected_extension, at,
          fmt::format("`{}` is chosen twice; a response names each extension once", selected.name),
          header);
      continue;
    }
    if (std::find(offered_names.begin(), offered_names.end(), selected.name) ==
        offered_names.end()) {
      report(
          DiagnosticId::extension_not_offered, at,
          offered_names.empty()
              ? fmt::format("`{}` was chosen, but the client offered no extension", selected.name)
              : fmt::format("`{}` was chosen, but the client offered only {}", selected.name,
                            quote_list(offered_names)),
          header);
      continue;
    }
    const std::size_t problems_before = m_outcome.diagnostics.size();
    if (selected.name == k_permessage_deflate) {
      check_deflate_choice(selected, at, header);
    } else {
      for (std::size_t i = 0; i < offers.size(); ++i) {
        if (offers[i].name == selected.name) {
          m_outcome.offer_verdicts[i] = {OfferVerdict::State::accepted,
                                         "the application's -e answers it"};
          break;
        }
      }
    }
    const bool valid =
        std::none_of(m_outcome.diagnostics.begin() + static_cast<std::ptrdiff_t>(problems_before),
                     m_outcome.diagnostics.end(), [](const diagnostics::Diagnostic& d) {
                       return d.severity == Severity::error;
                     });
    if (valid) {
      m_outcome.selected_extensions.push_back(format_extension(selected));
    }
  }
  if (m_choices.negotiate_deflate && !m_deflate_chosen) {
    negotiate_deflate(*m_choices.negotiate_deflate);
  }
}

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

// The error response for `status` (RFC 6455 4.4, RFC 9110 15.5.6, 15.5.22, RFC 6585 5).
void set_error_response(Outcome& outcome, unsigned status) {
  if (status == 426) {
    // Name the version and the protocol to upgrade to.
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

// Sorts diagnostics by offset, keeping the order of equal ones: by insertion for the usual
// handful (no buffer to allocate), by std::stable_sort for the many a hostile request can cause.
void sort_by_offset(std::vector<diagnostics::Diagnostic>& found) {
  const auto by_offset = [](const diagnostics::Diagnostic& a, const diagnostics::Diagnostic& b) {
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

void Checker::conclude() {
  auto& found = m_outcome.diagnostics;
  if (m_choices.strict) {
    for (diagnostics::Diagnostic& diagnostic : found) {
      if (diagnostic.severity == Severity::warning) {
        diagnostic.severity = Severity::error;
      }
    }
  }
  // The first error in the RFC's order decides the HRESULT and the status.
  const auto first_error = std::find_if(found.begin(), found.end(), [](const auto& diagnostic) {
    return diagnostic.severity == Severity::error;
  });
  if (first_error == found.end()) {
    m_outcome.accepted = true;
    m_outcome.status = 101;
    m_outcome.hresult = diagnostics::k_s_ok;
    set_response_headers(m_outcome, {{"Upgrade", "websocket"},
                                     {"Connection", "Upgrade"},
                                     {"Sec-WebSocket-Accept", m_outcome.sec_websocket_accept}});
    auto& headers = m_outcome.response_headers;
    if (m_outcome.selected_subprotocol) {
      headers.push_back({"Sec-WebSocket-Protocol", HeaderValue(*m_outcome.selected_subprotocol)});
    }
    if (!m_outcome.selected_extensions.empty()) {
      headers.push_back(
          {"Sec-WebSocket-Extensions",
           HeaderValue(fmt::format("{}", fmt::join(m_outcome.selected_extensions, ", ")))});
    }
  } else {
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(first_error->id);
    m_outcome.accepted = false;
    m_outcome.status = entry.status;
    m_outcome.hresult = entry.hresult;
    set_error_response(m_outcome, entry.status);
  }
  sort_by_offset(found);
}

void Checker::run() {
  check_method();
  check_http_version();
  check_host();
  check_upgrade_and_connection();
  check_key();
  check_version();
  check_origin();
  check_offered_subprotocols();
  check_offered_extensions();
  check_selected_subprotocol();
  check_selected_extensions();
  conclude();
}

} // namespace

std::string_view to_string(OfferVerdict::State state) {
  switch (state) {
  case OfferVerdict::State::accepted:
    return "accepted";
  case OfferVerdict::State::declined:
    return "declined";
  case OfferVerdict::State::not_selected:
    return "not-selected";
  }
  return "not-selected";
}

std::string_view reason_phrase(unsigned status) {
  switch (status) {
  case 101:
    return "Switching Protocols";
  case 400:
    return "Bad Request";
  case 405:
    return "Method Not Allowed";
  case 408:
    return "Request Timeout";
  case 426:
    return "Upgrade Required";
  case 431:
    return "Request Header Fields Too Large";
  default:
    return "Unknown";
  }
}

ServerHandshake::ServerHandshake(ServerChoices choices, http::ParseOptions options)
    : m_choices(std::move(choices)), m_options(options) {}

void ServerHandshake::reset() {
  Outcome& o = m_outcome;
  o.accepted = false;
  o.status = 400;
  o.hresult = diagnostics::k_e_invalid_protocol_format;
  o.read_failure.reset();
  o.sec_websocket_key = {};
  o.sec_websocket_accept.clear();
  o.offered_subprotocols.clear();
  for (Extension& extension : o.offered_extensions) {
    m_spare_extensions.push_back(std::move(extension));
  }
  o.offered_extensions.clear();
  o.offer_verdicts.clear();
  o.selected_subprotocol.reset();
  o.selected_extensions.clear();
  o.diagnostics.clear();
  if (!o.request) {
    o.request.emplace(std::move(m_spare_request));
  }
}

const Outcome& ServerHandshake::answer(std::string_view input) {
  reset();
  http::Request& request = *m_outcome.request;
  if (auto error = http::parse_request_into(input, m_options, request)) {
    const diagnostics::CatalogueEntry& entry = diagnostics::describe(error->id);
    m_spare_request = std::move(request);
    m_outcome.request.reset();
    m_outcome.read_failure = error->kind;
    m_outcome.status = entry.status;
    m_outcome.hresult = entry.hresult;
    set_error_response(m_outcome, entry.status);
    m_outcome.diagnostics.push_back(
        diagnostics::make_diagnostic(error->id, error->offset, error->message, error->header));
    return m_outcome;
  }
  // The reader's findings (line endings, trailing bytes) come first; the engine's follow.
  std::swap(m_outcome.diagnostics, request.diagnostics);
  Checker(m_choices, m_outcome, m_spare_extensions, m_deflate_offers).run();
  return m_outcome;
}

Outcome ServerHandshake::release() && {
  return std::move(m_outcome);
}

Outcome begin_server_handshake(std::string_view input, const ServerChoices& choices,
                               const http::ParseOptions& options) {
  ServerHandshake engine(choices, options);
  engine.answer(input);
  return std::move(engine).release();
}

} // namespace wsh::handshake
