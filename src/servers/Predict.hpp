#pragma once

#include "servers/Prediction.hpp"
#include "servers/ServerProfile.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace wsh::servers {

// What `profile`'s server answers to the raw request bytes `request` (a head, maybe followed
// by bytes sent with it): reads the request as its HTTP layer does, then runs its checks in its
// order. One generic predictor; every difference between servers is data in the profile.
ServerPrediction predict(const ServerProfile& profile, std::string_view request);

// The profiled servers that refuse one request, all for one cause.
struct CompatibilityNote {
  std::string_view cause;
  std::vector<std::string_view> servers;
  // What the first of them answers, for a message to quote.
  ServerPrediction first;
};

// For a request the RFC accepts: the profiled servers that refuse it anyway, or answer a 101
// whose Sec-WebSocket-Accept is wrong, one note per cause (the Connection token list, Upgrade
// letter case, list spacing, Host, per-line sizes, Origin, ...), in the order the causes first
// appear in the registry. Empty when the RFC refuses the request (the engine's diagnostics say
// why) or when every server answers it with a good 101.
std::vector<CompatibilityNote> compatibility_notes(std::string_view request);

// The same over the given profiles.
std::vector<CompatibilityNote> compatibility_notes(std::span<const ServerProfile> profiles,
                                                   std::string_view request);

} // namespace wsh::servers
