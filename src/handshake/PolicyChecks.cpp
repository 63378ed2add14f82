#include "handshake/PolicyChecks.hpp"

#include "http/Host.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::handshake {

namespace {

using diagnostics::DiagnosticId;

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
           return lower(x) == lower(y);
         });
}

// A port the server names or the request does, with a missing one read as the scheme's
// default: either 80 or 443, since the request does not say whether it came over TLS.
bool ports_match(std::optional<unsigned long> served, std::optional<unsigned long> sent) {
  const auto is_default = [](std::optional<unsigned long> port) {
    return !port || *port == 80 || *port == 443;
  };
  if (served && sent) {
    return *served == *sent;
  }
  return is_default(served) && is_default(sent);
}

} // namespace

void check_served_host(const ServerPolicy& policy, const HandshakeFields& fields,
                       Findings& findings) {
  if (!policy.host || fields.host.size() != 1 || http::check_host(fields.host[0]->value)) {
    return; // the RFC's checks already report a missing, repeated or invalid Host
  }
  const http::Field& host = *fields.host[0];
  const http::Authority sent = http::split_authority(host.value);
  const ServedAuthority& served = *policy.host;
  const std::size_t at = findings.offset_of(host.value);
  if (!equal_ignoring_case(sent.host, served.host)) {
    findings.add(DiagnosticId::host_not_served, at,
                 fmt::format("Host `{}` is not the host this server serves (`{}`, --host)",
                             host.value, served.given),
                 host.name);
    return;
  }
  const std::optional<unsigned long> sent_port = sent.port ? port_number(*sent.port) : std::nullopt;
  if (ports_match(served.port, sent_port)) {
    return;
  }
  std::string message;
  if (!sent_port) {
    message = fmt::format("Host `{}` has no port, so it means 80 or 443; the server expects "
                          "port {} (`{}`): a client on another port must name it",
                          host.value, *served.port, served.given);
  } else if (!served.port) {
    message = fmt::format("Host `{}` names port {}; the server expects the default port "
                          "(`{}`): a proxy in front may be forwarding its own port",
                          host.value, *sent_port, served.given);
  } else {
    message = fmt::format("Host `{}` names port {}; the server expects port {} (`{}`)", host.value,
                          *sent_port, *served.port, served.given);
  }
  findings.add(DiagnosticId::host_port_differs, at, std::move(message), host.name);
}

void check_allowed_origin(const ServerPolicy& policy, const HandshakeFields& fields,
                          Findings& findings) {
  if (policy.allowed_origins.empty() || policy.any_origin) {
    return;
  }
  for (const http::Field* origin : fields.origin) {
    const std::string key = origin_key(origin->value);
    if (std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), key) !=
        policy.allowed_origins.end()) {
      continue;
    }
    findings.add(DiagnosticId::origin_not_allowed, findings.offset_of(origin->value),
                 fmt::format("Origin `{}` is not an origin this server allows ({}: --allow-origin)",
                             origin->value, fmt::join(policy.allowed_origins, ", ")),
                 origin->name);
  }
}

void check_line_lengths(const ServerPolicy& policy, const http::Request& request,
                        Findings& findings) {
  const std::size_t limit = policy.max_line_bytes;
  if (limit == 0) {
    return;
  }
  const std::string_view head = request.input.substr(0, request.empty_line_at);
  const std::size_t request_line_at = request.offset_of(request.method);
  std::size_t begin = 0;
  while (begin < head.size()) {
    std::size_t end = head.find('\n', begin);
    const std::size_t next = end == std::string_view::npos ? head.size() : end + 1;
    if (end == std::string_view::npos) {
      end = head.size();
    }
    const std::size_t length = end > begin && head[end - 1] == '\r' ? end - 1 - begin : end - begin;
    if (length > limit) {
      const std::string_view line = head.substr(begin, length);
      const std::size_t colon = line.find(':');
      const std::string_view name = begin == request_line_at || colon == std::string_view::npos
                                        ? std::string_view{}
                                        : line.substr(0, colon);
      findings.add(DiagnosticId::line_too_long, begin + std::min(limit, length),
                   fmt::format("{} is {} bytes long; the server reads at most {} "
                               "(--max-line-bytes)",
                               name.empty() ? std::string("the request line")
                                            : fmt::format("the `{}` line", name),
                               length, limit),
                   name);
    }
    begin = next;
  }
}

} // namespace wsh::handshake
