#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace wsh::util {

// A vector that keeps up to N elements in place, so the usual handful costs no allocation.
// One policy: while it holds at most N elements they live in the inline array; once it grows
// past N, all of them move to the heap, whose capacity clear() keeps for the next use. Slots
// are assigned, not constructed, so T must be default-constructible and assignable.
template <typename T, std::size_t N>
class SmallVector {
public:
  using value_type = T;

  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  // Whether the elements are in the inline array (for tests and for the curious).
  bool is_inline() const { return m_size <= N; }

  T* begin() { return is_inline() ? m_inline.data() : m_heap.data(); }
  const T* begin() const { return is_inline() ? m_inline.data() : m_heap.data(); }
  T* end() { return begin() + m_size; }
  const T* end() const { return begin() + m_size; }
  T& operator[](std::size_t index) { return begin()[index]; }
  const T& operator[](std::size_t index) const { return begin()[index]; }
  T& front() { return *begin(); }
  const T& front() const { return *begin(); }
  T& back() { return end()[-1]; }
  const T& back() const { return end()[-1]; }

  // Appends `value`; the (N+1)th element moves every element to the heap.
  void push_back(T value) {
    if (m_size < N) {
      m_inline[m_size++] = std::move(value);
      return;
    }
    spill(std::move(value));
  }

  // Removes the last element; back down to N, the elements return to the inline array.
  void pop_back() {
    --m_size;
    if (m_size == N) {
      std::move(m_heap.begin(), m_heap.begin() + static_cast<std::ptrdiff_t>(N), m_inline.begin());
    }
  }

  // Empties the vector; the heap keeps its capacity.
  void clear() { m_size = 0; }

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
  // Past N: the first time, the inline elements go to the heap ahead of `value`. Kept out of
  // line so push_back inlines.
  [[gnu::noinline]] void spill(T value) {
    if (m_size == N) {
      m_heap.clear();
      m_heap.insert(m_heap.end(), std::make_move_iterator(m_inline.begin()),
                    std::make_move_iterator(m_inline.end()));
    }
    m_heap.push_back(std::move(value));
    ++m_size;
  }

  std::array<T, N> m_inline{};
  std::vector<T> m_heap;
  std::size_t m_size = 0;
};

} // namespace wsh::util
