#include "output/JsonWriter.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <string>

using wsh::output::append_json_string;
using wsh::output::JsonLayout;
using wsh::output::JsonWriter;

namespace {

// What nlohmann_json writes for the same bytes: ASCII only, invalid UTF-8 replaced.
std::string reference(const std::string& bytes) {
  return nlohmann::json(bytes).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

std::string escaped(const std::string& bytes) {
  std::string out;
  append_json_string(out, bytes);
  return out;
}

} // namespace

TEST_CASE("output::append_json_string escapes like nlohmann_json on chosen sequences") {
  const std::string cases[] = {
      "",
      "plain",
      "\"quoted\" and \\back\\slashed",
      std::string("\x00\x01\x08\x09\x0a\x0b\x0c\x0d\x1f\x7f", 10),
      "\xc3\xa9\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80", // é, NEL, U+2028, U+1F600
      "\xff\xfe\xc3(",                                // invalid lead bytes, a cut sequence
      "\xe0\x80\x80",                                 // overlong
      "\xed\xa0\x80",                                 // a surrogate
      "\xf4\x90\x80\x80",                             // past U+10FFFF
      "\xf0\x9f\x98",                                 // cut at the end
      "\xe2\x82",                                     // cut at the end, shorter
      "\xc0\xaf",                                     // overlong slash
  };
  for (const std::string& bytes : cases) {
    CAPTURE(bytes);
    CHECK(escaped(bytes) == reference(bytes));
  }
}

TEST_CASE("output::append_json_string escapes like nlohmann_json on random bytes") {
  std::mt19937 random(20261205);
  // Bytes drawn mostly from the ranges where UTF-8 decoding decides something.
  const unsigned char interesting[] = {0x00, 0x1f, 0x20, '"',  '\\', 'a',  0x7f, 0x80, 0x8f, 0x90,
                                       0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec,
                                       0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(random() % 40, '\0'); // past 16, so the SSE2 search runs too
    for (char& c : bytes) {
      c = static_cast<char>(random() % 4 == 0 ? random() % 256
                                              : interesting[random() % sizeof interesting]);
    }
    CAPTURE(bytes);
    REQUIRE(escaped(bytes) == reference(bytes));
  }
}

TEST_CASE("output::JsonWriter::string: one escape at every position of every short length") {
  // Plain text with a single byte to escape, at each position of each length up to 70: the
  // search for escapes reads short strings and the tail of long ones with overlapping loads, so
  // every length and position is a different path through it.
  const char special[] = {'"', '\\', '\x00', '\x1f', '\x7f', '\x80', '\xff'};
  for (std::size_t length = 1; length <= 70; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char c : special) {
        std::string bytes(length, 'a');
        bytes[at] = c;
        CAPTURE(length);
        CAPTURE(at);
        std::string written;
        JsonWriter json(written, JsonLayout::line);
        json.string(bytes);
        json.finish();
        REQUIRE(written == reference(bytes));
        REQUIRE(escaped(bytes) == reference(bytes));
      }
    }
  }
}

TEST_CASE("output::JsonWriter lays out like nlohmann_json's dump") {
  const auto write = [](JsonLayout layout) {
    std::string out;
    JsonWriter json(out, layout);
    json.begin_object();
    json.member("n", 1);
    json.key("empty_array");
    json.begin_array();
    json.end_array();
    json.key("empty_object");
    json.begin_object();
    json.end_object();
    json.key("list");
    json.begin_array();
    json.begin_object();
    json.member("a", true);
    json.key("b");
    json.null();
    json.end_object();
    json.string("x");
    json.end_array();
    json.end_object();
    return out;
  };
  const nlohmann::ordered_json document = {{"n", 1},
                                           {"empty_array", nlohmann::ordered_json::array()},
                                           {"empty_object", nlohmann::ordered_json::object()},
                                           {"list", {{{"a", true}, {"b", nullptr}}, "x"}}};
  CHECK(write(JsonLayout::pretty) == document.dump(2));
  CHECK(write(JsonLayout::line) == document.dump());
}

TEST_CASE("output::JsonWriter::name_value_line writes what the member calls write") {
  // The one-check path of line layout against the general calls, in both layouts, after another
  // value (so the separator is written), for values with and without an escape at each
  // position, and line numbers on both sides of the short-number limit.
  const auto by_members = [](JsonLayout layout, std::string_view value, std::uint64_t line) {
    std::string out;
    JsonWriter json(out, layout);
    json.begin_array();
    json.number(7);
    json.begin_object();
    json.key("name");
    json.token("Sec-WebSocket-Key");
    json.member("value", value);
    json.member("line", line);
    json.end_object();
    json.string("after");
    json.end_array();
    json.finish();
    return out;
  };
  const auto fused = [](JsonLayout layout, std::string_view value, std::uint64_t line) {
    std::string out;
    JsonWriter json(out, layout);
    json.begin_array();
    json.number(7);
    json.name_value_line("Sec-WebSocket-Key", value, line);
    json.string("after");
    json.end_array();
    json.finish();
    return out;
  };
  const std::uint64_t lines[] = {0, 9, 10, 12345, 99999999, 100000000, 18446744073709551615U};
  for (std::size_t length = 0; length <= 40; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      std::string value(length, 'v');
      if (at < length) {
        value[at] = '"';
      }
      for (const std::uint64_t line : lines) {
        CAPTURE(value);
        CAPTURE(line);
        CHECK(fused(JsonLayout::line, value, line) == by_members(JsonLayout::line, value, line));
        CHECK(fused(JsonLayout::pretty, value, line) ==
              by_members(JsonLayout::pretty, value, line));
      }
    }
  }
}
