#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace wsh::util {

// A string that keeps up to N characters in place and longer ones on the heap, so short values
// that are assigned again and again (a response header's value) cost no allocation. The heap
// string keeps its capacity when a short value replaces a long one.
template <std::size_t N>
class SmallString {
public:
  SmallString() = default;
  SmallString(std::string_view text) { assign(text); }

  // Replaces the contents with `text`.
  void assign(std::string_view text) {
    m_size = text.size();
    if (m_size <= N) {
      std::copy(text.begin(), text.end(), m_inline.begin());
    } else {
      m_heap.assign(text);
    }
  }
  void clear() { m_size = 0; }

  std::string_view view() const {
    return m_size <= N ? std::string_view(m_inline.data(), m_size) : std::string_view(m_heap);
  }
  operator std::string_view() const { return view(); }
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  // Whether the characters are in the inline array.
  bool is_inline() const { return m_size <= N; }
  const char* begin() const { return view().data(); }
  const char* end() const { return begin() + m_size; }

  friend bool operator==(const SmallString& a, const SmallString& b) {
    return a.view() == b.view();
  }
  friend bool operator==(const SmallString& a, std::string_view b) { return a.view() == b; }

private:
  std::array<char, N> m_inline{};
  std::string m_heap;
  std::size_t m_size = 0;
};

} // namespace wsh::util
