#include "handshake/PerMessageDeflate.hpp"
#include "handshake/ServerHandshake.hpp"

#include "TestSupport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace wsh::handshake;
using wsh::diagnostics::DiagnosticId;
using wsh::diagnostics::Severity;
using Kind = DeflateParameterError::Kind;

namespace {

Extension parse_one(const std::string& text) {
  std::vector<Extension> parsed;
  REQUIRE_FALSE(parse_extension_list(text, parsed));
  REQUIRE(parsed.size() == 1);
  return parsed.front();
}

// One set of parameters, read as an offer or a response: valid, or the kind of error.
struct ReadRow {
  std::string text;
  DeflateRole role;
  std::optional<Kind> error;
};

} // namespace

TEST_CASE("handshake::read_deflate_parameters: offers and responses (RFC 7692 7.1)") {
  using enum DeflateRole;
  const ReadRow rows[] = {
      {"permessage-deflate", offer, std::nullopt},
      {"permessage-deflate; client_max_window_bits", offer, std::nullopt},
      {"permessage-deflate; client_max_window_bits", response, Kind::missing_value},
      {"permessage-deflate; client_max_window_bits=15", response, std::nullopt},
      {"permessage-deflate; server_max_window_bits", offer, Kind::missing_value},
      {"permessage-deflate; server_max_window_bits=8", offer, std::nullopt},
      {"permessage-deflate; server_max_window_bits=\"10\"", offer, std::nullopt}, // quoted form
      {"permessage-deflate; server_max_window_bits=16", offer, Kind::invalid_value},
      {"permessage-deflate; server_max_window_bits=7", offer, Kind::invalid_value},
      {"permessage-deflate; server_max_window_bits=010", offer, Kind::invalid_value},
      {"permessage-deflate; server_max_window_bits=09", response, Kind::invalid_value},
      {"permessage-deflate; client_max_window_bits=abc", offer, Kind::invalid_value},
      {"permessage-deflate; server_no_context_takeover=1", offer, Kind::invalid_value},
      {"permessage-deflate; server_no_context_takeover; server_no_context_takeover", offer,
       Kind::duplicate_parameter},
      {"permessage-deflate; client_max_window_bits; client_max_window_bits=10", offer,
       Kind::duplicate_parameter},
      {"permessage-deflate; x_unknown", offer, Kind::unknown_parameter},
      {"permessage-deflate; x_unknown", response, Kind::unknown_parameter},
      {"permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
       "server_max_window_bits=9; client_max_window_bits=12",
       response, std::nullopt},
  };
  for (const ReadRow& row : rows) {
    CAPTURE(row.text);
    const auto parameters = read_deflate_parameters(parse_one(row.text), row.role);
    REQUIRE(parameters.has_value() == !row.error.has_value());
    if (row.error) {
      CHECK(parameters.error().kind == *row.error);
      CHECK_FALSE(parameters.error().message.empty());
    }
  }
  const auto full = read_deflate_parameters(
      parse_one("permessage-deflate; server_no_context_takeover; server_max_window_bits=10; "
                "client_max_window_bits"),
      offer);
  REQUIRE(full.has_value());
  CHECK(full->server_no_context_takeover);
  CHECK_FALSE(full->client_no_context_takeover);
  CHECK(full->server_max_window_bits == 10);
  CHECK(full->has_client_max_window_bits);
  CHECK_FALSE(full->client_max_window_bits.has_value());
}

TEST_CASE("handshake::check_deflate_response: the response rules of RFC 7692 7.1.1 and 7.1.2") {
  struct Row {
    std::string offer;
    std::string response;
    std::vector<DeflateViolation> violations;
  };
  using enum DeflateViolation;
  const Row rows[] = {
      {"permessage-deflate", "permessage-deflate", {}},
      {"permessage-deflate", "permessage-deflate; server_no_context_takeover", {}},
      {"permessage-deflate", "permessage-deflate; client_no_context_takeover", {}},
      {"permessage-deflate", "permessage-deflate; server_max_window_bits=10", {}},
      {"permessage-deflate; server_no_context_takeover",
       "permessage-deflate",
       {missing_server_no_context_takeover}},
      {"permessage-deflate; server_max_window_bits=10",
       "permessage-deflate",
       {server_window_missing_or_larger}},
      {"permessage-deflate; server_max_window_bits=10",
       "permessage-deflate; server_max_window_bits=11",
       {server_window_missing_or_larger}},
      {"permessage-deflate; server_max_window_bits=10",
       "permessage-deflate; server_max_window_bits=9",
       {}},
      {"permessage-deflate",
       "permessage-deflate; client_max_window_bits=10",
       {client_window_not_offered}},
      {"permessage-deflate; client_max_window_bits",
       "permessage-deflate; client_max_window_bits=10",
       {}},
      {"permessage-deflate; client_max_window_bits=10",
       "permessage-deflate; client_max_window_bits=12",
       {client_window_larger}},
      {"permessage-deflate; client_max_window_bits=10",
       "permessage-deflate; client_max_window_bits=10",
       {}},
      {"permessage-deflate; server_no_context_takeover; server_max_window_bits=9",
       "permessage-deflate; client_max_window_bits=9",
       {missing_server_no_context_takeover, server_window_missing_or_larger,
        client_window_not_offered}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.offer);
    CAPTURE(row.response);
    const auto offer = read_deflate_parameters(parse_one(row.offer), DeflateRole::offer);
    const auto response = read_deflate_parameters(parse_one(row.response), DeflateRole::response);
    REQUIRE(offer.has_value());
    REQUIRE(response.has_value());
    CHECK(check_deflate_response(*offer, *response) == row.violations);
  }
}

TEST_CASE("handshake::answer_deflate_offer produces valid answers") {
  const std::string offers[] = {
      "permessage-deflate",
      "permessage-deflate; client_max_window_bits",
      "permessage-deflate; client_max_window_bits=9",
      "permessage-deflate; server_max_window_bits=11",
      "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
  };
  const std::string settings_texts[] = {
      "",
      "server_max_window_bits=10",
      "client_max_window_bits=12",
      "server_no_context_takeover,client_no_context_takeover",
      "server_max_window_bits=15, client_max_window_bits=9",
  };
  for (const std::string& offer_text : offers) {
    for (const std::string& settings_text : settings_texts) {
      CAPTURE(offer_text);
      CAPTURE(settings_text);
      const auto settings = parse_deflate_settings(settings_text);
      REQUIRE(settings.has_value());
      const auto offer = read_deflate_parameters(parse_one(offer_text), DeflateRole::offer);
      REQUIRE(offer.has_value());
      const DeflateParameters answer = answer_deflate_offer(*offer, *settings);
      CHECK(check_deflate_response(*offer, answer).empty());
      // The answer, written out and read back as a response, is the same answer.
      const std::string written = format_deflate(answer);
      const auto reread = read_deflate_parameters(parse_one(written), DeflateRole::response);
      REQUIRE(reread.has_value());
      CHECK(format_deflate(*reread) == written);
    }
  }
  // An offer that pins the client to 8 gets no client_max_window_bits back: zlib cannot use 8.
  const auto pinned = read_deflate_parameters(
      parse_one("permessage-deflate; client_max_window_bits=8"), DeflateRole::offer);
  CHECK(format_deflate(
            answer_deflate_offer(*pinned, *parse_deflate_settings("client_max_window_bits=10"))) ==
        "permessage-deflate");
  const auto offer = read_deflate_parameters(
      parse_one("permessage-deflate; client_max_window_bits; server_max_window_bits=12"),
      DeflateRole::offer);
  const auto settings =
      parse_deflate_settings("server_max_window_bits=10,client_max_window_bits=11");
  CHECK(format_deflate(answer_deflate_offer(*offer, *settings)) ==
        "permessage-deflate; server_max_window_bits=10; client_max_window_bits=11");
}

TEST_CASE("handshake::parse_deflate_settings rejects what is not a setting") {
  CHECK(parse_deflate_settings("").has_value());
  CHECK(parse_deflate_settings("server_max_window_bits=10, server_no_context_takeover"));
  CHECK_FALSE(parse_deflate_settings("server_max_window_bits"));
  CHECK_FALSE(parse_deflate_settings("server_max_window_bits=16"));
  CHECK_FALSE(parse_deflate_settings("client_no_context_takeover=1"));
  CHECK_FALSE(parse_deflate_settings("compress"));
  CHECK_FALSE(parse_deflate_settings("server_max_window_bits=8")); // zlib cannot make it
}

namespace {

Outcome answer(const std::string& extensions_field, ServerChoices choices) {
  static std::vector<std::unique_ptr<wsh::test::ExactBuffer>> keep_alive;
  const std::string request =
      "GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Origin: o\r\nSec-WebSocket-Version: 13\r\n" +
      extensions_field + "\r\n";
  keep_alive.push_back(std::make_unique<wsh::test::ExactBuffer>(request));
  return begin_server_handshake(keep_alive.back()->view(), choices, wsh::http::ParseOptions{});
}

ServerChoices extensions(std::vector<std::string> chosen) {
  ServerChoices choices;
  choices.extensions = std::move(chosen);
  return choices;
}

std::vector<DiagnosticId> ids_of(const Outcome& outcome) {
  std::vector<DiagnosticId> ids;
  for (const auto& diagnostic : outcome.diagnostics) {
    ids.push_back(diagnostic.id);
  }
  return ids;
}

} // namespace

TEST_CASE("handshake: each RFC 7692 rule fails the application's -e with its own id") {
  struct Row {
    std::string offer;
    std::vector<std::string> chosen;
    std::vector<DiagnosticId> expected;
  };
  using enum DiagnosticId;
  const std::string chromium =
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
  const std::string limiting = "Sec-WebSocket-Extensions: permessage-deflate; "
                               "server_no_context_takeover; server_max_window_bits=10\r\n";
  const Row rows[] = {
      {chromium, {"permessage-deflate"}, {}},
      {chromium, {"permessage-deflate; client_max_window_bits=15"}, {}},
      {chromium, {"permessage-deflate; client_max_window_bits"}, {deflate_response_missing_value}},
      {chromium,
       {"permessage-deflate; server_max_window_bits=16"},
       {deflate_response_invalid_value}},
      {chromium, {"permessage-deflate; x=1"}, {deflate_response_unknown_parameter}},
      {chromium,
       {"permessage-deflate; server_no_context_takeover; server_no_context_takeover"},
       {deflate_response_duplicate_parameter}},
      {chromium, {"permessage-deflate", "permessage-deflate"}, {duplicate_deflate_response}},
      {chromium, {"permessage-deflate; server_max_window_bits=8"}, {deflate_window_bits_8}},
      {limiting,
       {"permessage-deflate"},
       {deflate_missing_server_no_context_takeover, deflate_server_window_not_honoured}},
      {limiting,
       {"permessage-deflate; server_no_context_takeover; server_max_window_bits=11"},
       {deflate_server_window_not_honoured}},
      {limiting, {"permessage-deflate; server_no_context_takeover; server_max_window_bits=10"}, {}},
      {limiting,
       {"permessage-deflate; server_no_context_takeover; server_max_window_bits=10; "
        "client_max_window_bits=10"},
       {deflate_client_window_not_offered}},
      {"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n",
       {"permessage-deflate; client_max_window_bits=12"},
       {deflate_client_window_larger}},
      {"Sec-WebSocket-Extensions: permessage-deflate; bogus\r\n",
       {"permessage-deflate"},
       {invalid_deflate_offer, deflate_answers_declined_offer}},
      // A later offer the response is valid for is the one it answers (RFC 7692 5).
      {"Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=9, "
       "permessage-deflate\r\n",
       {"permessage-deflate"},
       {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.offer);
    CAPTURE(row.chosen.front());
    const Outcome outcome = answer(row.offer, extensions(row.chosen));
    std::vector<DiagnosticId> found = ids_of(outcome);
    std::vector<DiagnosticId> expected = row.expected;
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    CHECK(found == expected);
    const bool has_error = std::any_of(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                                       [](const auto& d) { return d.severity == Severity::error; });
    CHECK(outcome.accepted == !has_error);
    if (has_error) {
      CHECK(outcome.hresult.value == 0x83760003U);
    }
  }
}

TEST_CASE("handshake: --negotiate-deflate past four offers, where they leave the inline slots") {
  ServerChoices choices;
  choices.negotiate_deflate = *parse_deflate_settings("server_max_window_bits=10");
  const Outcome outcome =
      answer("Sec-WebSocket-Extensions: x-a, permessage-deflate; x=1, x-b, "
             "permessage-deflate; y=2, x-c, permessage-deflate; client_max_window_bits\r\n",
             choices);
  CHECK(outcome.accepted);
  REQUIRE(outcome.offer_verdicts.size() == 6);
  CHECK(outcome.offer_verdicts[1].state == OfferVerdict::State::declined);
  CHECK(outcome.offer_verdicts[3].state == OfferVerdict::State::declined);
  CHECK(outcome.offer_verdicts[5].state == OfferVerdict::State::accepted);
  REQUIRE(outcome.selected_extensions.size() == 1);
  CHECK(outcome.selected_extensions[0] == "permessage-deflate; server_max_window_bits=10");
}

TEST_CASE("handshake: --negotiate-deflate answers the first acceptable offer, in client order") {
  ServerChoices choices;
  choices.negotiate_deflate = *parse_deflate_settings("server_max_window_bits=10");
  const Outcome outcome =
      answer("Sec-WebSocket-Extensions: permessage-deflate; x=1, permessage-deflate; "
             "client_max_window_bits, permessage-deflate\r\n",
             choices);
  CHECK(outcome.accepted);
  REQUIRE(outcome.offer_verdicts.size() == 3);
  CHECK(outcome.offer_verdicts[0].state == OfferVerdict::State::declined);
  CHECK(outcome.offer_verdicts[1].state == OfferVerdict::State::accepted);
  CHECK(outcome.offer_verdicts[2].state == OfferVerdict::State::not_selected);
  REQUIRE(outcome.selected_extensions.size() == 1);
  CHECK(outcome.selected_extensions[0] == "permessage-deflate; server_max_window_bits=10");
  CHECK(outcome.response_headers.back().value == "permessage-deflate; server_max_window_bits=10");

  const Outcome none = answer("Sec-WebSocket-Extensions: permessage-deflate; x=1\r\n", choices);
  CHECK(none.accepted);
  CHECK(none.selected_extensions.empty());
  std::vector<DiagnosticId> none_ids = ids_of(none);
  std::sort(none_ids.begin(), none_ids.end());
  CHECK(none_ids == std::vector<DiagnosticId>{DiagnosticId::invalid_deflate_offer,
                                              DiagnosticId::deflate_not_negotiated});

  // An explicit -e wins over negotiation, as WebSocketBeginServerHandshake takes the choice.
  choices.extensions = {"permessage-deflate; client_max_window_bits=9"};
  const Outcome explicit_choice =
      answer("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", choices);
  REQUIRE(explicit_choice.selected_extensions.size() == 1);
  CHECK(explicit_choice.selected_extensions[0] == "permessage-deflate; client_max_window_bits=9");
}

TEST_CASE("handshake: --accept-protocols picks by the preferred side's order") {
  const std::string offer = "Sec-WebSocket-Protocol: chat, superchat\r\n";
  ServerChoices choices;
  choices.accept_protocols = {"superchat", "chat"};
  CHECK(answer(offer, choices).selected_subprotocol == "superchat");
  choices.prefer = ProtocolPreference::client;
  CHECK(answer(offer, choices).selected_subprotocol == "chat");
  choices.subprotocol = "superchat"; // -p wins
  CHECK(answer(offer, choices).selected_subprotocol == "superchat");
  ServerChoices unsupported;
  unsupported.accept_protocols = {"v2"};
  const Outcome none = answer(offer, unsupported);
  CHECK(none.accepted);
  CHECK(ids_of(none) == std::vector<DiagnosticId>{DiagnosticId::subprotocol_not_selected});
}
