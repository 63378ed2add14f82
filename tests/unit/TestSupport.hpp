#pragma once

#include <cstring>
#include <memory>
#include <string_view>

namespace wsh::test {

// A copy of `text` in a heap block of exactly its size, so that AddressSanitizer catches any
// read past its end (a std::string would have a terminating NUL and spare capacity).
class ExactBuffer {
public:
  explicit ExactBuffer(std::string_view text)
      : m_bytes(new char[text.size()]), m_size(text.size()) {
    if (m_size > 0) {
      std::memcpy(m_bytes.get(), text.data(), m_size);
    }
  }
  std::string_view view() const { return {m_bytes.get(), m_size}; }

private:
  std::unique_ptr<char[]> m_bytes;
  std::size_t m_size;
};

} // namespace wsh::test
