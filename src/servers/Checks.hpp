#pragma once

#include "servers/MessageTemplate.hpp"
#include "servers/Reading.hpp"
#include "servers/ServerProfile.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wsh::servers {

// One check's verdict: passed, or failed with the values its refusal's templates name and, for
// the checks that tell causes apart (Origin against Host), the cause to report.
struct CheckResult {
  bool passed = true;
  std::string_view cause;
};

// Runs `step` against the request as the server read it; fills `values` with what a failure
// message quotes.
CheckResult run_check(const Step& step, const ServerRequest& request, MessageValues& values);

// The value of `field` as `lines` combines its lines; absent when the request has no such line.
std::optional<std::string> field_value(const ServerRequest& request, std::string_view field,
                                       Lines lines);

} // namespace wsh::servers
