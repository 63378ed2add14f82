#include "diagnostics/Catalogue.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace wsh::diagnostics;

TEST_CASE("diagnostics::catalogue") {
  std::set<std::string_view> names;
  for (const CatalogueEntry& entry : catalogue()) {
    CAPTURE(entry.name);
    CHECK(names.insert(entry.name).second);
    // Ids are kebab-case: CI scripts grep them.
    for (const char c : entry.name) {
      CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    }
    CHECK_FALSE(entry.summary.empty());
    CHECK(entry.reference.starts_with("RFC "));
    CHECK_FALSE(entry.consequence.empty());
    CHECK_FALSE(entry.hint.empty());
    CHECK(&describe(entry.id) == &entry);
    CHECK(find_diagnostic(entry.name) == entry.id);
    if (entry.severity == Severity::error) {
      CHECK((entry.status == 400 || entry.status == 403 || entry.status == 405 ||
             entry.status == 408 || entry.status == 421 || entry.status == 426 ||
             entry.status == 431 || entry.status == 501));
      // The server's own policy (--host, --allow-origin) refuses with E_ACCESSDENIED;
      // everything else the request itself breaks is a WebSocket-facility code.
      if (entry.status == 403 || entry.status == 421) {
        CHECK(entry.hresult.value == 0x80070005U);
      } else {
        CHECK((entry.hresult.value & 0xffff0000U) == 0x83760000U);
      }
    }
  }
  CHECK_FALSE(find_diagnostic("no-such-id").has_value());
}

TEST_CASE("diagnostics::describe pins the HRESULT and status of special rules") {
  CHECK(describe(DiagnosticId::unsupported_version).status == 426);
  CHECK(describe(DiagnosticId::unsupported_version).hresult.value == 0x83760005U);
  CHECK(describe(DiagnosticId::subprotocol_not_offered).hresult.value == 0x83760004U);
  CHECK(describe(DiagnosticId::extension_not_offered).hresult.value == 0x83760003U);
  CHECK(describe(DiagnosticId::method_not_get).status == 405);
  CHECK(describe(DiagnosticId::unknown_transfer_coding).status == 501);
  CHECK(describe(DiagnosticId::header_block_too_large).status == 431);
  CHECK(describe(DiagnosticId::missing_key).hresult.value == 0x83760002U);
  CHECK(describe(DiagnosticId::origin_not_allowed).status == 403);
  CHECK(describe(DiagnosticId::host_not_served).status == 421);
  CHECK(describe(DiagnosticId::host_port_differs).status == 421);
  CHECK(describe(DiagnosticId::line_too_long).status == 431);
}
