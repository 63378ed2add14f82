#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wsh::output {

// Indented for people, or one line per object (NDJSON) for streams.
enum class JsonLayout { pretty, line };

// Writes JSON straight into a string, with no document tree: the caller opens and closes
// objects and arrays and writes members and values in order. Strings are escaped once, as
// they are written: the output is ASCII only (every character past U+007E, DEL included,
// becomes a \u escape, so no C1 control or bidi override from a capture reaches a terminal),
// and bytes that are not valid UTF-8 become U+FFFD, one per maximal invalid subsequence
// (Unicode 15, 3.9). `pretty` indents by two spaces, as `jq .` does; `line` has no spaces.
//
// It writes through a pointer into room it grows ahead in `out`, so most calls are a few
// stores; the text is complete, and `out` its exact size, once finish() (or the destructor)
// has run.
class JsonWriter {
public:
  JsonWriter(std::string& out, JsonLayout layout)
      : m_out(out), m_size(out.size()), m_pretty(layout == JsonLayout::pretty) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { finish(); }

  // Moves what was written so far to the end of `to` and empties `out`, keeping the state of
  // the open containers, so a long document can be written out in pieces.
  void drain(std::string& to) {
    to.append(m_out.data(), m_size);
    m_out.clear();
    m_size = 0;
  }

  // Cuts `out` to what was written; the writer is not used after.
  void finish() {
    if (!m_finished) {
      m_out.resize(m_size);
      m_finished = true;
    }
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The name of the next member of the current object: plain ASCII, written as it is.
  // Inlined, so a literal name's length is a constant and the copy a few stores.
  [[gnu::always_inline]] void key(std::string_view name) {
    before_value();
    char* at = room(name.size() + 4);
    *at++ = '"';
    std::memcpy(at, name.data(), name.size());
    at += name.size();
    *at++ = '"';
    *at++ = ':';
    if (m_pretty) {
      *at++ = ' ';
    }
    m_size = static_cast<std::size_t>(at - m_out.data());
    m_after_key = true;
  }

  void string(std::string_view bytes);
  // A string the caller knows needs no escaping (a token: RFC 9110 5.6.2's tchar holds no
  // quote, backslash, control or non-ASCII byte), copied as it is.
  [[gnu::always_inline]] void token(std::string_view bytes) {
    before_value();
    char* at = room(bytes.size() + 2);
    *at = '"';
    std::memcpy(at + 1, bytes.data(), bytes.size());
    at[bytes.size() + 1] = '"';
    m_size += bytes.size() + 2;
  }
  void number(std::uint64_t value);
  void boolean(bool value) { raw(value ? std::string_view("true") : std::string_view("false")); }
  void null() { raw("null"); }
  // A string, or null when `text` is empty.
  void string_or_null(std::string_view text) {
    if (text.empty()) {
      null();
    } else {
      string(text);
    }
  }

  // A member with its value, for the common case.
  template <typename Value>
  [[gnu::always_inline]] void member(std::string_view name, const Value& value) {
    key(name);
    write(value);
  }

private:
  void write(std::string_view value) { string(value); }
  void write(const std::string& value) { string(value); }
  void write(const char* value) { string(value); }
  void write(bool value) { boolean(value); }
  void write(std::uint64_t value) { number(value); }
  void write(unsigned value) { number(value); }
  void write(int value) { number(static_cast<std::uint64_t>(value)); }

  // A pointer to at least `bytes` writable bytes at the end of the text.
  char* room(std::size_t bytes) {
    if (m_size + bytes > m_out.size()) {
      grow(bytes);
    }
    return m_out.data() + m_size;
  }
  void grow(std::size_t bytes);

  // A value that needs no escaping: a literal or digits.
  void raw(std::string_view text) {
    before_value();
    std::memcpy(room(text.size()), text.data(), text.size());
    m_size += text.size();
  }

  // Before a value: the separator and, in pretty layout, the line break and indent. After a
  // key, nothing.
  [[gnu::always_inline]] void before_value() {
    if (m_after_key) {
      m_after_key = false;
      return;
    }
    if (m_depth == 0) {
      return;
    }
    bool& has_elements = m_has_elements[m_depth - 1];
    if (has_elements) {
      *room(1) = ',';
      ++m_size;
    }
    has_elements = true;
    if (m_pretty) {
      newline_and_indent(m_depth);
    }
  }
  void open(char bracket) {
    before_value();
    *room(1) = bracket;
    ++m_size;
    m_has_elements.at(m_depth) = false; // deeper than any document this program writes: throws
    ++m_depth;
  }
  void close(char bracket);
  void newline_and_indent(std::size_t depth);

  std::string& m_out;
  // The length of the text written; `m_out` may be longer (room grown ahead).
  std::size_t m_size;
  bool m_pretty;
  bool m_finished = false;
  // A key was just written, so the next value is its value.
  bool m_after_key = false;
  // For each open container, outermost first: whether it has an element yet. The documents
  // this program writes nest at most six deep.
  std::array<bool, 16> m_has_elements{};
  std::size_t m_depth = 0;
};

// An HRESULT as JSON shows it: `0x` and eight upper-case hexadecimal digits.
std::array<char, 10> hresult_text(std::uint32_t value);

// Appends `bytes` as a JSON string (quotes included) with the escaping JsonWriter uses.
void append_json_string(std::string& out, std::string_view bytes);

} // namespace wsh::output
