#include "output/ServersRenderer.hpp"

#include "util/Escape.hpp"

#include <fmt/format.h>

namespace wsh::output {

std::string_view to_string(servers::MessageIn where) {
  switch (where) {
  case servers::MessageIn::body:
    return "body";
  case servers::MessageIn::log:
    return "log";
  case servers::MessageIn::status_line:
    return "status line";
  case servers::MessageIn::header:
    return "header";
  case servers::MessageIn::none:
    break;
  }
  return "";
}

void append_text_servers(std::string& out, std::span<const ServerVerdict> verdicts,
                         std::size_t request) {
  for (const ServerVerdict& verdict : verdicts) {
    const servers::ServerPrediction& prediction = verdict.prediction;
    out += "server ";
    out += verdict.profile->name;
    if (request != 0) {
      fmt::format_to(std::back_inserter(out), ", request {}", request);
    }
    if (prediction.accepts) {
      out += prediction.accept_valid ? ": accepts: "
                                     : ": accepts, with a wrong "
                                       "Sec-WebSocket-Accept: ";
      util::append_escaped_text(out, prediction.status_line);
    } else if (prediction.waits) {
      out += ": refuses: waits for the rest of the request and never answers";
    } else if (!prediction.status) {
      out += ": refuses: closes the connection without a response";
    } else {
      out += ": refuses: ";
      util::append_escaped_text(out, prediction.status_line);
    }
    if (!prediction.message.empty() && prediction.message_in != servers::MessageIn::status_line) {
      out += "; ";
      out += to_string(prediction.message_in);
      out += ": ";
      util::append_escaped_text(out, prediction.message);
    }
    const std::string_view cause = prediction.accepts ? prediction.accept_flaw : prediction.cause;
    if (!cause.empty()) {
      out += " [";
      out += cause;
      if (prediction.rfc_allows) {
        out += "; the RFC allows this request";
      }
      out += ']';
    }
    if (!prediction.claimed) {
      out += " (uncertain: the request goes beyond what the profile models)";
    }
    out += '\n';
  }
}

void write_servers_json(JsonWriter& json, std::span<const ServerVerdict> verdicts) {
  json.begin_object();
  for (const ServerVerdict& verdict : verdicts) {
    const servers::ServerPrediction& prediction = verdict.prediction;
    json.key(verdict.profile->name);
    json.begin_object();
    json.member("accepts", prediction.accepts);
    json.member("opens", opens(prediction));
    json.key("status");
    if (prediction.status) {
      json.number(*prediction.status);
    } else {
      json.null();
    }
    json.key("status_line");
    if (prediction.status) {
      json.string(prediction.status_line);
    } else {
      json.null();
    }
    json.key("message");
    if (prediction.message.empty()) {
      json.null();
    } else {
      json.string(prediction.message);
    }
    json.key("message_in");
    if (prediction.message.empty()) {
      json.null();
    } else {
      json.string(to_string(prediction.message_in));
    }
    json.member("waits", prediction.waits);
    const std::string_view cause = prediction.accepts ? prediction.accept_flaw : prediction.cause;
    json.key("cause");
    if (cause.empty()) {
      json.null();
    } else {
      json.string(cause);
    }
    json.member("rfc_allows", prediction.rfc_allows);
    json.member("certain", prediction.claimed);
    json.end_object();
  }
  json.end_object();
}

} // namespace wsh::output
