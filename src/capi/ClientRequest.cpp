#include "capi/ClientRequest.hpp"

#include "capi/ChoiceSyntax.hpp"
#include "http/Grammar.hpp"
#include "util/Base64.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace wsh::capi {

namespace {

// The only version RFC 6455 defines (RFC 6455 4.1 item 9).
constexpr std::string_view k_websocket_version = "13";

// The nonce's size before base64 (RFC 6455 4.1 item 7).
constexpr std::size_t k_key_bytes = 16;

} // namespace

std::optional<std::string> new_sec_websocket_key() {
  std::array<unsigned char, k_key_bytes> nonce{};
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    return std::nullopt;
  }
  // Base64 of 16 bytes is 24 characters; EVP_EncodeBlock adds a NUL.
  std::array<unsigned char, 25> encoded{};
  const int written = EVP_EncodeBlock(encoded.data(), nonce.data(), static_cast<int>(nonce.size()));
  return std::string(encoded.begin(), encoded.begin() + written);
}

std::optional<std::string> check_client_offer(const ClientOffer& offer) {
  if (offer.host && offer.host->find_first_of("\r\n") != std::string::npos) {
    return std::string("the host holds a CR or LF");
  }
  if (!util::is_base64_of_16_bytes(offer.sec_websocket_key)) {
    return fmt::format("`{}` is not the base64 of 16 bytes (RFC 6455 4.1 item 7)",
                       offer.sec_websocket_key);
  }
  for (auto it = offer.subprotocols.begin(); it != offer.subprotocols.end(); ++it) {
    if (!is_subprotocol_name(*it)) {
      return fmt::format("the subprotocol `{}` is not a token (RFC 6455 4.1 item 10)", *it);
    }
    if (std::find(offer.subprotocols.begin(), it, *it) != it) {
      return fmt::format("the subprotocol `{}` is offered twice (RFC 6455 4.1 item 10)", *it);
    }
  }
  for (const std::string& given : offer.extensions) {
    if (!is_one_extension(given)) {
      return fmt::format("`{}` is not one extension (RFC 6455 9.1)", given);
    }
  }
  return std::nullopt;
}

std::vector<RequestField> client_request_fields(const ClientOffer& offer) {
  std::vector<RequestField> fields;
  fields.reserve(7);
  if (offer.host) {
    fields.push_back({"Host", *offer.host});
  }
  fields.push_back({"Upgrade", "websocket"});
  fields.push_back({"Connection", "Upgrade"});
  fields.push_back({"Sec-WebSocket-Key", offer.sec_websocket_key});
  fields.push_back({"Sec-WebSocket-Version", std::string(k_websocket_version)});
  if (!offer.subprotocols.empty()) {
    fields.push_back(
        {"Sec-WebSocket-Protocol", fmt::format("{}", fmt::join(offer.subprotocols, ", "))});
  }
  if (!offer.extensions.empty()) {
    std::vector<std::string_view> trimmed;
    trimmed.reserve(offer.extensions.size());
    for (const std::string& given : offer.extensions) {
      trimmed.push_back(http::trim_ows(given));
    }
    fields.push_back({"Sec-WebSocket-Extensions", fmt::format("{}", fmt::join(trimmed, ", "))});
  }
  return fields;
}

} // namespace wsh::capi
