// Reads JSON Lines {"server": NAME, "request": BYTES} on standard input (bytes as a string of
// code points 0-255, as table.jsonl stores them) and writes one JSON line per input with what
// servers::predict says that server answers. `--list` writes one line per profile instead.
// compare.py drives it; it is not part of the tool.
#include "servers/Predict.hpp"
#include "servers/Registry.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

namespace {

using wsh::servers::MessageIn;

// UTF-8 text of code points below 256 back to the bytes they stand for.
std::string to_bytes(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xc0 && c <= 0xc3 && i + 1 < text.size()) {
      out += static_cast<char>(((c & 0x03U) << 6U) |
                               (static_cast<unsigned char>(text[i + 1]) & 0x3fU));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Bytes as UTF-8 text of code points below 256.
std::string to_text(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const char byte : bytes) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xc0U | (c >> 6U));
      out += static_cast<char>(0x80U | (c & 0x3fU));
    }
  }
  return out;
}

const char* where(MessageIn in) {
  switch (in) {
  case MessageIn::none:
    return "none";
  case MessageIn::body:
    return "body";
  case MessageIn::log:
    return "log";
  case MessageIn::status_line:
    return "status_line";
  case MessageIn::header:
    return "header";
  }
  return "none";
}

} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--list") {
    for (const auto& profile : wsh::servers::server_profiles()) {
      nlohmann::json line = {{"name", profile.name},
                             {"library", profile.library},
                             {"version", profile.version},
                             {"settings", profile.settings},
                             {"source", profile.source}};
      std::cout << line.dump() << '\n';
    }
    return 0;
  }
  std::string input;
  while (std::getline(std::cin, input)) {
    const nlohmann::json query = nlohmann::json::parse(input);
    const std::string name = query.at("server").get<std::string>();
    const wsh::servers::ServerProfile* profile = wsh::servers::find_server(name);
    nlohmann::json answer = {{"server", name}};
    if (profile == nullptr) {
      answer["error"] = "no such server";
      std::cout << answer.dump() << '\n';
      continue;
    }
    const std::string request = to_bytes(query.at("request").get<std::string>());
    const wsh::servers::ServerPrediction prediction = wsh::servers::predict(*profile, request);
    answer["accepts"] = prediction.accepts;
    answer["status"] = prediction.status ? nlohmann::json(*prediction.status) : nlohmann::json();
    answer["waits"] = prediction.waits;
    answer["status_line"] = to_text(prediction.status_line);
    answer["message"] = to_text(prediction.message);
    answer["message_in"] = where(prediction.message_in);
    answer["cause"] = std::string(prediction.cause);
    answer["rfc_allows"] = prediction.rfc_allows;
    answer["claimed"] = prediction.claimed;
    answer["accept_valid"] = prediction.accept_valid;
    answer["accept_flaw"] = std::string(prediction.accept_flaw);
    std::cout << answer.dump() << '\n';
  }
  return 0;
}
