#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace wsh::util {

// The error half of an Expected, named like std::unexpected (C++23), which g++ 12 lacks.
template <typename E>
struct Unexpected {
  E error;
};

template <typename E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>{std::forward<E>(error)};
}

// A value or the reason there is none; a small stand-in for std::expected (C++23).
template <typename T, typename E>
class Expected {
public:
  Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected<E> failure) : m_state(std::in_place_index<1>, std::move(failure.error)) {}

  bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E& error() & { return std::get<1>(m_state); }
  const E& error() const& { return std::get<1>(m_state); }

private:
  std::variant<T, E> m_state;
};

} // namespace wsh::util
