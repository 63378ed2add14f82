#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace wsh::handshake {

// A vector that keeps up to N elements in place, so the usual handful costs no allocation; past
// N they live on the heap. Slots are assigned, not constructed: T is default-constructible.
template <typename T, std::size_t N>
class InlineVector {
public:
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  T* begin() { return m_size <= N ? m_inline.data() : m_heap.data(); }
  const T* begin() const { return m_size <= N ? m_inline.data() : m_heap.data(); }
  T& operator[](std::size_t index) { return begin()[index]; }
  const T& operator[](std::size_t index) const { return begin()[index]; }

  // Replaces the contents with `count` copies of `value`.
  void assign(std::size_t count, const T& value) {
    if (count <= N) {
      std::fill_n(m_inline.begin(), count, value);
    } else {
      m_heap.assign(count, value);
    }
    m_size = count;
  }

private:
  std::array<T, N> m_inline{};
  std::vector<T> m_heap;
  std::size_t m_size = 0;
};

} // namespace wsh::handshake
