#include "handshake/Outcome.hpp"

namespace wsh::handshake {

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
  case 403:
    return "Forbidden";
  case 405:
    return "Method Not Allowed";
  case 408:
    return "Request Timeout";
  case 421:
    return "Misdirected Request";
  case 426:
    return "Upgrade Required";
  case 431:
    return "Request Header Fields Too Large";
  case 501:
    return "Not Implemented";
  default:
    return "Unknown";
  }
}

} // namespace wsh::handshake
