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
// It writes through a cursor into room it grows ahead in `out`, so most calls are a bounds
// check and a few stores; the text is complete, and `out` its exact size, once finish() (or
// the destructor) has run.
class JsonWriter {
public:
  JsonWriter(std::string& out, JsonLayout layout)
      : m_out(out), m_pretty(layout == JsonLayout::pretty), m_at(out.data() + out.size()),
        m_end(m_at) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { finish(); }

  // Moves what was written so far to the end of `to` and empties `out`, keeping the state of
  // the open containers, so a long document can be written out in pieces.
  void drain(std::string& to) {
    to.append(m_out.data(), written());
    m_out.clear();
    m_at = m_out.data();
    m_end = m_at;
  }

  // Cuts `out` to what was written; the writer is not used after.
  void finish() {
    if (!m_finished) {
      m_out.resize(written());
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
    char* at = begin_value(name.size() + 4);
    *at++ = '"';
    std::memcpy(at, name.data(), name.size());
    at += name.size();
    *at++ = '"';
    *at++ = ':';
    if (m_pretty) {
      *at++ = ' ';
    }
    m_at = at;
    m_next = Next::after_key;
  }

  void string(std::string_view bytes);
  // A string the caller knows needs no escaping (a token: RFC 9110 5.6.2's tchar holds no
  // quote, backslash, control or non-ASCII byte), copied as it is.
  [[gnu::always_inline]] void token(std::string_view bytes) {
    char* at = begin_value(bytes.size() + 2);
    *at = '"';
    std::memcpy(at + 1, bytes.data(), bytes.size());
    at[bytes.size() + 1] = '"';
    m_at = at + bytes.size() + 2;
  }
  void number(std::uint64_t value);

  // `{"name":NAME,"value":VALUE,"line":LINE}`, a request's field: the object NDJSON writes
  // most often, so in line layout it is written with one bounds check when VALUE needs no
  // escaping; the text is the one the member calls would write. NAME is a token.
  void name_value_line(std::string_view name, std::string_view value, std::uint64_t line);
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
  // What the next value or key follows, which decides the separator written before it.
  enum class Next : unsigned char { first, after_key, after_value };

  void write(std::string_view value) { string(value); }
  void write(const std::string& value) { string(value); }
  void write(const char* value) { string(value); }
  void write(bool value) { boolean(value); }
  void write(std::uint64_t value) { number(value); }
  void write(unsigned value) { number(value); }
  void write(int value) { number(static_cast<std::uint64_t>(value)); }

  std::size_t written() const { return static_cast<std::size_t>(m_at - m_out.data()); }

  // A pointer to at least `bytes` writable bytes at the end of the text.
  [[gnu::always_inline]] char* room(std::size_t bytes) {
    if (static_cast<std::size_t>(m_end - m_at) < bytes) {
      grow(bytes);
    }
    return m_at;
  }
  void grow(std::size_t bytes);

  // Writes what goes before a value (or key) and returns where the value goes, with room for
  // `bytes` more. In line layout the separator is a comma after a value and nothing after a
  // key or an opening bracket; pretty layout adds the line break and indent.
  [[gnu::always_inline]] char* begin_value(std::size_t bytes) {
    if (m_pretty) {
      pretty_separator();
      m_next = Next::after_value;
      return room(bytes);
    }
    char* at = room(bytes + 1);
    if (m_next == Next::after_value) {
      *at++ = ',';
    }
    m_next = Next::after_value;
    return at;
  }
  void pretty_separator();

  // A value that needs no escaping: a literal or digits.
  void raw(std::string_view text) {
    char* at = begin_value(text.size());
    std::memcpy(at, text.data(), text.size());
    m_at = at + text.size();
  }

  void open(char bracket) {
    char* at = begin_value(1);
    *at = bracket;
    m_at = at + 1;
    m_next = Next::first;
    ++m_depth;
  }
  void close(char bracket) {
    --m_depth;
    if (m_pretty && m_next != Next::first) {
      newline_and_indent(m_depth);
    }
    *room(1) = bracket;
    ++m_at;
    // Once the outermost container is closed, the next value starts afresh, as the first did.
    m_next = m_depth == 0 ? Next::first : Next::after_value;
  }
  void newline_and_indent(std::size_t depth);

  std::string& m_out;
  // Read before every value and never written after construction: kept apart from the state
  // written with every value, so that reading it never waits on those stores.
  bool m_pretty;
  bool m_finished = false;
  // The end of the text written, and of the room grown ahead in `m_out` past it.
  char* m_at;
  char* m_end;
  // How many containers are open.
  std::size_t m_depth = 0;
  Next m_next = Next::first;
};

// An HRESULT as JSON shows it: `0x` and eight upper-case hexadecimal digits.
std::array<char, 10> hresult_text(std::uint32_t value);

// Appends `bytes` as a JSON string (quotes included) with the escaping JsonWriter uses.
void append_json_string(std::string& out, std::string_view bytes);

} // namespace wsh::output
