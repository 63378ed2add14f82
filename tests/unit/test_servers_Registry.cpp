#include "servers/Registry.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string_view>

using namespace wsh::servers;

TEST_CASE("servers::server_profiles") {
  const auto profiles = server_profiles();
  CHECK(profiles.size() == 13);
  std::set<std::string_view> names;
  for (const ServerProfile& profile : profiles) {
    CAPTURE(profile.name);
    CHECK(names.insert(profile.name).second);
    CHECK(find_server(profile.name) == &profile);
    CHECK_FALSE(profile.library.empty());
    CHECK_FALSE(profile.version.empty());
    CHECK_FALSE(profile.source.empty());
    REQUIRE(profile.http != nullptr);
    CHECK_FALSE(profile.http->source.empty());
    // Every rule cites where it is in the library and the measured requests that show it.
    for (const std::span<const Step> steps :
         {profile.http->request_line_steps, profile.http->field_steps, profile.steps}) {
      for (const Step& step : steps) {
        CAPTURE(step.cause);
        CHECK_FALSE(step.cause.empty());
        CHECK_FALSE(step.source.empty());
        CHECK_FALSE(step.evidence.empty());
      }
    }
    for (const Limit& limit : profile.http->limits) {
      CHECK_FALSE(limit.cause.empty());
    }
    CHECK((profile.accept_over == AcceptOver::key) == profile.accept_flaw_cause.empty());
  }
  CHECK(find_server("uwebsockets") == nullptr);
  CHECK(find_server("") == nullptr);
}
