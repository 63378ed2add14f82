#include "util/SmallString.hpp"
#include "util/SmallVector.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using wsh::util::SmallString;
using wsh::util::SmallVector;

namespace {

template <typename T, std::size_t N>
std::vector<T> contents(const SmallVector<T, N>& vector) {
  return {vector.begin(), vector.end()};
}

} // namespace

TEST_CASE("util::SmallVector keeps up to N inline and moves all of them to the heap past N") {
  SmallVector<int, 3> vector;
  CHECK(vector.empty());
  CHECK(vector.is_inline());
  for (int i = 1; i <= 3; ++i) {
    vector.push_back(i);
    CHECK(vector.is_inline());
  }
  CHECK(contents(vector) == std::vector<int>{1, 2, 3});
  vector.push_back(4);
  CHECK_FALSE(vector.is_inline());
  CHECK(contents(vector) == std::vector<int>{1, 2, 3, 4});
  vector.push_back(5);
  CHECK(vector.size() == 5);
  CHECK(vector.front() == 1);
  CHECK(vector.back() == 5);
  CHECK(vector[3] == 4);
}

TEST_CASE("util::SmallVector reused after clear holds only the new elements") {
  SmallVector<std::string, 2> vector;
  for (const char* word : {"a", "b", "c", "d"}) {
    vector.push_back(word);
  }
  vector.clear();
  CHECK(vector.empty());
  CHECK(vector.is_inline());
  vector.push_back("x");
  CHECK(contents(vector) == std::vector<std::string>{"x"});
  // Spilling a second time must not keep the first spill's elements.
  vector.push_back("y");
  vector.push_back("z");
  CHECK(contents(vector) == std::vector<std::string>{"x", "y", "z"});
}

TEST_CASE("util::SmallVector::pop_back returns to the inline array at N") {
  SmallVector<int, 2> vector;
  for (int i = 1; i <= 4; ++i) {
    vector.push_back(i);
  }
  vector.pop_back();
  CHECK(contents(vector) == std::vector<int>{1, 2, 3});
  vector.pop_back();
  CHECK(vector.is_inline());
  CHECK(contents(vector) == std::vector<int>{1, 2});
  vector.back() = 7;
  vector.pop_back();
  CHECK(contents(vector) == std::vector<int>{1});
  vector.push_back(8);
  vector.push_back(9);
  CHECK(contents(vector) == std::vector<int>{1, 8, 9});
}

TEST_CASE("util::SmallVector::assign fills inline or on the heap") {
  SmallVector<std::optional<int>, 4> vector;
  vector.assign(4, 7);
  CHECK(vector.is_inline());
  CHECK(contents(vector) == std::vector<std::optional<int>>(4, 7));
  vector.assign(6, std::nullopt);
  CHECK_FALSE(vector.is_inline());
  CHECK(contents(vector) == std::vector<std::optional<int>>(6, std::nullopt));
  vector.assign(0, 1);
  CHECK(vector.empty());
}

TEST_CASE("util::SmallString keeps up to N characters inline, longer ones on the heap") {
  SmallString<4> text;
  CHECK(text.empty());
  text.assign("abcd");
  CHECK(text.is_inline());
  CHECK(text.view() == "abcd");
  text.assign("abcde");
  CHECK_FALSE(text.is_inline());
  CHECK(text == std::string_view("abcde"));
  // A short value after a long one is read from the inline array, not the stale heap.
  text.assign("xy");
  CHECK(text.is_inline());
  CHECK(text.view() == "xy");
  CHECK(std::string(text.begin(), text.end()) == "xy");
  CHECK(text == SmallString<4>("xy"));
  text.clear();
  CHECK(text.view().empty());
}
