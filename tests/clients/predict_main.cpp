// Reads one JSON object per line on standard input, {"client", "url", "request_hex",
// "response_hex"}, and writes one JSON object per line with clients::predict's answer for that
// client, the message hex-encoded (it may carry any byte of the response). The comparison with
// the measured table (compare.py) drives it.
#include "clients/Predict.hpp"
#include "clients/Registry.hpp"
#include "http/RequestParser.hpp"
#include "http/ResponseParser.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

namespace {

std::string from_hex(const std::string& hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

std::string to_hex(const std::string& bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += k_digits[byte >> 4U];
    out += k_digits[byte & 0x0FU];
  }
  return out;
}

} // namespace

int main() {
  using wsh::clients::Prediction;
  std::string line;
  while (std::getline(std::cin, line)) {
    const nlohmann::json in = nlohmann::json::parse(line);
    nlohmann::json out;
    const wsh::clients::ClientProfile* profile =
        wsh::clients::find_client(in.at("client").get<std::string>());
    const std::string request_bytes = from_hex(in.at("request_hex").get<std::string>());
    const std::string response_bytes = from_hex(in.at("response_hex").get<std::string>());
    wsh::http::ParseOptions options;
    options.max_header_bytes = 1U << 24U;
    auto request = wsh::http::parse_request(request_bytes, options);
    wsh::http::Response response;
    const auto read_error = wsh::http::parse_response_into(response_bytes, options, response);
    if (profile == nullptr || !request || read_error) {
      out["error"] = profile == nullptr ? "unknown client"
                     : !request         ? "the request does not parse"
                                        : "the response does not parse";
    } else {
      const Prediction prediction =
          wsh::clients::predict(*profile, *request, response, in.at("url").get<std::string>());
      out["opens"] = prediction.opens;
      out["claimed"] = prediction.claimed;
      out["message_hex"] = to_hex(prediction.message);
      out["rule"] = std::string(prediction.rule);
      out["waits"] = prediction.waits;
      out["redirect_to"] = prediction.redirect_to;
      out["subprotocol"] = prediction.subprotocol ? nlohmann::json(*prediction.subprotocol)
                                                  : nlohmann::json(nullptr);
      out["extensions"] = prediction.extensions;
      out["diagnostic"] = prediction.diagnostic
                              ? nlohmann::json(static_cast<int>(*prediction.diagnostic))
                              : nlohmann::json(nullptr);
    }
    std::cout << out.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}
