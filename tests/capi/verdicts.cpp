// capi_verdicts: answers requests given as name/value pairs through the C API's
// WebSocketBeginServerHandshake and prints what it concluded, for compare-with-cli.py to set
// beside ws-handshake's own JSON. Reads one JSON document on standard input:
//   {"cases": [{"pairs": [[NAME_HEX, VALUE_HEX], ...], "subprotocol": S|null,
//               "extensions": [E, ...]}, ...]}
// (names and values in hex, so any byte survives) and writes one JSON line per case: the
// HRESULT, and from the session behind the handle, the status and the diagnostic ids the
// C API does not carry, then the response headers the C API handed out.
#include "capi/Session.hpp"
#include "diagnostics/Catalogue.hpp"

#include <ws-handshake/websocket.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::json;

std::string from_hex(const std::string& hex) {
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

std::string to_hex(std::string_view bytes) {
  std::string hex;
  for (const char c : bytes) {
    hex += fmt::format("{:02x}", static_cast<unsigned char>(c));
  }
  return hex;
}

Json answer(const Json& given) {
  std::vector<std::string> texts;
  for (const Json& pair : given.at("pairs")) {
    texts.push_back(from_hex(pair.at(0).get<std::string>()));
    texts.push_back(from_hex(pair.at(1).get<std::string>()));
  }
  std::vector<WEB_SOCKET_HTTP_HEADER> request(texts.size() / 2);
  for (std::size_t i = 0; i < request.size(); ++i) {
    request[i] = {texts[2 * i].data(), static_cast<ULONG>(texts[2 * i].size()),
                  texts[2 * i + 1].data(), static_cast<ULONG>(texts[2 * i + 1].size())};
  }
  std::string subprotocol;
  const bool has_subprotocol = given.contains("subprotocol") && !given["subprotocol"].is_null();
  if (has_subprotocol) {
    subprotocol = given["subprotocol"].get<std::string>();
  }
  std::vector<std::string> extensions;
  if (given.contains("extensions")) {
    extensions = given["extensions"].get<std::vector<std::string>>();
  }
  std::vector<PCSTR> extension_pointers;
  for (const std::string& extension : extensions) {
    extension_pointers.push_back(extension.c_str());
  }

  WEB_SOCKET_HANDLE handle = nullptr;
  Json out;
  if (FAILED(WebSocketCreateServerHandle(nullptr, 0, &handle))) {
    out["error"] = "WebSocketCreateServerHandle failed";
    return out;
  }
  PWEB_SOCKET_HTTP_HEADER response = nullptr;
  ULONG response_count = 0;
  const HRESULT hr = WebSocketBeginServerHandshake(
      handle, has_subprotocol ? subprotocol.c_str() : nullptr,
      extension_pointers.empty() ? nullptr : extension_pointers.data(),
      static_cast<ULONG>(extension_pointers.size()), request.data(),
      static_cast<ULONG>(request.size()), &response, &response_count);
  out["hresult"] = fmt::format("0x{:08X}", static_cast<std::uint32_t>(hr));
  const wsh::capi::Session& session = *handle;
  if (const wsh::handshake::Outcome* outcome = session.outcome()) {
    out["accepted"] = outcome->accepted;
    out["status"] = outcome->status;
    Json ids = Json::array();
    for (const auto& diagnostic : outcome->diagnostics) {
      ids.push_back(std::string(wsh::diagnostics::describe(diagnostic.id).name));
    }
    out["ids"] = ids;
  }
  Json headers = Json::array();
  for (ULONG i = 0; i < response_count; ++i) {
    headers.push_back({to_hex({response[i].pcName, response[i].ulNameLength}),
                       to_hex({response[i].pcValue, response[i].ulValueLength})});
  }
  out["response_headers"] = headers;
  out["rebuilt_head"] = to_hex(session.rebuilt_head());
  WebSocketDeleteHandle(handle);
  return out;
}

} // namespace

int main() {
  const Json input = Json::parse(std::cin);
  for (const Json& given : input.at("cases")) {
    std::cout << answer(given).dump() << '\n';
  }
  return 0;
}
